// Crash safety end to end: the real server with the fault-injecting mock
// executor ("inject/mock", BRICKYARD_FAULTS) is killed with SIGKILL at every
// step of volume create, expand and delete; restarted, its cleaner must leave
// a consistent store (GET /db/check), no pending operation, and on the mock
// nodes (whose state the mock keeps in a file across restarts) exactly the
// bricks and volumes the store knows.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "http_client.h"
#include "server_process.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;

const json kReplica3 = {{"size", 10}, {"durability", {{"type", "replicate"}, {"replicate", {{"replica", 3}}}}}};

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/brickyard-crash-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    server_.Kill();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  json Config() const {
    return json{{"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
                {"glusterfs",
                 {{"executor", "inject/mock"},
                  {"loglevel", "info"},
                  {"mock_state_file", dir_ + "/mock-nodes.json"},
                  {"disable_background_cleaner", !background_cleaner_},
                  {"start_time_background_cleaner", 1}}}};
  }

  // (Re)starts the server with `faults` as BRICKYARD_FAULTS.
  void Start(const std::string& faults = "") {
    if (!faults.empty()) setenv("BRICKYARD_FAULTS", faults.c_str(), 1);
    bool started = server_.Start(Config());
    unsetenv("BRICKYARD_FAULTS");
    ASSERT_TRUE(started);
    client_ = std::make_unique<TestClient>(server_.url());
  }

  void Restart(const std::string& faults = "") {
    client_.reset();  // a kept-alive connection would delay the server's exit
    server_.Stop();
    Start(faults);
  }

  void MakeTopology() {
    Response cl = client_->Do("POST", "/clusters", "{}");
    ASSERT_EQ(cl.status, 201) << cl.body;
    for (int i = 1; i <= 3; ++i) {
      std::string host = "192.0.2." + std::to_string(i);
      json node = {{"zone", i}, {"hostnames", {{"manage", {host}}, {"storage", {host}}}},
                   {"cluster", cl.Json()["id"]}};
      Response n = client_->Run("POST", "/nodes", node.dump());
      ASSERT_EQ(n.status, 200) << n.body;
      Response d = client_->Run("POST", "/devices", json{{"node", n.Json()["id"]}, {"name", "/dev/sdb"}}.dump());
      ASSERT_EQ(d.status, 204) << d.body;
    }
  }

  std::string CreateVolume() {
    Response v = client_->Run("POST", "/volumes", kReplica3.dump());
    EXPECT_EQ(v.status, 200) << v.body;
    return v.status == 200 ? v.Json()["id"].get<std::string>() : "";
  }

  // Restarts the server with `rule`, sends the request and expects the
  // injector to kill the server with SIGKILL while it runs.
  void CrashDuring(const std::string& rule, const std::string& method, const std::string& path,
                   const std::string& body = "") {
    Restart(rule);
    // The job may kill the server before its 202 is sent (status 0).
    Response accepted = client_->Do(method, path, body);
    ASSERT_TRUE(accepted.status == 202 || accepted.status == 0) << rule << ": " << accepted.body;
    Response done = client_->Wait(accepted);
    EXPECT_EQ(done.status, 0) << rule << ": the server survived: " << done.body;
    int status = server_.WaitForExit(30);
    ASSERT_TRUE(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << rule;
  }

  json Operations() { return client_->Do("GET", "/operations").Json(); }

  // Waits for the background cleaner to leave no pending operation.
  void WaitForCleaner(const std::string& rule) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (Operations()["total"] != 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(Operations()["total"], 0) << rule << ": " << client_->Do("GET", "/operations/pending").body;
  }

  json MockNodes() {
    std::ifstream in(dir_ + "/mock-nodes.json");
    std::stringstream s;
    s << in.rdbuf();
    return json::parse(s.str());
  }

  // The store is consistent and the mock nodes hold exactly its bricks and
  // volumes. Returns the volumes by id with their info.
  std::map<std::string, json> ExpectAgreement(const std::string& rule) {
    json check = client_->Do("GET", "/db/check").Json();
    EXPECT_EQ(check["totalinconsistencies"], 0) << rule << ": " << check.dump();
    json nodes = MockNodes();
    std::set<std::string> db_bricks, node_bricks;
    for (const auto& b : nodes["bricks"]) node_bricks.insert(b.get<std::string>());
    std::set<std::string> db_volumes, node_volumes;
    std::map<std::string, json> out;
    Response list = client_->Do("GET", "/volumes");
    EXPECT_EQ(list.status, 200) << list.body;
    const json ids = list.Json()["volumes"];
    for (const auto& id : ids) {
      Response info = client_->Do("GET", "/volumes/" + id.get<std::string>());
      EXPECT_EQ(info.status, 200) << info.body;
      json v = info.Json();
      out[id] = v;
      db_volumes.insert(v["name"].get<std::string>());
      std::set<std::string> paths, node_paths;
      for (const auto& b : v["bricks"]) {
        db_bricks.insert(b["id"].get<std::string>());
        paths.insert(b["path"].get<std::string>());
      }
      if (nodes["volumes"].contains(v["name"])) {
        for (const auto& b : nodes["volumes"][v["name"].get<std::string>()]["bricks"]) {
          std::string name = b;
          node_paths.insert(name.substr(name.find(':') + 1));
        }
      }
      EXPECT_EQ(paths, node_paths) << rule << ": bricks of " << v["name"];
    }
    for (const auto& [name, _] : nodes["volumes"].items()) node_volumes.insert(name);
    EXPECT_EQ(db_bricks, node_bricks) << rule << ": bricks on the nodes";
    EXPECT_EQ(db_volumes, node_volumes) << rule << ": volumes on the nodes";
    return out;
  }

  std::string dir_;
  bool background_cleaner_ = true;
  ServerProcess server_;
  std::unique_ptr<TestClient> client_;
};

TEST_F(CrashTest, KilledAtEveryStepOfCreateLeavesNothing) {
  Start();
  MakeTopology();
  for (const char* rule : {"kill:before:BrickCreate:1", "kill:after:BrickCreate:2",
                           "kill:after:BrickCreate:3", "kill:before:VolumeCreate:1",
                           "kill:after:VolumeCreate:1"}) {
    CrashDuring(rule, "POST", "/volumes", kReplica3.dump());
    Start();
    WaitForCleaner(rule);
    EXPECT_TRUE(ExpectAgreement(rule).empty()) << rule;
  }
  // The server still creates volumes afterwards.
  EXPECT_FALSE(CreateVolume().empty());
  EXPECT_EQ(ExpectAgreement("after").size(), 1u);
}

TEST_F(CrashTest, KilledAtEveryStepOfExpandFinishesOrUndoes) {
  Start();
  MakeTopology();
  std::string id = CreateVolume();
  ASSERT_FALSE(id.empty());
  for (const char* rule : {"kill:after:BrickCreate:1", "kill:after:BrickCreate:3",
                           "kill:before:VolumeExpand:1", "kill:after:VolumeExpand:1"}) {
    CrashDuring(rule, "POST", "/volumes/" + id + "/expand", json{{"expand_size", 10}}.dump());
    Start();
    WaitForCleaner(rule);
    auto vols = ExpectAgreement(rule);
    ASSERT_EQ(vols.size(), 1u) << rule;
    const json& v = vols[id];
    // Either the whole new brick set or none of it.
    EXPECT_EQ(v["bricks"].size(), 3u * (v["size"].get<size_t>() / 10)) << rule << ": " << v.dump();
  }
  EXPECT_EQ(ExpectAgreement("after")[id]["size"], 20) << "only the crash after add-brick goes forward";
}

TEST_F(CrashTest, KilledAtEveryStepOfDeleteFinishesIt) {
  Start();
  MakeTopology();
  for (const char* rule : {"kill:before:VolumeDestroy:1", "kill:after:VolumeDestroy:1",
                           "kill:after:BrickDestroy:1", "kill:after:BrickDestroy:3"}) {
    std::string id = CreateVolume();
    ASSERT_FALSE(id.empty());
    CrashDuring(rule, "DELETE", "/volumes/" + id);
    Start();
    WaitForCleaner(rule);
    EXPECT_TRUE(ExpectAgreement(rule).empty()) << rule;
  }
}

TEST_F(CrashTest, OnDemandAndOfflineCleanupReportFailures) {
  background_cleaner_ = false;
  Start();
  MakeTopology();
  CrashDuring("kill:after:VolumeCreate:1", "POST", "/volumes", kReplica3.dump());
  // Every volume delete fails on this run: the cleanup cannot finish.
  Start("fail:before:VolumeDestroy:*");
  json ops = Operations();
  EXPECT_EQ(ops["total"], 1);
  EXPECT_EQ(ops["stale"], 1);
  json pending = client_->Do("GET", "/operations/pending").Json()["pendingoperations"];
  ASSERT_EQ(pending.size(), 1u);
  const std::string op = pending[0]["id"];
  EXPECT_EQ(pending[0]["type_name"], "create-volume");
  EXPECT_EQ(pending[0]["status"], "stale");

  EXPECT_EQ(client_->Do("POST", "/operations/pending/cleanup",
                        json{{"operations", {std::string(32, 'f')}}}.dump()).status, 404);
  Response failed = client_->Run("POST", "/operations/pending/cleanup", "");
  EXPECT_EQ(failed.status, 500);
  EXPECT_NE(failed.body.find("injected fault"), std::string::npos) << failed.body;
  json details = client_->Do("GET", "/operations/pending/" + op).Json();
  EXPECT_EQ(details["status"], "failed");
  EXPECT_NE(details.value("error", "").find("injected fault before VolumeDestroy"), std::string::npos)
      << details.dump();
  EXPECT_EQ(Operations()["failed"], 1);

  // Without the fault, an on-demand cleanup of that operation finishes it.
  Restart();
  Response done = client_->Run("POST", "/operations/pending/cleanup",
                               json{{"operations", {op}}}.dump());
  EXPECT_EQ(done.status, 204) << done.body;
  EXPECT_EQ(Operations()["total"], 0);
  EXPECT_TRUE(ExpectAgreement("on demand").empty());

  // Offline, with the server down.
  CrashDuring("kill:after:BrickCreate:3", "POST", "/volumes", kReplica3.dump());
  const std::string cmd = ServerBinary() + " offline cleanup-operations --config " + server_.dir() +
                          "/brickyard.json > " + dir_ + "/offline.out 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << std::ifstream(dir_ + "/offline.out").rdbuf();
  Start();
  EXPECT_EQ(Operations()["total"], 0);
  EXPECT_TRUE(ExpectAgreement("offline").empty());
}

}  // namespace
}  // namespace brickyard::testing
