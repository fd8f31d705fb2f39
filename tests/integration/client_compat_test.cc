// The habits of Heketi's own clients, reproduced against the real server:
// the Python client (no Content-Type, "{}" bodies on GET/DELETE, tokens that
// live one second), the Go client ("bearer" in lower case, re-signing when it
// follows a 303), and the Kubernetes provisioner's request shapes.
#include <gtest/gtest.h>

#include <chrono>

#include "auth/jwt.h"
#include "http_client.h"
#include "server_process.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

json Config(bool use_auth = true) {
  json c = {{"use_auth", use_auth},
            {"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
            {"glusterfs", {{"executor", "mock"}, {"loglevel", "warning"}}}};
  return c;
}

class ClientCompatTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.Start(Config())); }

  // A request exactly as the Python client sends it.
  Response Python(const std::string& method, const std::string& path, const std::string& body = "{}") {
    TestClient raw(server_.url(), "");
    int64_t now = Now();
    std::string token = auth::SignToken("admin", "admin-secret", method, path, now, /*ttl_s=*/1);
    return raw.DoRaw(method, path, body, {{"Authorization", "Bearer " + token}});
  }

  Response PythonWait(Response r) {
    while (true) {
      if (r.status != 202 && !(r.status == 200 && !r.Header("X-Pending").empty())) break;
      std::string loc = r.status == 202 ? r.Header("Location") : last_queue_;
      last_queue_ = loc;
      r = Python("GET", loc);
    }
    if (r.status == 303) return Python("GET", r.Header("Location"));
    return r;
  }

  ServerProcess server_;
  std::string last_queue_;
};

TEST_F(ClientCompatTest, PythonClientFlow) {
  Response cl = Python("POST", "/clusters");
  ASSERT_EQ(cl.status, 201) << cl.body;
  std::string cid = cl.Json()["id"];
  EXPECT_EQ(cl.Json()["file"], true);
  EXPECT_EQ(cl.Json()["block"], true);
  EXPECT_EQ(Python("GET", "/clusters/" + cid).status, 200);
  EXPECT_EQ(Python("POST", "/clusters/" + cid + "/flags", R"({"file":true,"block":false})").status, 200);

  std::vector<std::string> nodes;
  for (int i = 1; i <= 3; ++i) {
    std::string host = "192.0.2." + std::to_string(i);
    json n = {{"zone", i}, {"hostnames", {{"manage", {host}}, {"storage", {host}}}}, {"cluster", cid}};
    Response node = PythonWait(Python("POST", "/nodes", n.dump()));
    ASSERT_EQ(node.status, 200) << node.body;
    nodes.push_back(node.Json()["id"]);
    Response dev = PythonWait(Python("POST", "/devices", json{{"node", nodes.back()}, {"name", "/dev/vdb"}}.dump()));
    EXPECT_EQ(dev.status, 204) << dev.body;
  }
  Response vol = PythonWait(Python("POST", "/volumes", R"({"size":2,"durability":{"type":"replicate","replicate":{"replica":3}}})"));
  ASSERT_EQ(vol.status, 200) << vol.body;
  std::string vid = vol.Json()["id"];
  Response ex = PythonWait(Python("POST", "/volumes/" + vid + "/expand", R"({"expand_size":1})"));
  ASSERT_EQ(ex.status, 200);
  EXPECT_EQ(ex.Json()["size"], 3);
  EXPECT_EQ(Python("POST", "/nodes/" + nodes[0] + "/tags", R"({"change_type":"set","tags":{"rack":"r1"}})").body,
            "{\"rack\":\"r1\"}\n");
  EXPECT_EQ(PythonWait(Python("DELETE", "/volumes/" + vid)).status, 204);
  EXPECT_EQ(Python("GET", "/hello").status, 200);
}

