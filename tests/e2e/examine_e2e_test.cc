// State examination and reconcile on real GlusterFS hosts: the real server
// with the SSH executor against the testbed (testbed.h). Behind the server's
// back, glusterd of one host is stopped (and started again), and one brick of
// a replica-3 volume holding data is deleted (process killed, unmounted,
// fstab line, LVs and mount point removed). Examine must report both;
// reconcile must recreate the brick; self-heal must copy the data back; and
// examine must be clean afterwards.
//
// Skips (with the reason) when the machine cannot run the testbed. Shares
// the testbed state dir and lock with the other testbed suites.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_client.h"
#include "server_process.h"
#include "testbed.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

std::string StateDir() {
  const char* s = std::getenv("BRICKYARD_E2E_STATE");
  return s && *s ? s : "/tmp/brickyard-e2e-testbed";
}

double Seconds(SteadyClock::time_point since) {
  return std::chrono::duration<double>(SteadyClock::now() - since).count();
}

// Daemons started from a test (the FUSE client) must not inherit its fds.
const std::string kCloseFds =
    "for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ \"$fd\" -gt 2 ] && eval \"exec $fd>&-\"; done; ";

class ExamineEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    TestbedOptions o;
    o.state_dir = StateDir();
    tb = std::make_unique<Testbed>(o);
    if (::geteuid() != 0) {
      skip = "needs root (network namespaces, loop devices, mounts)";
      return;
    }
    skip = tb->Lock(900);
    if (skip.empty()) skip = tb->Unavailable();
    if (!skip.empty()) return;
    std::string log;
    if (!tb->Up(&log)) {
      skip = "testbed did not come up:\n" + log;
      ADD_FAILURE() << skip;
      return;
    }
    json config = {
        {"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
        {"glusterfs",
         {{"executor", "ssh"},
          {"loglevel", "debug"},
          {"sshexec",
           {{"keyfile", tb->KeyFile()},
            {"user", "root"},
            {"port", "22"},
            {"known_hosts", tb->KnownHosts()},
            {"fstab", "/etc/fstab"}}}}}};
    server = std::make_unique<ServerProcess>();
    if (!server->Start(config)) {
      skip = "the server did not start with the ssh executor";
      ADD_FAILURE() << skip;
      return;
    }
    TestClient c(server->url());
    Response cl = c.Do("POST", "/clusters", "{}");
    if (cl.status != 201) {
      skip = "cluster create: " + cl.body;
      ADD_FAILURE() << skip;
      return;
    }
    for (int i = 1; i <= tb->hosts(); ++i) {
      json node = {{"zone", i},
                   {"hostnames", {{"manage", {tb->Ip(i)}}, {"storage", {tb->Ip(i)}}}},
                   {"cluster", cl.Json()["id"]}};
      Response n = c.Run("POST", "/nodes", node.dump());
      Response d = n.status == 200
                       ? c.Run("POST", "/devices",
                               json{{"node", n.Json()["id"]}, {"name", tb->Disk(i, 1)}}.dump())
                       : n;
      if (d.status != 204) {
        skip = "topology: " + d.body;
        ADD_FAILURE() << skip;
        return;
      }
    }
  }

  void TearDown() override {
    if (server) server->Stop();
    if (!tb || !skip.empty()) return;
    std::string log;
    EXPECT_TRUE(tb->Down(&log)) << log;
  }

  std::string skip;
  std::unique_ptr<Testbed> tb;
  std::unique_ptr<ServerProcess> server;
};

ExamineEnvironment* env = nullptr;

