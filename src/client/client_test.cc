#include "client/client.h"

#include <gtest/gtest.h>

#include <map>

#include "auth/jwt.h"
#include "client/fake_transport.h"

namespace brickyard::client {
namespace {

constexpr int64_t kNow = 1700000000;
constexpr char kKey[] = "secret";

class ClientTest : public ::testing::Test {
 protected:
  // Builds a client whose transport answers with `handler`; sleeps are
  // recorded, not slept.
  Client Make(FakeTransport::Handler handler, std::string server = "http://h:8080") {
    auto transport = std::make_unique<FakeTransport>(std::move(handler));
    transport_ = transport.get();
    ClientOptions options;
    options.user = "admin";
    options.key = kKey;
    options.sleep = [this](std::chrono::milliseconds d) { sleeps_.push_back(d.count()); };
    options.progress = [this](const Progress& p) { progress_.push_back(p); };
    options.busy_delay_min = options.busy_delay_max = std::chrono::milliseconds(15000);
    return Client(*ParseBaseUrl(server), options, std::move(transport), clock_);
  }

  // True if the request carries a valid admin token for its own method/path.
  bool SignedForItsPath(const HttpRequest& r) {
    auth::Verifier verifier({.admin_key = kKey, .user_key = "u"}, clock_);
    std::string header;
    for (const auto& [k, v] : r.headers)
      if (k == "Authorization") header = v;
    return verifier.Verify(header, r.method, r.path).ok();
  }

  FakeClock clock_{kNow};
  FakeTransport* transport_ = nullptr;
  std::vector<int64_t> sleeps_;
  std::vector<Progress> progress_;
};

TEST_F(ClientTest, SyncGetSignsExactPath) {
  Client c = Make([](const HttpRequest&) { return MakeResponse(200, R"({"clusters":["b","a"]})"); });
  auto r = c.Get("/clusters");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->dump(), R"({"clusters":["b","a"]})");
  auto reqs = transport_->requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method, "GET");
  EXPECT_EQ(reqs[0].path, "/clusters");
  EXPECT_TRUE(SignedForItsPath(reqs[0]));
}

TEST_F(ClientTest, KeepsServerKeyOrder) {
  Client c = Make([](const HttpRequest&) { return MakeResponse(200, R"({"z":1,"a":2})"); });
  EXPECT_EQ(c.Get("/x")->dump(), R"({"z":1,"a":2})");
}

TEST_F(ClientTest, AsyncCreatePollsWithBackoffAndFollowsSeeOther) {
  int polls = 0;
  Client c = Make([&](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.method == "POST" && r.path == "/volumes") {
      EXPECT_EQ(r.body, R"({"size":1})");
      return MakeResponse(202, "", {{"Location", "/queue/job1"}});
    }
    if (r.path == "/queue/job1") {
      if (++polls <= 3) return MakeResponse(200, polls == 2 ? "creating bricks\n" : "", {{"X-Pending", "true"}});
      return MakeResponse(303, "<a>See Other</a>", {{"Location", "/volumes/v1"}});
    }
    if (r.path == "/volumes/v1") return MakeResponse(200, R"({"id":"v1"})");
    return MakeResponse(404, "Invalid path or request");
  });
  auto r = c.Post("/volumes", Json{{"size", 1}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)["id"], "v1");
  auto reqs = transport_->requests();
  ASSERT_EQ(reqs.size(), 6u);
  for (const auto& req : reqs) EXPECT_TRUE(SignedForItsPath(req)) << req.path;
  EXPECT_EQ(reqs.back().method, "GET");
  EXPECT_EQ(sleeps_, (std::vector<int64_t>{10, 20, 40}));
  ASSERT_EQ(progress_.size(), 3u);
  EXPECT_EQ(progress_[0].job, "/queue/job1");
  EXPECT_EQ(progress_[0].message, "pending");
  EXPECT_EQ(progress_[1].message, "creating bricks");
}

TEST_F(ClientTest, BackoffIsCappedAtPollMax) {
  int polls = 0;
  Client c = Make([&](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.path == "/nodes/n/state") return MakeResponse(202, "", {{"Location", "/queue/j"}});
    if (++polls <= 9) return MakeResponse(200, "", {{"X-Pending", "true"}});
    return MakeResponse(204);
  });
  auto r = c.Post("/nodes/n/state", Json{{"state", "offline"}});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->is_null());
  EXPECT_EQ(sleeps_, (std::vector<int64_t>{10, 20, 40, 80, 160, 320, 640, 1000, 1000}));
}

