// State examination and reconcile over HTTP: the real brickyard binary with
// the mock executor, and brickyard-cli's `server state` commands.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_runner.h"
#include "http_client.h"
#include "server_process.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;

class ExamineApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    json config = {{"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
                   {"glusterfs", {{"executor", "mock"}, {"loglevel", "warning"}}}};
    ASSERT_TRUE(server_.Start(config));
    TestClient c(server_.url());
    Response cl = c.Do("POST", "/clusters", "{}");
    ASSERT_EQ(cl.status, 201) << cl.body;
    for (int i = 1; i <= 3; ++i) {
      std::string host = "10.7.0." + std::to_string(i);
      json node = {{"zone", i}, {"hostnames", {{"manage", {host}}, {"storage", {host}}}},
                   {"cluster", cl.Json()["id"]}};
      Response n = c.Run("POST", "/nodes", node.dump());
      ASSERT_EQ(n.status, 200) << n.body;
      Response d = c.Run("POST", "/devices", json{{"node", n.Json()["id"]}, {"name", "/dev/sdb"}}.dump());
      ASSERT_EQ(d.status, 204) << d.body;
    }
    Response v = c.Run("POST", "/volumes",
                       json{{"size", 2}, {"durability", {{"type", "replicate"}, {"replicate", {{"replica", 3}}}}}}.dump());
    ASSERT_EQ(v.status, 200) << v.body;
    volume_ = v.Json()["name"];
  }

  CliRun Cli(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"--server", server_.url(), "--user", "admin", "--secret", "admin-secret"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProgram(CliBinary(), argv, {});
  }

  ServerProcess server_;
  std::string volume_;
};

TEST_F(ExamineApiTest, ExamineOfAHealthyClusterIsClean) {
  TestClient c(server_.url());
  Response r = c.Do("GET", "/internal/state/examine/gluster");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "application/json; charset=UTF-8");
  EXPECT_NE(r.body.find("\n    \"report\""), std::string::npos) << "4-space indent: " << r.body;
  json j = r.Json();
  EXPECT_EQ(j["totalfindings"], 0) << r.body;
  EXPECT_EQ(j["findings"], json::array());
  EXPECT_EQ(j["report"], json::array());
  ASSERT_EQ(j["clusters"].size(), 1u);
  EXPECT_EQ(j["clusters"][0]["gluster_volumes"], json::array({volume_}));
  for (const auto& n : j["clusters"][0]["nodes"]) EXPECT_TRUE(n["reachable"].get<bool>()) << n.dump();
}

TEST_F(ExamineApiTest, ReconcileDryRunAndApplyOfNothing) {
  TestClient c(server_.url());
  Response plan = c.Do("POST", "/internal/state/reconcile", R"({"apply":false})");
  ASSERT_EQ(plan.status, 200) << plan.body;
  EXPECT_EQ(plan.Json()["repairs"], json::array());
  Response blank = c.Do("POST", "/internal/state/reconcile", "");
  EXPECT_EQ(blank.status, 200) << blank.body;
  Response accepted = c.Do("POST", "/internal/state/reconcile", R"({"apply":true})");
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  EXPECT_EQ(c.Wait(accepted).status, 204);
}

