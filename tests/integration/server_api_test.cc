// End-to-end tests of the REST API: the real brickyard binary on a free
// loopback port with the mock executor, driven over HTTP with JWTs.
#include <gtest/gtest.h>

#include <future>
#include <set>
#include <vector>

#include "http_client.h"
#include "server_process.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;

json BaseConfig() {
  return json{{"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
              {"glusterfs", {{"executor", "mock"}, {"loglevel", "warning"}}}};
}

class ServerApiTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.Start(BaseConfig())); }

  TestClient Admin() { return TestClient(server_.url()); }

  // cluster → 3 nodes in 3 zones → one device each. Returns the cluster id.
  std::string MakeTopology(TestClient& c, int nodes = 3, const std::string& name = "") {
    json body = {{"file", true}, {"block", true}};
    if (!name.empty()) body["name"] = name;
    Response cl = c.Do("POST", "/clusters", body.dump());
    EXPECT_EQ(cl.status, 201) << cl.body;
    std::string cid = cl.Json()["id"];
    for (int i = 1; i <= nodes; ++i) {
      std::string host = "10.0." + std::to_string(next_host_) + "." + std::to_string(i);
      json node = {{"zone", i},
                   {"hostnames", {{"manage", {host}}, {"storage", {host}}}},
                   {"cluster", cid}};
      Response n = c.Run("POST", "/nodes", node.dump());
      EXPECT_EQ(n.status, 200) << n.body;
      std::string nid = n.Json()["id"];
      Response d = c.Run("POST", "/devices", json{{"node", nid}, {"name", "/dev/sdb"}}.dump());
      EXPECT_EQ(d.status, 204) << d.body;
    }
    ++next_host_;
    return cid;
  }

  ServerProcess server_;
  int next_host_ = 1;
};

TEST_F(ServerApiTest, HelloNeedsNoToken) {
  TestClient anon(server_.url(), "");
  Response r = anon.Do("GET", "/hello");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "Hello from Heketi");
}

TEST_F(ServerApiTest, AuthenticationFailures) {
  TestClient anon(server_.url(), "");
  Response r = anon.Do("GET", "/clusters");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.body, "Required authorization token not found\n");
  EXPECT_EQ(r.Header("Content-Type"), "text/plain; charset=utf-8");
  // Unknown path without a token is 401, not 404: auth runs before routing.
  EXPECT_EQ(anon.Do("GET", "/nowhere").status, 401);

  Response bad_format = anon.DoRaw("GET", "/clusters", "", {{"Authorization", "Token abc"}});
  EXPECT_EQ(bad_format.status, 400);
  EXPECT_EQ(bad_format.body, "Authorization header format must be Bearer {token}\n");

  TestClient wrong(server_.url(), "admin", "not-the-secret");
  Response w = wrong.Do("GET", "/clusters");
  EXPECT_EQ(w.status, 401);
  EXPECT_EQ(w.body, "Invalid JWT token: signature is invalid (client and server secrets may not match)\n");
}

TEST_F(ServerApiTest, RoutingErrors) {
  TestClient c = Admin();
  Response nf = c.Do("GET", "/volumes/0123456789abcdef0123456789abcdef");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nf.body, "Id not found\n");
  Response bad = c.Do("GET", "/nodes/not-hex");
  EXPECT_EQ(bad.status, 404);
  EXPECT_EQ(bad.body, "Invalid path or request\n");
  EXPECT_EQ(c.Do("PUT", "/clusters").status, 405);
  Response slash = c.Do("GET", "/clusters/");
  EXPECT_EQ(slash.status, 301);
  EXPECT_EQ(slash.Header("Location"), "/clusters");
}

TEST_F(ServerApiTest, ParseAndValidationErrors) {
  TestClient c = Admin();
  Response p = c.Do("POST", "/volumes", "{bad json");
  EXPECT_EQ(p.status, 422);
  EXPECT_EQ(p.body, "request unable to be parsed\n");
  Response t = c.Do("POST", "/volumes", R"({"size":"10"})");
  EXPECT_EQ(t.status, 422);
  Response v = c.Do("POST", "/volumes", "{}");
  EXPECT_EQ(v.status, 400);
  EXPECT_EQ(v.body, "validation failed: size: cannot be blank.\n");
  Response n = c.Do("POST", "/nodes", R"({"zone":1,"cluster":"0123456789abcdef0123456789abcdef"})");
  EXPECT_EQ(n.status, 400);
  Response nc = c.Do("POST", "/volumes", R"({"size":1,"clusters":["0123456789abcdef0123456789abcdef"]})");
  EXPECT_EQ(nc.status, 400);
  EXPECT_EQ(nc.body, "Cluster id 0123456789abcdef0123456789abcdef not found\n");
  // Nothing was created by any of these.
  EXPECT_EQ(c.Do("GET", "/volumes").body, "{\"volumes\":[]}\n");
}