class ExamineE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!env->skip.empty()) GTEST_SKIP() << env->skip;
    client_ = std::make_unique<TestClient>(env->server->url());
  }
  void TearDown() override {
    if (!mount_.empty()) tb().Shell("umount " + mount_ + " || umount -l " + mount_);
    if (!volume_id_.empty()) Run("DELETE", "/volumes/" + volume_id_);
  }

  Testbed& tb() { return *env->tb; }

  std::string On(int host, const std::string& cmd) {
    CliRun r = tb().Exec(host, cmd);
    EXPECT_EQ(r.exit_code, 0) << "h" << host << "$ " << cmd << "\n" << r.out << r.err;
    return r.out;
  }

  Response Run(const std::string& method, const std::string& path, const std::string& body = "") {
    Response r = client_->Do(method, path, body);
    if (r.status != 202) return r;
    const std::string loc = r.Header("Location");
    const auto deadline = SteadyClock::now() + std::chrono::minutes(5);
    while (SteadyClock::now() < deadline) {
      Response q = client_->Do("GET", loc);
      if (q.status == 200 && !q.Header("X-Pending").empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        continue;
      }
      if (q.status == 303) return client_->Do("GET", q.Header("Location"));
      return q;
    }
    return Response{};
  }

  json Examine() {
    Response r = client_->Do("GET", "/internal/state/examine/gluster");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json() : json::object();
  }

  // Examines until `done(report)` or `seconds` pass; returns the last report.
  json ExamineUntil(const std::function<bool(const json&)>& done, int seconds) {
    const auto deadline = SteadyClock::now() + std::chrono::seconds(seconds);
    json rep = Examine();
    while (!done(rep) && SteadyClock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::seconds(2));
      rep = Examine();
    }
    return rep;
  }

  static bool Clean(const json& rep) { return rep.value("totalfindings", -1) == 0; }

  int HostOf(const std::string& node_id) {
    const std::string ip = client_->Do("GET", "/nodes/" + node_id).Json()["hostnames"]["manage"][0];
    for (int i = 1; i <= tb().hosts(); ++i) {
      if (tb().Ip(i) == ip) return i;
    }
    return 0;
  }

  std::unique_ptr<TestClient> client_;
  std::string volume_id_;
  std::string mount_;
};