TEST_F(ExamineApiTest, ReconcileValidatesItsRequest) {
  TestClient c(server_.url());
  Response bad = c.Do("POST", "/internal/state/reconcile", R"({"apply":"yes"})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  Response ids = c.Do("POST", "/internal/state/reconcile", R"j({"findings":["$(reboot)"]})j");
  EXPECT_EQ(ids.status, 400) << ids.body;
  Response unknown = c.Do("POST", "/internal/state/reconcile",
                          R"({"apply":true,"findings":["0123456789abcdef0123456789abcdef"]})");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_NE(unknown.body.find("0123456789abcdef0123456789abcdef"), std::string::npos);
}

TEST_F(ExamineApiTest, AdminOnly) {
  TestClient user(server_.url(), "user", "user-secret");
  EXPECT_EQ(user.Do("GET", "/internal/state/examine/gluster").status, 401);
  EXPECT_EQ(user.Do("POST", "/internal/state/reconcile", "{}").status, 401);
}

TEST_F(ExamineApiTest, CliExamineAndReconcile) {
  CliRun examine = Cli({"server", "state", "examine", "gluster"});
  ASSERT_EQ(examine.exit_code, 0) << examine.err;
  EXPECT_EQ(json::parse(examine.out)["totalfindings"], 0);
  CliRun dry = Cli({"server", "state", "reconcile"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out, "Nothing to repair\n");
  CliRun confirm = Cli({"server", "state", "reconcile", "--confirm"});
  ASSERT_EQ(confirm.exit_code, 0) << confirm.err;
  EXPECT_EQ(confirm.out, "Reconcile done\n");
  CliRun both = Cli({"server", "state", "reconcile", "--confirm", "--dry-run"});
  EXPECT_NE(both.exit_code, 0);
  CliRun unknown = Cli({"server", "state", "reconcile", "0123456789abcdef0123456789abcdef"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("not reported by examine"), std::string::npos) << unknown.err;
}

TEST_F(ExamineApiTest, CliReconcileAdopt) {
  CliRun dry = Cli({"server", "state", "reconcile", "--adopt"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out, "Nothing to repair\n");
  CliRun confirm = Cli({"server", "state", "reconcile", "--confirm", "--adopt"});
  ASSERT_EQ(confirm.exit_code, 0) << confirm.err;
  EXPECT_EQ(confirm.out, "Reconcile done\n");
  TestClient c(server_.url());
  Response adopt = c.Do("POST", "/internal/state/reconcile", R"({"apply":false,"adopt":true})");
  ASSERT_EQ(adopt.status, 200) << adopt.body;
  EXPECT_EQ(adopt.Json()["repairs"], json::array());
  EXPECT_EQ(c.Do("POST", "/internal/state/reconcile", R"({"adopt":1})").status, 422);
}

// A reconcile apply queued behind a slow volume create holds the gate: a
// second apply is refused until the first has run.
TEST(ReconcileSerialTest, SecondApplyIsRefusedWhileOneIsPending) {
  json config = {{"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
                 {"glusterfs",
                  {{"executor", "mock"}, {"loglevel", "warning"}, {"max_inflight_operations", 1}, {"mock_delay_ms", 400}}}};
  ServerProcess server;
  ASSERT_TRUE(server.Start(config));
  TestClient c(server.url());
  std::string cid = c.Do("POST", "/clusters", "{}").Json()["id"];
  for (int i = 1; i <= 3; ++i) {
    std::string host = "10.7.1." + std::to_string(i);
    json node = {{"zone", i}, {"hostnames", {{"manage", {host}}, {"storage", {host}}}}, {"cluster", cid}};
    std::string nid = c.Run("POST", "/nodes", node.dump()).Json()["id"];
    ASSERT_EQ(c.Run("POST", "/devices", json{{"node", nid}, {"name", "/dev/sdb"}}.dump()).status, 204);
  }
  Response create = c.Do("POST", "/volumes", R"({"size":1,"durability":{"type":"replicate","replicate":{"replica":3}}})");
  ASSERT_EQ(create.status, 202) << create.body;
  Response first = c.Do("POST", "/internal/state/reconcile", R"({"apply":true})");
  ASSERT_EQ(first.status, 202) << first.body;
  Response second = c.Do("POST", "/internal/state/reconcile", R"({"apply":true})");
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_NE(second.body.find("a reconcile is already running"), std::string::npos) << second.body;
  EXPECT_EQ(c.Do("POST", "/internal/state/reconcile", R"({"apply":false})").status, 200) << "dry runs still answer";
  EXPECT_EQ(c.Wait(create).status, 200);
  EXPECT_EQ(c.Wait(first).status, 204);
  Response third = c.Do("POST", "/internal/state/reconcile", R"({"apply":true})");
  ASSERT_EQ(third.status, 202) << third.body;
  EXPECT_EQ(c.Wait(third).status, 204);
}

// Taking a cluster over: a volume the store does not know (here, one created
// after the backup that was restored) is offered for adoption, left alone by
// a plain reconcile, adopted with --adopt, and then managed like any other.
TEST(TakeoverTest, AVolumeMissingFromARestoredBackupIsAdopted) {
  char tmpl[] = "/tmp/brickyard-takeover-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string scratch = tmpl;
  json config = {{"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
                 {"glusterfs",
                  {{"executor", "mock"}, {"loglevel", "warning"}, {"mock_state_file", scratch + "/nodes.json"}}}};
  ServerProcess server;
  ASSERT_TRUE(server.Start(config));
  auto cli = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {"--server", server.url(), "--user", "admin", "--secret", "admin-secret"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProgram(CliBinary(), argv, {});
  };
  TestClient c(server.url());
  std::string cid = c.Do("POST", "/clusters", "{}").Json()["id"];
  for (int i = 1; i <= 3; ++i) {
    std::string host = "10.7.2." + std::to_string(i);
    json node = {{"zone", i}, {"hostnames", {{"manage", {host}}, {"storage", {host}}}}, {"cluster", cid}};
    std::string nid = c.Run("POST", "/nodes", node.dump()).Json()["id"];
    ASSERT_EQ(c.Run("POST", "/devices", json{{"node", nid}, {"name", "/dev/sdb"}}.dump()).status, 204);
  }
  const std::string replica3 = R"({"size":3,"durability":{"type":"replicate","replicate":{"replica":3}}})";
  ASSERT_EQ(c.Run("POST", "/volumes", replica3).status, 200);
  const std::string backup = scratch + "/backup.db";
  CliRun saved = cli({"db", "backup", "--output", backup});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  Response later = c.Run("POST", "/volumes", replica3);
  ASSERT_EQ(later.status, 200) << later.body;
  const json created = later.Json();
  const std::string vid = created["id"], vname = created["name"];

  server.Stop();
  CliRun restored = RunProgram(ServerBinary(), {"db", "restore", "--from", backup, "--dbfile", server.db_path()}, {});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  ASSERT_TRUE(server.Start(config));
  TestClient c2(server.url());
  EXPECT_EQ(c2.Do("GET", "/volumes/" + vid).status, 404);

  // Offered for adoption; its bricks are reported but never removed.
  json exam = c2.Do("GET", "/internal/state/examine/gluster").Json();
  int unknown = 0;
  for (const auto& f : exam["findings"]) {
    if (f["kind"] == "volume-unknown") {
      ++unknown;
      EXPECT_EQ(f["volume_name"], vname);
      EXPECT_EQ(f["repair"]["action"], "adopt-volume") << f.dump();
    } else {
      EXPECT_EQ(f["kind"], "brick-leaked") << f.dump();
      EXPECT_EQ(f["repair"]["action"], "none") << f.dump();
    }
  }
  EXPECT_EQ(unknown, 1) << exam.dump(2);

  CliRun plain = cli({"server", "state", "reconcile", "--confirm"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(c2.Do("GET", "/volumes/" + vid).status, 404) << "adopted without --adopt";

  CliRun adopt = cli({"server", "state", "reconcile", "--confirm", "--adopt"});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.err << adopt.out;
  Response got = c2.Do("GET", "/volumes/" + vid);
  ASSERT_EQ(got.status, 200) << got.body;
  json v = got.Json();
  EXPECT_EQ(v["name"], vname);
  EXPECT_EQ(v["size"], 3);
  EXPECT_EQ(v["cluster"], cid);
  EXPECT_EQ(v["durability"]["type"], "replicate");
  EXPECT_EQ(v["durability"]["replicate"]["replica"], 3);
  EXPECT_EQ(v["bricks"], created["bricks"]);
  EXPECT_EQ(v["mount"], created["mount"]);
  EXPECT_EQ(c2.Do("GET", "/internal/state/examine/gluster").Json()["totalfindings"], 0);
  CliRun check = cli({"db", "check"});
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(json::parse(check.out)["totalinconsistencies"], 0) << check.out;

  // Managed from now on: deleting it leaves nothing behind on the nodes.
  EXPECT_EQ(c2.Run("DELETE", "/volumes/" + vid).status, 204);
  EXPECT_EQ(c2.Do("GET", "/internal/state/examine/gluster").Json()["totalfindings"], 0);
  server.Stop();
  std::filesystem::remove_all(scratch);
}

}  // namespace
}  // namespace brickyard::testing