TEST_F(ServerApiTest, FullLifecycle) {
  TestClient c = Admin();
  Response cl = c.Do("POST", "/clusters", "{}");
  ASSERT_EQ(cl.status, 201);
  json cluster = cl.Json();
  std::string cid = cluster["id"];
  EXPECT_EQ(cid.size(), 32u);
  EXPECT_EQ(cl.body, "{\"id\":\"" + cid +
                         "\",\"nodes\":[],\"volumes\":[],\"block\":true,\"file\":true,"
                         "\"blockvolumes\":[]}\n");
  EXPECT_EQ(c.Do("GET", "/clusters").body, "{\"clusters\":[\"" + cid + "\"]}\n");

  std::vector<std::string> nodes;
  for (int i = 1; i <= 3; ++i) {
    std::string host = "192.0.2." + std::to_string(i);
    json node = {{"zone", i}, {"hostnames", {{"manage", {host}}, {"storage", {host}}}}, {"cluster", cid}};
    Response accepted = c.Do("POST", "/nodes", node.dump());
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    ASSERT_EQ(accepted.Header("Location").rfind("/queue/", 0), 0u);
    Response n = c.Wait(accepted);
    ASSERT_EQ(n.status, 200) << n.body;
    json info = n.Json();
    EXPECT_EQ(info["zone"], i);
    EXPECT_EQ(info["cluster"], cid);
    EXPECT_EQ(info["state"], "online");
    EXPECT_EQ(info["devices"], json::array());
    EXPECT_FALSE(info.contains("tags"));
    nodes.push_back(info["id"]);
  }
  // The same hostname cannot join twice.
  json dup = {{"zone", 1}, {"hostnames", {{"manage", {"192.0.2.1"}}, {"storage", {"192.0.2.9"}}}}, {"cluster", cid}};
  Response conflict = c.Do("POST", "/nodes", dup.dump());
  EXPECT_EQ(conflict.status, 409);

  for (const auto& nid : nodes) {
    Response d = c.Run("POST", "/devices", json{{"node", nid}, {"name", "/dev/sdb"}}.dump());
    ASSERT_EQ(d.status, 204) << d.body;
  }
  json node0 = c.Do("GET", "/nodes/" + nodes[0]).Json();
  ASSERT_EQ(node0["devices"].size(), 1u);
  EXPECT_EQ(node0["devices"][0]["storage"]["total"], 500LL * 1048576);
  EXPECT_EQ(node0["devices"][0]["storage"]["free"], 500LL * 1048576);
  EXPECT_EQ(node0["devices"][0]["name"], "/dev/sdb");

  // A replica-3 volume lands one brick per node.
  json req = {{"size", 10}, {"durability", {{"type", "replicate"}, {"replicate", {{"replica", 3}}}}}};
  Response vr = c.Run("POST", "/volumes", req.dump());
  ASSERT_EQ(vr.status, 200) << vr.body;
  json vol = vr.Json();
  std::string vid = vol["id"];
  EXPECT_EQ(vol["name"], "vol_" + vid);
  EXPECT_EQ(vol["size"], 10);
  EXPECT_EQ(vol["cluster"], cid);
  EXPECT_EQ(vol["durability"]["type"], "replicate");
  EXPECT_EQ(vol["durability"]["replicate"]["replica"], 3);
  EXPECT_EQ(vol["snapshot"]["enable"], false);
  EXPECT_EQ(vol["snapshot"]["factor"], 1);
  ASSERT_EQ(vol["bricks"].size(), 3u);
  std::set<std::string> brick_nodes;
  for (const auto& b : vol["bricks"]) {
    brick_nodes.insert(b["node"]);
    EXPECT_EQ(b["size"], 10LL * 1048576);
    EXPECT_EQ(b["volume"], vid);
    std::string path = b["path"];
    EXPECT_EQ(path, "/var/lib/heketi/mounts/vg_" + b["device"].get<std::string>() + "/brick_" +
                        b["id"].get<std::string>() + "/brick");
  }
  EXPECT_EQ(brick_nodes.size(), 3u);
  json mount = vol["mount"]["glusterfs"];
  ASSERT_EQ(mount["hosts"].size(), 3u);
  EXPECT_EQ(mount["device"], mount["hosts"][0].get<std::string>() + ":vol_" + vid);
  EXPECT_EQ(mount["options"]["backup-volfile-servers"],
            mount["hosts"][1].get<std::string>() + "," + mount["hosts"][2].get<std::string>());
  EXPECT_EQ(c.Do("GET", "/volumes").body, "{\"volumes\":[\"" + vid + "\"]}\n");
  EXPECT_EQ(c.Do("GET", "/clusters/" + cid).Json()["volumes"], json::array({vid}));

  // Device accounting: 10 GiB brick = 10485760 + 53248 KiB metadata.
  json dev = c.Do("GET", "/nodes/" + nodes[1]).Json()["devices"][0];
  EXPECT_EQ(dev["storage"]["used"], 10539008);
  EXPECT_EQ(dev["storage"]["free"].get<int64_t>() + dev["storage"]["used"].get<int64_t>(),
            dev["storage"]["total"].get<int64_t>());
  EXPECT_EQ(dev["bricks"].size(), 1u);

  // Expand adds a set of bricks and grows the size.
  Response ex = c.Run("POST", "/volumes/" + vid + "/expand", R"({"expand_size": 5})");
  ASSERT_EQ(ex.status, 200) << ex.body;
  EXPECT_EQ(ex.Json()["size"], 15);
  EXPECT_EQ(ex.Json()["bricks"].size(), 6u);

  // Clone.
  Response cloned = c.Run("POST", "/volumes/" + vid + "/clone", R"({"name":"myclone"})");
  ASSERT_EQ(cloned.status, 200) << cloned.body;
  EXPECT_EQ(cloned.Json()["name"], "myclone");
  std::string clone_id = cloned.Json()["id"];

  Response check = c.Do("GET", "/db/check");
  ASSERT_EQ(check.status, 200);
  EXPECT_EQ(check.Json()["totalinconsistencies"], 0) << check.body;

  // Cluster with volumes and nodes cannot be deleted.
  Response cd = c.Do("DELETE", "/clusters/" + cid);
  EXPECT_EQ(cd.status, 409);

  // Delete both volumes: 202 → 204, space fully returned.
  Response del_clone = c.Run("DELETE", "/volumes/" + clone_id);
  EXPECT_EQ(del_clone.status, 204) << del_clone.body;
  Response del = c.Do("DELETE", "/volumes/" + vid);
  ASSERT_EQ(del.status, 202);
  EXPECT_EQ(c.Wait(del).status, 204);
  EXPECT_EQ(c.Do("GET", "/volumes/" + vid).status, 404);
  dev = c.Do("GET", "/nodes/" + nodes[1]).Json()["devices"][0];
  EXPECT_EQ(dev["storage"]["used"], 0);
  EXPECT_EQ(dev["storage"]["free"], dev["storage"]["total"]);

  // Tear the topology down: device must be failed first.
  std::string did = dev["id"];
  Response not_failed = c.Do("DELETE", "/devices/" + did);
  EXPECT_EQ(not_failed.status, 400);
  EXPECT_EQ(not_failed.body, "device: " + did + " is not in failed state\n");
  for (const auto& nid : nodes) {
    std::string d = c.Do("GET", "/nodes/" + nid).Json()["devices"][0]["id"];
    EXPECT_EQ(c.Run("POST", "/devices/" + d + "/state", R"({"state":"offline"})").status, 204);
    EXPECT_EQ(c.Run("POST", "/devices/" + d + "/state", R"({"state":"failed"})").status, 204);
    EXPECT_EQ(c.Run("DELETE", "/devices/" + d).status, 204);
    EXPECT_EQ(c.Run("DELETE", "/nodes/" + nid).status, 204);
  }
  EXPECT_EQ(c.Do("DELETE", "/clusters/" + cid).status, 200);
  EXPECT_EQ(c.Do("GET", "/clusters").body, "{\"clusters\":[]}\n");
}