TEST_F(ClientCompatTest, ExpiredWithinLeewayIsAcceptedBeyondIsNot) {
  TestClient raw(server_.url(), "");
  int64_t now = Now();
  std::string stale = auth::SignToken("admin", "admin-secret", "GET", "/clusters", now - 31, 1);
  EXPECT_EQ(raw.DoRaw("GET", "/clusters", "", {{"Authorization", "Bearer " + stale}}).status, 200);
  std::string old = auth::SignToken("admin", "admin-secret", "GET", "/clusters", now - 600, 1);
  Response r = raw.DoRaw("GET", "/clusters", "", {{"Authorization", "Bearer " + old}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body.rfind("Invalid JWT token: Token is expired by ", 0), 0u) << r.body;
  std::string wrong_qsh = auth::SignToken("admin", "admin-secret", "GET", "/volumes", now, 60);
  Response q = raw.DoRaw("GET", "/clusters", "", {{"Authorization", "Bearer " + wrong_qsh}});
  EXPECT_EQ(q.status, 401);
  EXPECT_EQ(q.body, "Invalid qsh claim in token\n");
}

TEST_F(ClientCompatTest, GoClientLowerCaseBearerAndQueryStrings) {
  TestClient raw(server_.url(), "");
  std::string token = auth::SignToken("admin", "admin-secret", "GET", "/clusters", Now(), 300);
  EXPECT_EQ(raw.DoRaw("GET", "/clusters", "", {{"Authorization", "bearer " + token}}).status, 200);
  // The query string never takes part in qsh.
  EXPECT_EQ(raw.DoRaw("GET", "/clusters?x=1", "", {{"Authorization", "bearer " + token}}).status, 200);
}

TEST_F(ClientCompatTest, ProvisionerRequestShape) {
  TestClient c(server_.url());
  std::string cid = c.Do("POST", "/clusters", R"({"file":true,"block":false})").Json()["id"];
  for (int i = 1; i <= 3; ++i) {
    std::string host = "192.0.2." + std::to_string(10 + i);
    json n = {{"zone", i}, {"hostnames", {{"manage", {host}}, {"storage", {host}}}}, {"cluster", cid}};
    std::string nid = c.Run("POST", "/nodes", n.dump()).Json()["id"];
    c.Run("POST", "/devices", json{{"node", nid}, {"name", "/dev/sdb"}}.dump());
  }
  // What kubernetes.io/glusterfs sends: gid always, snapshot always enabled.
  json req = {{"size", 5},
              {"name", "vol_ns_pvc_0c8a3d3e-0a52-4a35-9d2b-2b0e4f1d8c11"},
              {"clusters", {cid}},
              {"gid", 2001},
              {"durability", {{"type", "replicate"}, {"replicate", {{"replica", 3}}}}},
              {"glustervolumeoptions", {"performance.readdir-ahead off"}},
              {"snapshot", {{"enable", true}, {"factor", 1.0}}}};
  Response v = c.Run("POST", "/volumes", req.dump());
  ASSERT_EQ(v.status, 200) << v.body;
  json vol = v.Json();
  EXPECT_EQ(vol["gid"], 2001);
  EXPECT_EQ(vol["snapshot"]["enable"], true);
  EXPECT_EQ(vol["name"], req["name"]);
  // The provisioner builds Endpoints from every node's storage hostnames.
  json cluster = c.Do("GET", "/clusters/" + vol["cluster"].get<std::string>()).Json();
  ASSERT_EQ(cluster["nodes"].size(), 3u);
  for (const auto& nid : cluster["nodes"]) {
    json node = c.Do("GET", "/nodes/" + nid.get<std::string>()).Json();
    EXPECT_EQ(node["hostnames"]["storage"].size(), 1u);
  }
  // Old PVs are deleted by id taken from the path "vol_<id>".
  EXPECT_EQ(c.Run("DELETE", "/volumes/" + vol["id"].get<std::string>()).status, 204);
}

TEST(ClientCompatNoAuthTest, UseAuthFalseServesWithoutTokens) {
  ServerProcess server;
  ASSERT_TRUE(server.Start(Config(/*use_auth=*/false)));
  TestClient anon(server.url(), "");
  Response r = anon.Do("POST", "/clusters", "{}");
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(anon.Do("GET", "/clusters").status, 200);
}

}  // namespace
}  // namespace brickyard::testing
