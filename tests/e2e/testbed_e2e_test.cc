// End-to-end tests on real GlusterFS hosts: the testbed (gluster-testbed.sh,
// three hosts in network namespaces on this machine) with the TEST-ONLY LVM
// stand-in, the real brickyard server with the SSH executor, the real
// brickyard-cli, and the GlusterFS FUSE client in the root namespace.
//
// The testbed and the shared server come up once for the binary
// (e2e_env.h) and go down at the end. Every test leaves the hosts as it
// found them, and checks it: no LV, no brick mount, no fstab line, no brick
// directory, no gluster volume or snapshot.
//
// Skips (with the reason) when the machine cannot run the testbed (not root,
// no namespaces, packages missing, 198.18.0.0/24 in use); the Brickyard
// suites also skip while the server has no "ssh" executor.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "e2e_env.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;
using Clock = E2eClock;

std::string Trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\n"));
  s.erase(s.find_last_not_of(" \t\n") + 1);
  return s;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, sep)) out.push_back(item);
  return out;
}

// ---------------------------------------------------------------- helpers ---
class TestbedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!E2e().skip.empty()) GTEST_SKIP() << E2e().skip;
  }
  Testbed& tb() { return *E2e().tb; }

  // Runs `cmd` on host i inside its namespaces and expects success.
  std::string On(int i, const std::string& cmd) { return OnHost(tb(), i, cmd); }

  // What each host holds of bricks, volumes and snapshots (Testbed::Leftovers).
  std::vector<std::set<std::string>> HostTraces() { return brickyard::testing::HostTraces(tb()); }

  // Nothing on any host beyond `before` (what earlier tests may have left, so
  // that one test's leak is reported once, by that test).
  void ExpectHostsClean(const std::vector<std::set<std::string>>& before = {}) {
    brickyard::testing::ExpectHostsClean(tb(), E2e().root_fstab, before);
  }
};

class BrickyardTest : public TestbedTest {
 protected:
  void SetUp() override {
    TestbedTest::SetUp();
    if (IsSkipped()) return;
    if (!E2e().server_skip.empty()) GTEST_SKIP() << E2e().server_skip;
    client_ = std::make_unique<TestClient>(E2e().server->url());
    traces_before_ = HostTraces();
    volumes_before_ = client_->Do("GET", "/volumes").Json()["volumes"].size();
    for (const auto& [id, free] : E2e().device_free) {
      free_before_[id] = client_->Do("GET", "/devices/" + id).Json()["storage"]["free"].get<int64_t>();
    }
  }
  // A failed test must not leave its volumes to the next one.
  void TearDown() override {
    while (!mounts_.empty()) Unmount(mounts_.back());
    for (auto it = volumes_.rbegin(); it != volumes_.rend(); ++it) {
      Response r = Run("DELETE", "/volumes/" + *it);
      if (r.status != 204) ADD_FAILURE() << "cleanup: delete volume " << *it << ": " << r.body;
    }
  }

  // A request and its result, polling /queue for as long as real nodes take.
  Response Run(const std::string& method, const std::string& path, const json& body = nullptr) {
    return RunAndWait(*client_, method, path, body.is_null() ? "" : body.dump(), std::chrono::minutes(10));
  }

  json CreateVolume(json request) {
    auto t0 = Clock::now();
    Response r = Run("POST", "/volumes", request);
    EXPECT_EQ(r.status, 200) << request.dump() << "\n" << r.body;
    if (r.status != 200) return nullptr;
    json v = r.Json();
    volumes_.push_back(v["id"]);
    std::cout << "[ volume   ] created " << v["name"].get<std::string>() << " ("
              << request["durability"].dump() << ") in " << Seconds(t0) << " s\n";
    return v;
  }

  void DeleteVolume(const json& v) {
    auto t0 = Clock::now();
    Response r = Run("DELETE", "/volumes/" + v["id"].get<std::string>());
    EXPECT_EQ(r.status, 204) << r.body;
    if (r.status == 204) volumes_.erase(std::remove(volumes_.begin(), volumes_.end(), v["id"]), volumes_.end());
    std::cout << "[ volume   ] deleted " << v["name"].get<std::string>() << " in " << Seconds(t0)
              << " s\n";
  }