TEST_F(ServerApiTest, UserRoleCanFollowItsOwnVolume) {
  TestClient admin = Admin();
  MakeTopology(admin);
  TestClient user(server_.url(), "user", "user-secret");
  Response denied = user.Do("GET", "/clusters");
  EXPECT_EQ(denied.status, 401);
  EXPECT_EQ(denied.body, "Administrator access required\n");
  Response created = user.Run("POST", "/volumes", R"({"size":1,"durability":{"type":"replicate"}})");
  ASSERT_EQ(created.status, 200) << created.body;
  json vol = created.Json();
  // Effective durability is stored and returned (DECISIONS #4).
  EXPECT_EQ(vol["durability"]["replicate"]["replica"], 2);
  EXPECT_EQ(user.Do("GET", "/volumes").Json()["volumes"].size(), 1u);
  EXPECT_EQ(user.Run("DELETE", "/volumes/" + vol["id"].get<std::string>()).status, 204);
}

TEST_F(ServerApiTest, NamedClusters) {
  TestClient c = Admin();
  std::string first = MakeTopology(c, 3);
  std::string named = MakeTopology(c, 3, "ocp");
  Response info = c.Do("GET", "/clusters/ocp");
  ASSERT_EQ(info.status, 200) << info.body;
  EXPECT_EQ(info.Json()["id"], named);
  EXPECT_EQ(info.Json()["name"], "ocp");
  EXPECT_FALSE(c.Do("GET", "/clusters/" + first).Json().contains("name"));
  Response dup = c.Do("POST", "/clusters", R"({"name":"ocp"})");
  EXPECT_EQ(dup.status, 409);
  for (int i = 0; i < 3; ++i) {
    Response v = c.Run("POST", "/volumes", R"({"size":1,"clusters":["ocp"],"durability":{"type":"replicate","replicate":{"replica":3}}})");
    ASSERT_EQ(v.status, 200) << v.body;
    EXPECT_EQ(v.Json()["cluster"], named);
  }
  EXPECT_EQ(c.Do("GET", "/clusters/" + first).Json()["volumes"].size(), 0u);
}

