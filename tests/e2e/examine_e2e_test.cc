// State examination and reconcile on real GlusterFS hosts: the real server
// with the SSH executor against the testbed (testbed.h). Behind the server's
// back, glusterd of one host is stopped (and started again), and one brick of
// a replica-3 volume holding data is deleted (process killed, unmounted,
// fstab line, LVs and mount point removed). Examine must report both;
// reconcile must recreate the brick; self-heal must copy the data back; and
// examine must be clean afterwards.
//
// Runs against the shared server of the testbed run (e2e_env.h), whose
// topology is every host's first disk. Skips (with the reason) when the
// machine cannot run the testbed or the shared server did not start.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "e2e_env.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;
using SteadyClock = E2eClock;

class ExamineE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!E2e().skip.empty()) GTEST_SKIP() << E2e().skip;
    if (!E2e().server_skip.empty()) GTEST_SKIP() << E2e().server_skip;
    client_ = std::make_unique<TestClient>(E2e().server->url());
  }
  void TearDown() override {
    if (!mount_.empty()) tb().Shell("umount " + mount_ + " || umount -l " + mount_);
    if (!volume_id_.empty()) Run("DELETE", "/volumes/" + volume_id_);
  }

  Testbed& tb() { return *E2e().tb; }

  std::string On(int host, const std::string& cmd) { return OnHost(tb(), host, cmd); }

  Response Run(const std::string& method, const std::string& path, const std::string& body = "") {
    return RunAndWait(*client_, method, path, body, std::chrono::minutes(5));
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

  int HostOf(const std::string& node_id) { return HostOfNode(*client_, tb(), node_id); }

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