  // Mounts `v` in the root namespace with the mount options the server
  // returned; returns the mount point.
  std::string Mount(const json& v) {
    const auto& g = v["mount"]["glusterfs"];
    const std::string mp = tb().state_dir() + "/mnt/" + v["name"].get<std::string>();
    // The server answers Heketi's "h2,h3"; mount.glusterfs separates the
    // servers with ':' since ',' separates mount options.
    std::string backup =
        g.contains("options") ? g["options"].value("backup-volfile-servers", "") : "";
    std::replace(backup.begin(), backup.end(), ',', ':');
    std::string opts = "log-file=" + mp + ".log";
    if (!backup.empty()) opts += ",backup-volfile-servers=" + backup;
    CliRun r = tb().Shell(kCloseFds + "mkdir -p " + mp + " && timeout 60 mount -t glusterfs -o " +
                          opts + " " + g["device"].get<std::string>() + " " + mp);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err << Slurp(mp + ".log");
    if (r.exit_code == 0) mounts_.push_back(mp);
    return mp;
  }

  void Unmount(const std::string& mp) {
    CliRun r = tb().Shell("mountpoint -q " + mp + " || exit 0; timeout 30 umount " + mp +
                          " || umount -l " + mp);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    mounts_.erase(std::remove(mounts_.begin(), mounts_.end(), mp), mounts_.end());
  }

  // Writes `mib` MiB of random data to `mp`/`name` and reads it back.
  void WriteAndRead(const std::string& mp, const std::string& name, int mib) {
    const std::string src = tb().state_dir() + "/data/" + name;
    CliRun r = tb().Shell("mkdir -p $GTB_STATE/data && head -c " + std::to_string(mib) +
                          "M /dev/urandom > " + src + " && cp " + src + " " + mp + "/" + name +
                          " && sync && cmp " + src + " " + mp + "/" + name);
    EXPECT_EQ(r.exit_code, 0) << "write + read " << name << ": " << r.out << r.err;
  }
  void ExpectSame(const std::string& mp, const std::string& name) {
    CliRun r = tb().Shell("cmp $GTB_STATE/data/" + name + " " + mp + "/" + name);
    EXPECT_EQ(r.exit_code, 0) << name << " differs: " << r.out << r.err;
  }

  // `gluster volume info` on host 1.
  std::string GlusterInfo(const std::string& volume) {
    return tb().Exec(1, "gluster --mode=script volume info " + volume).out;
  }

  // Everything a test created is gone: hosts, root namespace, server.
  // Everything this test created is gone: on the hosts, in the root
  // namespace, in the server (volumes, device space).
  void ExpectAllClean() {
    ExpectHostsClean(traces_before_);
    Response vols = client_->Do("GET", "/volumes");
    EXPECT_EQ(vols.Json()["volumes"].size(), volumes_before_) << vols.body;
    for (const auto& [id, free] : free_before_) {
      Response d = client_->Do("GET", "/devices/" + id);
      EXPECT_EQ(d.Json()["storage"]["free"].get<int64_t>(), free) << "device " << id << " space";
    }
  }

  int HostOf(const std::string& node_id) { return HostOfNode(*client_, tb(), node_id); }

  void WaitPeersConnected() {
    const std::string want = std::to_string(tb().hosts());
    CliRun r = tb().Exec(1, "for n in $(seq 150); do [ \"$(gluster --mode=script pool list | "
                            "grep -c Connected)\" = " + want + " ] && exit 0; sleep 0.4; done; "
                            "gluster --mode=script pool list; exit 1");
    EXPECT_EQ(r.exit_code, 0) << "peers not connected again:\n" << r.out;
  }

  std::unique_ptr<TestClient> client_;
  std::vector<std::string> mounts_;
  std::vector<std::string> volumes_;  // created and not yet deleted
  std::vector<std::set<std::string>> traces_before_;
  size_t volumes_before_ = 0;
  std::map<std::string, int64_t> free_before_;
};

json Replica3(int size_gib) {
  return {{"size", size_gib}, {"durability", {{"type", "replicate"}, {"replicate", {{"replica", 3}}}}}};
}