TEST_F(ServerApiTest, NoSpaceIsAClearError) {
  TestClient c = Admin();
  MakeTopology(c, 3);
  Response v = c.Do("POST", "/volumes", R"({"size":100000,"durability":{"type":"replicate","replicate":{"replica":3}}})");
  EXPECT_EQ(v.status, 500);
  EXPECT_EQ(v.body.rfind("Failed to allocate new volume: ", 0), 0u) << v.body;
  Response few = c.Do("POST", "/volumes", R"({"size":1,"durability":{"type":"disperse","disperse":{"data":4,"redundancy":2}}})");
  EXPECT_EQ(few.status, 400) << few.body;  // below the 4 GiB minimum of 4+2
  EXPECT_EQ(c.Do("GET", "/volumes").body, "{\"volumes\":[]}\n");
  EXPECT_EQ(c.Do("GET", "/db/check").Json()["totalinconsistencies"], 0);
}

TEST_F(ServerApiTest, BlockHostingVolumeAndRestriction) {
  TestClient c = Admin();
  MakeTopology(c, 3);
  Response plain = c.Run("POST", "/volumes", R"({"size":1,"durability":{"type":"replicate","replicate":{"replica":3}}})");
  ASSERT_EQ(plain.status, 200);
  Response refused = c.Do("POST", "/volumes/" + plain.Json()["id"].get<std::string>() + "/block-restriction",
                          R"({"restriction":"locked"})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body, "Block restrictions can only be set on block hosting volumes\n");

  Response bhv = c.Run("POST", "/volumes", R"({"size":100,"block":true,"durability":{"type":"replicate","replicate":{"replica":3}}})");
  ASSERT_EQ(bhv.status, 200) << bhv.body;
  json v = bhv.Json();
  EXPECT_EQ(v["block"], true);
  EXPECT_EQ(v["blockinfo"]["freesize"], 98);
  EXPECT_EQ(v["blockinfo"]["reservedsize"], 2);
  EXPECT_EQ(v["glustervolumeoptions"][1], "group gluster-block");
  std::string id = v["id"];
  Response locked = c.Run("POST", "/volumes/" + id + "/block-restriction", R"({"restriction":"locked"})");
  ASSERT_EQ(locked.status, 200) << locked.body;
  EXPECT_EQ(locked.Json()["blockinfo"]["restriction"], "locked");
  EXPECT_EQ(c.Do("POST", "/volumes/" + id + "/block-restriction", R"({"restriction":"locked-by-update"})").status, 400);
  Response unlocked = c.Run("POST", "/volumes/" + id + "/block-restriction", R"({"restriction":""})");
  EXPECT_FALSE(unlocked.Json()["blockinfo"].contains("restriction"));
  Response clone = c.Do("POST", "/volumes/" + id + "/clone", "{}");
  EXPECT_EQ(clone.status, 500);
  EXPECT_EQ(clone.body, "Failed clone volume " + id + ": Cloning of block hosting volumes is not supported\n");
}

TEST_F(ServerApiTest, AdminModeAndLogging) {
  TestClient c = Admin();
  EXPECT_EQ(c.Do("GET", "/admin").body, "{\"state\":\"normal\"}\n");
  EXPECT_EQ(c.Do("POST", "/admin", R"({"state":"read-only"})").status, 204);
  Response blocked = c.Do("POST", "/clusters", "{}");
  EXPECT_EQ(blocked.status, 503);
  EXPECT_EQ(blocked.body, "Service disabled for maintenance\n");
  EXPECT_EQ(c.Do("GET", "/clusters").status, 200);
  EXPECT_EQ(c.Do("POST", "/admin", R"({"state":"normal"})").status, 204);
  EXPECT_EQ(c.Do("POST", "/clusters", "{}").status, 201);
  EXPECT_EQ(c.Do("POST", "/admin", R"({"state":"bogus"})").status, 400);

  EXPECT_EQ(c.Do("GET", "/internal/logging").body, "{\"loglevel\":{\"glusterfs\":\"warning\"}}\n");
  EXPECT_EQ(c.Do("POST", "/internal/logging", R"({"loglevel":{"glusterfs":"debug"}})").status, 200);
  EXPECT_EQ(c.Do("GET", "/internal/logging").Json()["loglevel"]["glusterfs"], "debug");
  EXPECT_EQ(c.Do("POST", "/internal/logging", R"({"loglevel":{"glusterfs":"loud"}})").status, 422);
  EXPECT_EQ(c.Do("POST", "/internal/logging", R"({"loglevel":{"other":"debug"}})").status, 422);
}

TEST_F(ServerApiTest, QueueResultIsReadOnce) {
  TestClient c = Admin();
  std::string cid = c.Do("POST", "/clusters", "{}").Json()["id"];
  json node = {{"zone", 1}, {"hostnames", {{"manage", {"198.51.100.1"}}, {"storage", {"198.51.100.1"}}}}, {"cluster", cid}};
  Response accepted = c.Do("POST", "/nodes", node.dump());
  ASSERT_EQ(accepted.status, 202);
  std::string loc = accepted.Header("Location");
  Response r;
  for (int i = 0; i < 1000; ++i) {
    r = c.Do("GET", loc);
    if (r.status != 200) break;
    EXPECT_EQ(r.Header("X-Pending"), "true");
  }
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("Location").rfind("/nodes/", 0), 0u);
  Response again = c.Do("GET", loc);
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(again.body, "Id not found\n");
}

