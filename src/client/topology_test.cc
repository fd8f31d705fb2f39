#include "client/topology.h"

#include <gtest/gtest.h>

#include <map>

#include "client/fake_transport.h"

namespace brickyard::client {
namespace {

// A tiny read-only server: path → JSON body.
std::unique_ptr<FakeTransport> Serve(std::map<std::string, std::string> routes) {
  return std::make_unique<FakeTransport>([routes](const HttpRequest& r) -> Result<HttpResponse> {
    auto it = routes.find(r.path);
    if (it == routes.end()) return MakeResponse(404, "Id not found\n");
    return MakeResponse(200, it->second);
  });
}

TEST(TopologyTest, AssemblesClustersVolumesAndNodesInOrder) {
  FakeClock clock(1);
  auto transport = Serve({
      {"/clusters", R"({"clusters":["c1","c2"]})"},
      {"/clusters/c1", R"({"id":"c1","nodes":["n2","n1"],"volumes":["v1","gone","vx"],"block":true,"file":false,"blockvolumes":[]})"},
      {"/clusters/c2", R"({"id":"c2","nodes":[],"volumes":[],"block":false,"file":true,"blockvolumes":[]})"},
      {"/volumes/v1", R"({"id":"v1","cluster":"c1"})"},
      {"/volumes/vx", R"({"id":"vx","cluster":"other"})"},
      {"/nodes/n1", R"({"id":"n1"})"},
      {"/nodes/n2", R"({"id":"n2"})"},
  });
  FakeTransport* fake = transport.get();
  Client c(*ParseBaseUrl("http://h:1"), {}, std::move(transport), clock);
  auto t = FetchTopology(c, 4);
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->dump(),
            R"({"clusters":[{"volumes":[{"id":"v1","cluster":"c1"}],"nodes":[{"id":"n2"},{"id":"n1"}],)"
            R"("id":"c1","block":true,"file":false},{"volumes":[],"nodes":[],"id":"c2","block":false,"file":true}]})");
  EXPECT_EQ(fake->requests().size(), 8u);
}

TEST(TopologyTest, PropagatesOtherErrors) {
  FakeClock clock(1);
  auto transport = std::make_unique<FakeTransport>([](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.path == "/clusters") return MakeResponse(401, "Invalid JWT token: Unknown user\n");
    return MakeResponse(404, "");
  });
  Client c(*ParseBaseUrl("http://h:1"), {}, std::move(transport), clock);
  auto t = FetchTopology(c);
  EXPECT_EQ(t.status().code(), Code::kUnauthenticated);
}

TEST(TopologyTest, GetAllFailsWithFirstErrorInOrder) {
  FakeClock clock(1);
  Client c(*ParseBaseUrl("http://h:1"), {}, Serve({{"/a", "1"}, {"/c", "3"}}), clock);
  auto all = GetAll(c, {"/a", "/b", "/c"});
  EXPECT_EQ(all.status().code(), Code::kNotFound);
  auto ok = GetAll(c, {"/a", "/c"});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)[1], 3);
}

}  // namespace
}  // namespace brickyard::client