// ------------------------------------------------------- Brickyard tests ---
TEST_F(BrickyardTest, Replica3CreateMountWriteReadDelete) {
  json v = CreateVolume(Replica3(1));
  ASSERT_FALSE(v.is_null());
  // mount info: device <host>:<name>, the two other hosts as backup volfile servers
  const auto& g = v["mount"]["glusterfs"];
  const std::string device = g["device"];
  const std::string first = device.substr(0, device.find(':'));
  EXPECT_EQ(device, first + ":" + v["name"].get<std::string>());
  std::set<std::string> servers = {first};
  for (const auto& h : Split(g["options"]["backup-volfile-servers"], ',')) servers.insert(h);
  EXPECT_EQ(servers, (std::set<std::string>{tb().Ip(1), tb().Ip(2), tb().Ip(3)}))
      << g.dump();
  std::string info = GlusterInfo(v["name"]);
  EXPECT_NE(info.find("Type: Replicate"), std::string::npos) << info;
  EXPECT_NE(info.find("Number of Bricks: 1 x 3 = 3"), std::string::npos) << info;
  EXPECT_NE(info.find("user.heketi.id: " + v["id"].get<std::string>()), std::string::npos) << info;
  // each brick: thin LV in the stand-in, XFS mounted from its fstab line
  for (const auto& b : v["bricks"]) {
    int h = HostOf(b["node"]);
    const std::string path = b["path"], id = b["id"];
    On(h, "findmnt -n -o SOURCE,FSTYPE " + path.substr(0, path.size() - 6) +
              " | grep -q 'brick_" + id + " xfs'");
    On(h, "grep -q '^/dev/mapper/vg_" + b["device"].get<std::string>() + "-brick_" + id +
              " ' /etc/fstab");
    On(h, "/usr/sbin/lvm lvs --noheadings -o lv_name,pool_lv | grep -q 'brick_" + id + " *tp_" +
              id + "'");
  }
  std::string mp = Mount(v);
  WriteAndRead(mp, "replica3.bin", 8);
  Unmount(mp);
  DeleteVolume(v);
  ExpectAllClean();
}

// The arbiter brick is data brick / average file size (KiB): 64 by default,
// 2 here, so 512 MiB, above the 300 MiB floor (ArbiterBrickOfA1GiBVolume).
TEST_F(BrickyardTest, ArbiterVolume) {
  json req = Replica3(1);
  req["glustervolumeoptions"] = {"user.heketi.arbiter true", "user.heketi.average-file-size 2"};
  json v = CreateVolume(req);
  ASSERT_FALSE(v.is_null());
  std::string info = GlusterInfo(v["name"]);
  EXPECT_NE(info.find("Number of Bricks: 1 x (2 + 1) = 3"), std::string::npos) << info;
  std::string mp = Mount(v);
  WriteAndRead(mp, "arbiter.bin", 4);
  // the arbiter brick (third of the set) holds names and metadata, no data
  std::string third;
  for (const auto& line : Split(info, '\n')) {
    if (line.rfind("Brick3: ", 0) == 0) third = line.substr(8);
  }
  ASSERT_NE(third.find(" (arbiter)"), std::string::npos) << info;
  third = third.substr(0, third.find(" (arbiter)"));
  const std::string ip = third.substr(0, third.find(':')), path = third.substr(third.find(':') + 1);
  int h = 0;
  for (int i = 1; i <= tb().hosts(); ++i) {
    if (tb().Ip(i) == ip) h = i;
  }
  ASSERT_NE(h, 0) << third;
  EXPECT_EQ(Trim(On(h, "stat -c %s " + path + "/arbiter.bin")), "0");
  Unmount(mp);
  DeleteVolume(v);
  ExpectAllClean();
}

// With the default 64 KiB per file the arbiter brick of a 1 GiB volume would
// be 16 MiB, and mkfs.xfs (xfsprogs 6.1, Debian 12) refuses file systems
// under 300 MiB ("Filesystem must be larger than 300MB"): the server raises
// every brick to that floor.
TEST_F(BrickyardTest, ArbiterBrickOfA1GiBVolume) {
  json req = Replica3(1);
  req["glustervolumeoptions"] = {"user.heketi.arbiter true"};
  json v = CreateVolume(req);
  ASSERT_FALSE(v.is_null());
  EXPECT_NE(GlusterInfo(v["name"]).find("1 x (2 + 1) = 3"), std::string::npos);
  std::multiset<int64_t> sizes;
  for (const auto& b : v["bricks"]) sizes.insert(b["size"].get<int64_t>());
  EXPECT_EQ(sizes, (std::multiset<int64_t>{300 * 1024, 1024 * 1024, 1024 * 1024}));
  DeleteVolume(v);
  ExpectAllClean();
}