TEST_F(ServerApiTest, StateSurvivesRestart) {
  TestClient c = Admin();
  std::string cid = MakeTopology(c, 3);
  Response v = c.Run("POST", "/volumes", R"({"size":2,"durability":{"type":"replicate","replicate":{"replica":3}}})");
  ASSERT_EQ(v.status, 200);
  server_.Stop();
  ASSERT_TRUE(server_.Start(BaseConfig()));
  TestClient again(server_.url());
  EXPECT_EQ(again.Do("GET", "/clusters/" + cid).Json()["volumes"].size(), 1u);
  EXPECT_EQ(again.Do("GET", "/volumes/" + v.Json()["id"].get<std::string>()).status, 200);
}

TEST_F(ServerApiTest, ConcurrentCreatesNeverOvercommit) {
  TestClient c = Admin();
  MakeTopology(c, 3);
  // 3 × 500 GiB devices; each 100 GiB replica-3 volume takes ~100.5 GiB of
  // every device, so at most 4 fit.
  std::vector<std::future<int>> results;
  for (int i = 0; i < 12; ++i) {
    results.push_back(std::async(std::launch::async, [this] {
      TestClient t(server_.url());
      return t.Run("POST", "/volumes", R"({"size":100,"durability":{"type":"replicate","replicate":{"replica":3}}})").status;
    }));
  }
  int ok = 0;
  for (auto& f : results) ok += f.get() == 200;
  EXPECT_EQ(ok, 4);
  EXPECT_EQ(c.Do("GET", "/db/check").Json()["totalinconsistencies"], 0);
}

