#include "http/pipeline.h"

#include <gtest/gtest.h>

#include "common/clock.h"

namespace brickyard::http {
namespace {

constexpr int64_t kNow = 1700000000;

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() : clock_(kNow) {
    router_.Add("GET", "/clusters", [](const Request& r) {
      Reply reply;
      reply.body = r.IsAdmin() ? "admin" : "user";
      return reply;
    });
    router_.Add("POST", "/clusters", [](const Request&) { return Empty(201); });
    router_.Add("GET", "/volumes", [](const Request& r) {
      Reply reply;
      reply.body = r.Owner();
      return reply;
    });
    auth::VerifierOptions vo;
    vo.admin_key = "a";
    vo.user_key = "u";
    pipeline_ = std::make_unique<Pipeline>(std::make_unique<auth::Verifier>(vo, clock_), admin_,
                                           router_, [](const Request&) { return Empty(299); });
  }

  Request Make(const std::string& method, const std::string& path, const std::string& issuer = "admin",
               const std::string& key = "a") {
    Request r;
    r.method = method;
    r.path = path;
    r.remote_addr = "10.1.1.1";
    if (!issuer.empty()) {
      r.headers["authorization"] = "Bearer " + auth::SignToken(issuer, key, method, path, kNow);
    }
    return r;
  }

  FakeClock clock_;
  AdminState admin_;
  Router router_;
  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(PipelineTest, UnauthenticatedRoutes) {
  Reply hello = pipeline_->Handle(Make("GET", "/hello", ""));
  EXPECT_EQ(hello.status, 200);
  EXPECT_EQ(hello.body, "Hello from Heketi");
  EXPECT_EQ(pipeline_->Handle(Make("GET", "/metrics", "")).status, 299);
  // Other methods on /hello need a token.
  EXPECT_EQ(pipeline_->Handle(Make("POST", "/hello", "")).status, 401);
}

TEST_F(PipelineTest, AuthBeforeRouting) {
  EXPECT_EQ(pipeline_->Handle(Make("GET", "/nowhere", "")).status, 401);
  EXPECT_EQ(pipeline_->Handle(Make("GET", "/nowhere")).status, 404);
  EXPECT_EQ(pipeline_->Handle(Make("DELETE", "/clusters")).status, 405);
  Reply slash = pipeline_->Handle(Make("GET", "/clusters/"));
  EXPECT_EQ(slash.status, 301);
  EXPECT_EQ(slash.headers.front().second, "/clusters");
}

TEST_F(PipelineTest, UserRole) {
  Reply denied = pipeline_->Handle(Make("GET", "/clusters", "user", "u"));
  EXPECT_EQ(denied.status, 401);
  EXPECT_EQ(denied.body, "Administrator access required\n");
  Reply vols = pipeline_->Handle(Make("GET", "/volumes", "user", "u"));
  EXPECT_EQ(vols.status, 200);
  EXPECT_EQ(vols.body, "user");
  EXPECT_TRUE(Pipeline::UserMayAccess("GET", "/queue/abc123"));
  EXPECT_TRUE(Pipeline::UserMayAccess("GET", "/volumes/abc123"));
  EXPECT_TRUE(Pipeline::UserMayAccess("DELETE", "/volumes/abc123"));
  EXPECT_TRUE(Pipeline::UserMayAccess("POST", "/volumes/abc123/expand"));
  EXPECT_FALSE(Pipeline::UserMayAccess("POST", "/volumes/abc123/clone"));
  EXPECT_FALSE(Pipeline::UserMayAccess("GET", "/nodes/abc123"));
  EXPECT_FALSE(Pipeline::UserMayAccess("DELETE", "/queue/abc123"));
}

TEST_F(PipelineTest, MaintenanceModes) {
  admin_.Set(AdminMode::kReadOnly);
  EXPECT_EQ(pipeline_->Handle(Make("POST", "/clusters")).status, 503);
  EXPECT_EQ(pipeline_->Handle(Make("GET", "/clusters")).status, 200);
  admin_.Set(AdminMode::kLocalClient);
  EXPECT_EQ(pipeline_->Handle(Make("POST", "/clusters")).status, 503);
  Request local = Make("POST", "/clusters");
  local.remote_addr = "127.0.0.1";
  EXPECT_EQ(pipeline_->Handle(local).status, 201);
}

TEST_F(PipelineTest, AuthDisabledMeansAdmin) {
  Pipeline open(nullptr, admin_, router_, [](const Request&) { return Empty(200); });
  Reply r = open.Handle(Make("GET", "/clusters", ""));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "admin");
}

}  // namespace
}  // namespace brickyard::http