TEST_F(BrickyardTest, Disperse2Plus1) {
  json v = CreateVolume({{"size", 2},
                         {"durability",
                          {{"type", "disperse"}, {"disperse", {{"data", 2}, {"redundancy", 1}}}}}});
  ASSERT_FALSE(v.is_null());
  std::string info = GlusterInfo(v["name"]);
  EXPECT_NE(info.find("Type: Disperse"), std::string::npos) << info;
  EXPECT_NE(info.find("Number of Bricks: 1 x (2 + 1) = 3"), std::string::npos) << info;
  std::string mp = Mount(v);
  WriteAndRead(mp, "disperse.bin", 8);
  Unmount(mp);
  DeleteVolume(v);
  ExpectAllClean();
}

TEST_F(BrickyardTest, ExpandAddsABrickSetDataIntact) {
  json v = CreateVolume(Replica3(1));
  ASSERT_FALSE(v.is_null());
  std::string mp = Mount(v);
  WriteAndRead(mp, "before-expand.bin", 8);
  int64_t before = std::stoll(tb().Shell("df -B1 --output=size " + mp + " | tail -n1").out);
  Response r = Run("POST", "/volumes/" + v["id"].get<std::string>() + "/expand",
                   json{{"expand_size", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["size"], 2);
  EXPECT_EQ(r.Json()["bricks"].size(), 6u);
  std::string info = GlusterInfo(v["name"]);
  EXPECT_NE(info.find("Number of Bricks: 2 x 3 = 6"), std::string::npos) << info;
  // the FUSE client sees the new size (df), the old data is intact, new data lands
  int64_t after = 0;
  for (int n = 0; n < 50 && after < before * 3 / 2; ++n) {
    after = std::stoll(tb().Shell("df -B1 --output=size " + mp + " | tail -n1").out);
    if (after < before * 3 / 2) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_GT(after, before * 3 / 2) << "df before " << before << ", after " << after;
  ExpectSame(mp, "before-expand.bin");
  WriteAndRead(mp, "after-expand.bin", 8);
  Unmount(mp);
  DeleteVolume(r.Json());
  ExpectAllClean();
}

// Clone of a 2 x 3 volume (two bricks per host): gluster snapshots on the
// stand-in's thin snapshots. The clone holds the origin's data and is
// independent of it; the server records the brick paths glusterd chose, and
// deleting the clone removes its LVs (<clone uuid>_0 and _1 on each host, in
// the origin's pools), mounts and directories and nothing of the origin.
TEST_F(BrickyardTest, CloneHoldsTheOriginsData) {
  json v = CreateVolume(Replica3(1));
  ASSERT_FALSE(v.is_null());
  Response grown = Run("POST", "/volumes/" + v["id"].get<std::string>() + "/expand",
                       json{{"expand_size", 1}});
  ASSERT_EQ(grown.status, 200) << grown.body;
  std::string mp = Mount(v);
  WriteAndRead(mp, "origin.bin", 8);
  auto origin_traces = HostTraces();
  Response r = Run("POST", "/volumes/" + v["id"].get<std::string>() + "/clone",
                   json{{"name", "e2e_clone"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json clone = r.Json();
  volumes_.push_back(clone["id"]);
  EXPECT_EQ(clone["name"], "e2e_clone");
  // the bricks the server reports are the ones gluster has
  std::string info = GlusterInfo("e2e_clone");
  EXPECT_NE(info.find("Number of Bricks: 2 x 3 = 6"), std::string::npos) << info;
  ASSERT_EQ(clone["bricks"].size(), 6u);
  std::map<int, int> per_host;
  for (const auto& b : clone["bricks"]) {
    const std::string path = b["path"];
    int h = HostOf(b["node"]);
    ++per_host[h];
    EXPECT_EQ(path.rfind("/run/gluster/snaps/", 0), 0u) << path;
    EXPECT_NE(info.find(tb().Ip(h) + ":" + path + "\n"), std::string::npos) << path << "\n" << info;
    On(h, "findmnt -n " + path.substr(0, path.size() - 6) + " >/dev/null");
  }
  EXPECT_EQ(per_host, (std::map<int, int>{{1, 2}, {2, 2}, {3, 2}}));
  std::string cmp = Mount(clone);
  ExpectSame(cmp, "origin.bin");
  WriteAndRead(cmp, "clone-only.bin", 1);
  EXPECT_NE(tb().Shell("test -e " + mp + "/clone-only.bin").exit_code, 0);
  Unmount(cmp);
  DeleteVolume(clone);
  // only the origin is left: its bricks, LVs and pools, not one trace of the clone
  auto after = HostTraces();
  for (int i = 1; i <= tb().hosts(); ++i) {
    EXPECT_EQ(after[i], origin_traces[i]) << "host " << i << " after the clone's delete";
  }
  ExpectSame(mp, "origin.bin");
  Unmount(mp);
  DeleteVolume(grown.Json());
  ExpectAllClean();
}

// glusterd of host 3 is down: its brick is made (no glusterd needed), then
// `volume create` on host 1 fails. The server must say so and undo all.
TEST_F(BrickyardTest, GlusterdDownDuringCreateRollsBack) {
  On(3, "systemctl stop glusterd");
  Response r = Run("POST", "/volumes", Replica3(1));
  if (r.status == 200) volumes_.push_back(r.Json()["id"]);
  On(3, "systemctl start glusterd");
  EXPECT_EQ(r.status, 500) << r.body;
  EXPECT_NE(r.body.find(tb().Ip(3)), std::string::npos) << "error does not name the host: " << r.body;
  std::cout << "[ error    ] " << r.body << "\n";
  WaitPeersConnected();
  // the server's health monitor (every second here) sees glusterd back
  std::this_thread::sleep_for(std::chrono::seconds(3));
  ExpectAllClean();
}

// sshd of host 2 is down: bricks on hosts 1 and 3 are made, host 2 cannot be
// reached. The server must say so and remove the bricks it made.
TEST_F(BrickyardTest, SshdDownDuringCreateRollsBack) {
  // the listener and every session: the server may keep connections open
  CliRun kill = tb().Shell(
      "ns=$(stat -L -c %i /run/netns/$GTB_PREFIX-h2); pids=; "
      "for p in /proc/[0-9]*; do [ \"$(stat -L -c %i $p/ns/net 2>/dev/null)\" = \"$ns\" ] && "
      "[ \"$(cat $p/comm 2>/dev/null)\" = sshd ] && pids=\"$pids ${p#/proc/}\"; done; "
      "[ -n \"$pids\" ] && kill $pids && for n in $(seq 50); do kill -0 $pids 2>/dev/null || exit 0; "
      "sleep 0.1; done; exit 1");
  ASSERT_EQ(kill.exit_code, 0) << kill.out << kill.err;
  Response r = Run("POST", "/volumes", Replica3(1));
  if (r.status == 200) volumes_.push_back(r.Json()["id"]);
  std::string log;
  ASSERT_TRUE(tb().Resume(&log)) << "restarting sshd:\n" << log;
  EXPECT_EQ(r.status, 500) << r.body;
  // Either the create reached host 2 and the error names it, or the health
  // monitor had already seen host 2 down and placement refused up front.
  const bool named = r.body.find(tb().Ip(2)) != std::string::npos;
  const bool refused = r.body.find("2 nodes have room") != std::string::npos;
  EXPECT_TRUE(named || refused) << "error neither names the host nor refuses placement: " << r.body;
  std::cout << "[ error    ] " << r.body << "\n";
  ExpectAllClean();
}

// Host 2 "reboots" after the volume was made: its gluster processes die and
// its bricks are unmounted; writes go on; at boot the bricks are mounted from
// the fstab lines the server wrote, glusterd restarts them, and self-heal
// brings host 2's copies up to date.
TEST_F(BrickyardTest, RestartedHostHeals) {
  json v = CreateVolume(Replica3(1));
  ASSERT_FALSE(v.is_null());
  const std::string vol = v["name"];
  std::string mp = Mount(v);
  WriteAndRead(mp, "f1.bin", 8);
  std::string brick_mount, brick_path;
  for (const auto& b : v["bricks"]) {
    if (HostOf(b["node"]) == 2) {
      brick_path = b["path"];
      brick_mount = brick_path.substr(0, brick_path.size() - 6);
    }
  }
  ASSERT_FALSE(brick_mount.empty());
  On(2, "p=$(cat /run/glusterd.pid /run/gluster/vols/*/*.pid /run/gluster/shd/*/*.pid 2>/dev/null); "
        "kill -9 $p; for n in $(seq 100); do kill -0 $p 2>/dev/null || break; sleep 0.1; done; "
        "umount " + brick_mount);
  // writes while host 2 is down (2 of 3 bricks keep quorum)
  WriteAndRead(mp, "f2.bin", 4);
  CliRun app = tb().Shell("echo appended >> $GTB_STATE/data/f1.bin && echo appended >> " + mp +
                          "/f1.bin && sync");
  ASSERT_EQ(app.exit_code, 0) << app.err;
  auto t0 = Clock::now();
  On(2, "mount " + brick_mount + " && systemctl start glusterd");  // mount: from /etc/fstab
  CliRun online = tb().Exec(1, "for n in $(seq 300); do gluster --mode=script volume status " + vol +
                                   " " + tb().Ip(2) + ":" + brick_path +
                                   " detail | grep -q '^Online.*: Y' && exit 0; sleep 0.3; done; exit 1");
  ASSERT_EQ(online.exit_code, 0) << "brick of host 2 did not come back";
  On(1, "gluster --mode=script volume heal " + vol + " >/dev/null 2>&1 || true");
  CliRun healed = tb().Exec(
      1, "for n in $(seq 300); do out=$(gluster --mode=script volume heal " + vol + " info); "
         "[ $(echo \"$out\" | grep -c '^Status: Connected') = 3 ] && "
         "! echo \"$out\" | grep '^Number of entries:' | grep -vq ': 0$' && exit 0; sleep 0.5; done; "
         "echo \"$out\"; exit 1");
  EXPECT_EQ(healed.exit_code, 0) << "heal did not finish:\n" << healed.out;
  std::cout << "[ heal     ] host 2 back and healed in " << Seconds(t0) << " s\n";
  for (const std::string f : {"f1.bin", "f2.bin"}) {
    std::string want = tb().Shell("md5sum < $GTB_STATE/data/" + f).out;
    EXPECT_EQ(On(2, "md5sum < " + brick_path + "/" + f), want) << f << " on host 2's brick";
  }
  ExpectSame(mp, "f1.bin");
  Unmount(mp);
  DeleteVolume(v);
  ExpectAllClean();
}

// --------------------------------------------------- LVM stand-in tests ---
// On host 1's second disk, with the exact command lines of the provisioning
// contract (§3.3, §3.4) and of SshExecutor::BrickExtend.
class LvmStandinTest : public TestbedTest {
 protected:
  std::string Lvm(const std::string& args) { return On(1, "/usr/sbin/lvm " + args); }
  CliRun LvmFails(const std::string& args) {
    CliRun r = tb().Exec(1, "/usr/sbin/lvm " + args);
    EXPECT_NE(r.exit_code, 0) << "lvm " << args << " should fail:\n" << r.out;
    return r;
  }
  std::vector<std::string> VgDisplay(const std::string& vg) {
    std::vector<std::string> f = Split(Trim(Lvm("vgdisplay -c " + vg)), ':');
    EXPECT_GE(f.size(), 17u);
    f.resize(17);
    return f;
  }
  // Nothing of the test's own VG is left on host 1.
  void ExpectVgGone() {
    CliRun r = tb().Exec(1, "{ /usr/sbin/lvm vgs --noheadings; findmnt -rn -o TARGET,SOURCE; "
                            "ls /dev/mapper /dev /var/lib/heketi/mounts; "
                            "losetup -n -O BACK-FILE -l; } 2>/dev/null | grep -F " + vg_);
    EXPECT_EQ(r.out, "") << "left behind on host 1";
  }
  const std::string vg_ = "vg_e2e0000000000000000000000000000";
};

TEST_F(LvmStandinTest, DeviceSetupReportsLikeLvmAndAccountsHonestly) {
  const std::string disk = tb().Disk(1, 2);
  Lvm("pvcreate -qq --metadatasize=128M --dataalignment=256K '" + disk + "'");
  Lvm("vgcreate -qq --physicalextentsize=4M --autobackup=n " + vg_ + " " + disk);
  json pvs = json::parse(Lvm("pvs -o pv_name,pv_uuid,vg_name --reportformat=json " + disk));
  const auto& pv = pvs["report"][0]["pv"][0];
  EXPECT_EQ(pv["pv_name"], disk);
  EXPECT_EQ(pv["vg_name"], vg_);
  const std::string uuid = pv["pv_uuid"];
  EXPECT_EQ(uuid.size(), 38u) << uuid;
  EXPECT_EQ(Trim(On(1, "udevadm info --query=symlink --name=" + disk)),
            "disk/by-id/lvm-pv-uuid-" + uuid);
  EXPECT_NE(On(1, "blkid -p " + disk).find("TYPE=\"LVM2_member\""), std::string::npos);
  // 16 GiB disk, 128 MiB + 256 KiB data offset, 4 MiB extents
  std::vector<std::string> f = VgDisplay(vg_);
  EXPECT_EQ(f[12], "4096");
  EXPECT_EQ(f[13], "4063");
  EXPECT_EQ(f[14], "0");
  EXPECT_EQ(f[15], "4063");
  // a pool takes data + metadata extents, plus LVM's metadata spare once
  const std::string b = "0123456789abcdef0123456789abcdef";
  Lvm("lvcreate -qq --autobackup=n --poolmetadatasize 5244K --chunksize 256K --size 1048576K "
      "--thin " + vg_ + "/tp_" + b + " --virtualsize 1048576K --name brick_" + b);
  f = VgDisplay(vg_);
  EXPECT_EQ(f[14], std::to_string(256 + 2 + 2));
  EXPECT_EQ(f[15], std::to_string(4063 - 260));
  EXPECT_EQ(Trim(Lvm("lvs --noheadings --options=thin_count " + vg_ + "/tp_" + b)), "1");
  // over-allocation is refused and changes nothing
  CliRun over = LvmFails("lvcreate -qq --autobackup=n --poolmetadatasize 16384K --chunksize 256K "
                         "--size 16G --thin " + vg_ + "/tp_x --virtualsize 1G --name brick_x");
  EXPECT_NE(over.err.find("insufficient free space"), std::string::npos) << over.err;
  EXPECT_EQ(VgDisplay(vg_)[15], std::to_string(4063 - 260));
  // a VG with LVs is not removed by -qq
  LvmFails("vgremove -qq " + vg_);
  // teardown as the server does it
  Lvm("lvremove --autobackup=n -f " + vg_ + "/brick_" + b);
  EXPECT_EQ(Trim(Lvm("lvs --noheadings --options=thin_count " + vg_ + "/tp_" + b)), "0");
  Lvm("lvremove --autobackup=n -f " + vg_ + "/tp_" + b);
  CliRun gone = LvmFails("lvremove --autobackup=n -f " + vg_ + "/tp_" + b);
  EXPECT_NE(gone.err.find("Failed to find logical volume"), std::string::npos) << gone.err;
  EXPECT_EQ(VgDisplay(vg_)[15], "4063");
  Lvm("vgremove -qq " + vg_);
  Lvm("pvremove -qq '/dev/disk/by-id/lvm-pv-uuid-" + uuid + "'");
  EXPECT_EQ(tb().Exec(1, "blkid -p " + disk).out, "");
  ExpectVgGone();
}

TEST_F(LvmStandinTest, RefusesOtherHostsDisksAndSignatures) {
  CliRun foreign = LvmFails("pvcreate -qq --metadatasize=128M --dataalignment=256K " +
                            tb().Disk(2, 2));
  EXPECT_NE(foreign.err.find("device not found"), std::string::npos) << foreign.err;
  const std::string disk = tb().Disk(1, 2);
  On(1, "mkfs.xfs -q -f " + disk);
  CliRun sig = LvmFails("pvcreate -qq --metadatasize=128M --dataalignment=256K " + disk);
  EXPECT_NE(sig.err.find("xfs signature detected"), std::string::npos) << sig.err;
  On(1, "wipefs -q --all " + disk);
}

// What SshExecutor::BrickExtend runs: pool, pool metadata, LV, then XFS.
TEST_F(LvmStandinTest, GrowsAMountedBrickInPlace) {
  const std::string disk = tb().Disk(1, 2), b = "fedcba9876543210fedcba9876543210";
  const std::string m = "/var/lib/heketi/mounts/" + vg_ + "/brick_" + b;
  const std::string dev = "/dev/mapper/" + vg_ + "-brick_" + b;
  Lvm("pvcreate -qq --metadatasize=128M --dataalignment=256K " + disk);
  Lvm("vgcreate -qq --physicalextentsize=4M --autobackup=n " + vg_ + " " + disk);
  On(1, "mkdir -p " + m + " && /usr/sbin/lvm lvcreate -qq --autobackup=n --poolmetadatasize 5244K "
        "--chunksize 256K --size 1048576K --thin " + vg_ + "/tp_" + b +
        " --virtualsize 1048576K --name brick_" + b + " && mkfs.xfs -q -i size=512 -n size=8192 " +
        dev + " && mount -o rw,inode64,noatime,nouuid " + dev + " " + m + " && mkdir " + m +
        "/brick && head -c 8M /dev/urandom > " + m + "/brick/data");
  const std::string md5 = On(1, "md5sum < " + m + "/brick/data");
  int64_t before = std::stoll(On(1, "df -B1 --output=size " + m + " | tail -n1"));
  Lvm("lvextend --autobackup=n -L 2097152K " + vg_ + "/tp_" + b);
  Lvm("lvextend --autobackup=n --poolmetadatasize 10488K " + vg_ + "/tp_" + b);
  Lvm("lvextend --autobackup=n -L 2097152K " + vg_ + "/brick_" + b);
  CliRun again = LvmFails("lvextend --autobackup=n -L 2097152K " + vg_ + "/brick_" + b);
  EXPECT_NE(again.err.find("matches existing size"), std::string::npos) << again.err;
  On(1, "xfs_growfs " + m + " >/dev/null");
  int64_t after = std::stoll(On(1, "df -B1 --output=size " + m + " | tail -n1"));
  EXPECT_GT(after, before * 19 / 10) << before << " -> " << after;
  EXPECT_EQ(On(1, "md5sum < " + m + "/brick/data"), md5) << "data changed while growing";
  std::vector<std::string> f = VgDisplay(vg_);
  EXPECT_EQ(f[14], std::to_string(512 + 3 + 3));  // 2 GiB pool, 10488K metadata, its spare
  On(1, "umount " + m + " && rmdir " + m + " && /usr/sbin/lvm lvremove "
        "--autobackup=n -f " + vg_ + "/tp_" + b + " >/dev/null && /usr/sbin/lvm vgremove -qq " +
        vg_ + " && /usr/sbin/lvm pvremove -qq " + disk + " && rmdir /var/lib/heketi/mounts/" + vg_);
  ExpectVgGone();
}

TEST_F(LvmStandinTest, RootNamespaceUntouched) {
  CliRun root = tb().Shell(
      "findmnt -rn -o TARGET,SOURCE | grep -F lvm-standin; "
      "ls -d /dev/mapper/vg_* /dev/vg_* /dev/disk/by-id/lvm-pv-uuid-* 2>/dev/null; "
      "if [ -x /usr/sbin/lvm ]; then /usr/sbin/lvm version 2>&1 | grep -F TEST-ONLY; fi; true");
  EXPECT_EQ(root.out, "") << "stand-in traces in the root namespace";
  EXPECT_EQ(Slurp("/etc/fstab"), E2e().root_fstab);
  // ... while each host has it
  for (int i = 1; i <= tb().hosts(); ++i) {
    EXPECT_NE(On(i, "/usr/sbin/lvm version").find("TEST-ONLY"), std::string::npos);
  }
}

}  // namespace
}  // namespace brickyard::testing