TEST(ServerQueueTest, QueuesThenRefusesPastTheBound) {
  ServerProcess server;
  json cfg = BaseConfig();
  cfg["glusterfs"]["max_inflight_operations"] = 1;
  cfg["glusterfs"]["max_queued_operations"] = 1;
  cfg["glusterfs"]["mock_delay_ms"] = 400;
  ASSERT_TRUE(server.Start(cfg));
  TestClient c(server.url());
  std::string cid = c.Do("POST", "/clusters", "{}").Json()["id"];
  for (int i = 1; i <= 3; ++i) {
    std::string host = "203.0.113." + std::to_string(i);
    json node = {{"zone", i}, {"hostnames", {{"manage", {host}}, {"storage", {host}}}}, {"cluster", cid}};
    std::string nid = c.Run("POST", "/nodes", node.dump()).Json()["id"];
    ASSERT_EQ(c.Run("POST", "/devices", json{{"node", nid}, {"name", "/dev/sdb"}}.dump()).status, 204);
  }
  const std::string req = R"({"size":1,"durability":{"type":"replicate","replicate":{"replica":3}}})";
  // One runs, one waits, the third is refused.
  Response first = c.Do("POST", "/volumes", req);
  ASSERT_EQ(first.status, 202);
  Response second;
  for (int i = 0; i < 100; ++i) {
    // Wait until the first has left the queue for its worker.
    second = c.Do("POST", "/volumes", req);
    if (second.status == 202) break;
  }
  ASSERT_EQ(second.status, 202);
  Response third = c.Do("POST", "/volumes", req);
  EXPECT_EQ(third.status, 429);
  EXPECT_EQ(third.body, "Server busy. Retry operation later.\n");
  EXPECT_EQ(c.Wait(first).status, 200);
  EXPECT_EQ(c.Wait(second).status, 200);
  // The refused request claimed nothing.
  EXPECT_EQ(c.Do("GET", "/volumes").Json()["volumes"].size(), 2u);
  EXPECT_EQ(c.Do("GET", "/db/check").Json()["totalinconsistencies"], 0);
}

TEST(ServerQueueTest, SixteenClientsNeverSee429ByDefault) {
  ServerProcess server;
  json cfg = BaseConfig();
  cfg["glusterfs"]["mock_delay_ms"] = 20;
  ASSERT_TRUE(server.Start(cfg));
  TestClient c(server.url());
  std::string cid = c.Do("POST", "/clusters", "{}").Json()["id"];
  for (int i = 1; i <= 3; ++i) {
    std::string host = "203.0.113." + std::to_string(i);
    json node = {{"zone", i}, {"hostnames", {{"manage", {host}}, {"storage", {host}}}}, {"cluster", cid}};
    std::string nid = c.Run("POST", "/nodes", node.dump()).Json()["id"];
    ASSERT_EQ(c.Run("POST", "/devices", json{{"node", nid}, {"name", "/dev/sdb"}}.dump()).status, 204);
  }
  std::vector<std::future<std::vector<int>>> clients;
  for (int t = 0; t < 16; ++t) {
    clients.push_back(std::async(std::launch::async, [&server] {
      TestClient tc(server.url());
      std::vector<int> codes;
      for (int i = 0; i < 4; ++i) {
        Response r = tc.Run("POST", "/volumes", R"({"size":1,"durability":{"type":"replicate","replicate":{"replica":3}}})");
        EXPECT_EQ(r.status, 200) << r.body;
        codes.push_back(r.status);
      }
      return codes;
    }));
  }
  int ok = 0;
  for (auto& f : clients) {
    for (int code : f.get()) {
      EXPECT_NE(code, 429);
      ok += code == 200;
    }
  }
  EXPECT_EQ(ok, 64);
  EXPECT_EQ(c.Do("GET", "/volumes").Json()["volumes"].size(), 64u);
}

}  // namespace
}  // namespace brickyard::testing