TEST_F(ClientTest, QueueFailureGivesServerMessageVerbatim) {
  Client c = Make([&](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.method == "DELETE") return MakeResponse(202, "", {{"Location", "/queue/j"}});
    return MakeResponse(500, "Unable to delete volume: brick busy\n");
  });
  auto r = c.Delete("/volumes/v");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_EQ(r.status().message(), "Unable to delete volume: brick busy");
}

TEST_F(ClientTest, SyncErrorsKeepTheirCode) {
  Client c = Make([](const HttpRequest&) { return MakeResponse(409, "Unable to delete cluster [x] because it contains volumes and/or nodes\n"); });
  auto r = c.Delete("/clusters/x");
  EXPECT_EQ(r.status().code(), Code::kConflict);
  EXPECT_EQ(r.status().message(), "Unable to delete cluster [x] because it contains volumes and/or nodes");
}

TEST_F(ClientTest, BusyIsRetriedHonouringRetryAfter) {
  int calls = 0;
  Client c = Make([&](const HttpRequest&) -> Result<HttpResponse> {
    if (++calls == 1) return MakeResponse(429, "Server busy. Retry operation later.\n", {{"Retry-After", "2"}});
    if (calls == 2) return MakeResponse(429, "Server busy. Retry operation later.\n");
    return MakeResponse(201, R"({"id":"c"})");
  });
  auto r = c.Post("/clusters", Json{{"file", true}, {"block", true}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(sleeps_, (std::vector<int64_t>{2000, 15000}));
  ASSERT_EQ(progress_.size(), 2u);
  EXPECT_EQ(progress_[0].message, "Server busy. Retry operation later. (retry 1 of 6 in 2s)");
}

TEST_F(ClientTest, BusyGivesUpAfterRetries) {
  Client c = Make([](const HttpRequest&) { return MakeResponse(429, "Server busy. Retry operation later.\n"); });
  auto r = c.Post("/volumes", Json::object());
  EXPECT_EQ(r.status().code(), Code::kBusy);
  EXPECT_EQ(r.status().message(), "Server busy. Retry operation later.");
  EXPECT_EQ(transport_->requests().size(), 7u);
}

TEST_F(ClientTest, PrefixIsAddedToPathsAndLocations) {
  Client c = Make([&](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.path == "/heketi/nodes") return MakeResponse(202, "", {{"Location", "/queue/j"}});
    if (r.path == "/heketi/queue/j") return MakeResponse(303, "", {{"Location", "/nodes/n"}});
    if (r.path == "/heketi/nodes/n") return MakeResponse(200, R"({"id":"n"})");
    return MakeResponse(404, "Invalid path or request");
  }, "http://h:1/heketi/");
  auto r = c.Post("/nodes", Json::object());
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const auto& req : transport_->requests()) EXPECT_TRUE(SignedForItsPath(req)) << req.path;
}

TEST_F(ClientTest, TransportErrorsPropagate) {
  Client c = Make([](const HttpRequest&) -> Result<HttpResponse> {
    return Unavailable("Unable to reach the server at http://h:8080: could not establish a connection");
  });
  auto r = c.Get("/clusters");
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
}

TEST_F(ClientTest, UnparsableBodyIsInternal) {
  Client c = Make([](const HttpRequest&) { return MakeResponse(200, "not json"); });
  auto r = c.Get("/clusters");
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_NE(r.status().message().find("GET /clusters"), std::string::npos);
}

TEST_F(ClientTest, EmptyBodyIsNull) {
  Client c = Make([](const HttpRequest&) { return MakeResponse(200, ""); });
  auto r = c.Post("/clusters/x/flags", Json{{"file", true}});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->is_null());
}

TEST_F(ClientTest, CallReturnsRawBody) {
  Client c = Make([](const HttpRequest&) {
    return MakeResponse(200, "SQLite format 3", {{"Content-Type", "application/octet-stream"}});
  });
  auto r = c.Call("GET", "/backup/db");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "SQLite format 3");
  EXPECT_EQ(r->content_type, "application/octet-stream");
}

}  // namespace
}  // namespace brickyard::client