TEST_F(ExamineE2eTest, GlusterdDownAndDeletedBrickAreFoundAndRepaired) {
  auto t0 = SteadyClock::now();
  Response created = Run("POST", "/volumes",
                         json{{"size", 1}, {"durability", {{"type", "replicate"}, {"replicate", {{"replica", 3}}}}}}.dump());
  ASSERT_EQ(created.status, 200) << created.body;
  json v = created.Json();
  volume_id_ = v["id"];
  const std::string vol = v["name"];
  json clean = ExamineUntil(Clean, 30);
  ASSERT_TRUE(Clean(clean)) << clean.dump(2);

  // Data to heal: written through a FUSE mount in the root namespace.
  mount_ = tb().state_dir() + "/mnt/" + vol;
  CliRun mounted = tb().Shell(kCloseFds + "mkdir -p " + mount_ + " && timeout 60 mount -t glusterfs -o log-file=" +
                              mount_ + ".log " + v["mount"]["glusterfs"]["device"].get<std::string>() + " " + mount_ +
                              " && head -c 4M /dev/urandom > " + mount_ + "/data.bin && sync");
  ASSERT_EQ(mounted.exit_code, 0) << mounted.out << mounted.err;
  const std::string want = tb().Shell("md5sum < " + mount_ + "/data.bin").out;

  // 1. glusterd of host 3 stopped: reported, with no automatic repair.
  On(3, "systemctl stop glusterd");
  json down = Examine();
  bool reported = false;
  for (const auto& f : down["findings"]) {
    if (f["kind"] == "node-unreachable" && f["host"] == tb().Ip(3)) {
      reported = true;
      EXPECT_EQ(f["repair"]["action"], "none") << f.dump();
    }
  }
  EXPECT_TRUE(reported) << down.dump(2);
  On(3, "systemctl start glusterd");
  clean = ExamineUntil(Clean, 60);
  EXPECT_TRUE(Clean(clean)) << "after glusterd came back:\n" << clean.dump(2);

  // 2. host 2's brick deleted behind the server's back.
  std::string brick_id, brick_path;
  for (const auto& b : v["bricks"]) {
    if (HostOf(b["node"]) == 2) {
      brick_id = b["id"];
      brick_path = b["path"];
    }
  }
  ASSERT_FALSE(brick_id.empty());
  const std::string mp = brick_path.substr(0, brick_path.size() - 6);
  const std::string vg = mp.substr(mp.find("/vg_") + 1, 35);
  On(2, "p=$(cat /run/gluster/vols/" + vol + "/*brick_" + brick_id + "*.pid); kill -9 $p; "
        "for n in $(seq 50); do kill -0 $p 2>/dev/null || break; sleep 0.1; done; "
        "umount " + mp + " && sed -i /brick_" + brick_id + "/d /etc/fstab && "
        "/usr/sbin/lvm lvremove -f " + vg + "/tp_" + brick_id + " && rmdir " + mp);
  json drift = Examine();
  std::string finding;
  for (const auto& f : drift["findings"]) {
    if (f["kind"] == "brick-missing" && f["brick"] == brick_id) {
      finding = f["id"];
      EXPECT_EQ(f["repair"]["action"], "recreate-brick") << f.dump();
    }
  }
  ASSERT_FALSE(finding.empty()) << drift.dump(2);
  std::cout << "[ examine  ] found: " << drift["report"].dump() << "\n";

  // 3. reconcile: dry run lists the repair, apply makes it.
  Response plan = client_->Do("POST", "/internal/state/reconcile",
                              json{{"findings", {finding}}}.dump());
  ASSERT_EQ(plan.status, 200) << plan.body;
  ASSERT_EQ(plan.Json()["repairs"].size(), 1u) << plan.body;
  auto t1 = SteadyClock::now();
  Response applied = Run("POST", "/internal/state/reconcile",
                         json{{"apply", true}, {"findings", {finding}}}.dump());
  ASSERT_EQ(applied.status, 204) << applied.body;
  std::cout << "[ reconcile] brick recreated in " << Seconds(t1) << " s\n";

  // 4. self-heal copies the data back to host 2's new brick.
  CliRun healed = tb().Exec(
      1, "for n in $(seq 200); do out=$(gluster --mode=script volume heal " + vol + " info); "
         "[ $(echo \"$out\" | grep -c '^Status: Connected') = 3 ] && "
         "! echo \"$out\" | grep '^Number of entries:' | grep -vq ': 0$' && exit 0; sleep 0.5; done; "
         "echo \"$out\"; exit 1");
  EXPECT_EQ(healed.exit_code, 0) << "heal did not finish:\n" << healed.out;
  CliRun copy = tb().Exec(2, "for n in $(seq 60); do [ -f " + brick_path + "/data.bin ] && "
                             "[ \"$(md5sum < " + brick_path + "/data.bin)\" = '" + want.substr(0, want.find('\n')) +
                             "' ] && exit 0; sleep 0.5; done; exit 1");
  EXPECT_EQ(copy.exit_code, 0) << "host 2's new brick lacks the data";
  On(2, "grep -q '^/dev/mapper/" + vg + "-brick_" + brick_id + " ' /etc/fstab");

  clean = ExamineUntil(Clean, 60);
  EXPECT_TRUE(Clean(clean)) << "after reconcile:\n" << clean.dump(2);

  tb().Shell("umount " + mount_);
  mount_.clear();
  Response deleted = Run("DELETE", "/volumes/" + volume_id_);
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  volume_id_.clear();
  for (int i = 1; i <= tb().hosts(); ++i) {
    EXPECT_EQ(tb().Exec(i, "/usr/sbin/lvm lvs --noheadings; grep brick_ /etc/fstab; "
                           "find /var/lib/heketi/mounts -mindepth 2 2>/dev/null; true").out, "")
        << "left on host " << i;
  }
  std::cout << "[ examine  ] whole test in " << Seconds(t0) << " s\n";
}

}  // namespace
}  // namespace brickyard::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  brickyard::testing::env = new brickyard::testing::ExamineEnvironment;
  ::testing::AddGlobalTestEnvironment(brickyard::testing::env);
  return RUN_ALL_TESTS();
}
