#include "executors/commands/gluster.h"

#include <gtest/gtest.h>

#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

using test_support::ExpectCommand;
using test_support::ExpectInvalid;
using Argv = std::vector<std::string>;

constexpr char kId[] = "6c1e0f2d9a8b47c3b5e4d3c2b1a09f8e";
const Argv kG = {"gluster", "--mode=script", "--timeout=600"};
const std::string kGLine = "'gluster' '--mode=script' '--timeout=600'";

Argv G(Argv rest) {
  Argv a = kG;
  a.insert(a.end(), rest.begin(), rest.end());
  return a;
}

// The argv tail of `c` after the gluster prefix.
Argv Tail(const Command& c) { return Argv(c.argv.begin() + 3, c.argv.end()); }

std::string BrickName(int i) { return "n" + std::to_string(i % 3 + 1) + ":/b/" + std::to_string(i) + "/brick"; }

VolumeRequest Request(VolumeRequest::Kind kind, int bricks) {
  VolumeRequest r;
  r.name = "vol1";
  r.id = kId;
  r.kind = kind;
  for (int i = 0; i < bricks; ++i) {
    r.bricks.push_back({"n" + std::to_string(i % 3 + 1), "/b/" + std::to_string(i) + "/brick"});
  }
  return r;
}

Argv Bricks(int from, int to) {
  Argv a;
  for (int i = from; i < to; ++i) a.push_back(BrickName(i));
  return a;
}

TEST(GlusterTest, SetSizesAndChunks) {
  VolumeRequest r;
  EXPECT_EQ(SetSize(r), 1);
  r.kind = VolumeRequest::Kind::kReplica;
  r.replica = 3;
  EXPECT_EQ(SetSize(r), 3);
  r.kind = VolumeRequest::Kind::kDisperse;
  r.data = 4;
  r.redundancy = 2;
  EXPECT_EQ(SetSize(r), 6);
  EXPECT_EQ(MaxSetsPerCommand(VolumeRequest::Kind::kNone), 15);
  EXPECT_EQ(MaxSetsPerCommand(VolumeRequest::Kind::kReplica), 5);
  EXPECT_EQ(MaxSetsPerCommand(VolumeRequest::Kind::kDisperse), 1);
}

TEST(GlusterTest, PeerProbeAndDetach) {
  config::ExecutorOptions o;
  auto r = PeerProbe(o, "192.168.121.12");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  ExpectCommand((*r)[0], G({"peer", "probe", "192.168.121.12"}),
                kGLine + " 'peer' 'probe' '192.168.121.12'");
  EXPECT_EQ((*r)[0].timeout_s, 11 * 60);
  o.snapshot_limit = 14;
  r = PeerProbe(o, "node2.example.com");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  ExpectCommand((*r)[1], G({"snapshot", "config", "snap-max-hard-limit", "14"}),
                kGLine + " 'snapshot' 'config' 'snap-max-hard-limit' '14'");
  ExpectCommand(PeerDetach(o, "fe80::1"), G({"peer", "detach", "fe80::1"}),
                kGLine + " 'peer' 'detach' 'fe80::1'");
  ExpectInvalid(PeerProbe(o, "node2;reboot"));
  ExpectInvalid(PeerDetach(o, "--force"));
}

TEST(GlusterTest, CliTimeoutOption) {
  config::ExecutorOptions o;
  o.gluster_cli_timeout = 120;
  o.sudo = true;
  ExpectCommand(VolumeStart(o, "v"), {"gluster", "--mode=script", "--timeout=120", "volume", "start", "v"},
                "sudo -n 'gluster' '--mode=script' '--timeout=120' 'volume' 'start' 'v'");
  o.gluster_cli_timeout = 0;
  ExpectInvalid(VolumeStart(o, "v"));
}

TEST(GlusterTest, VolumeCreateDistribute) {
  config::ExecutorOptions o;
  VolumeRequest req = Request(VolumeRequest::Kind::kNone, 20);
  req.options = {"performance.readdir-ahead off", "", "  ", "user.heketi.arbiter false"};
  auto r = VolumeCreate(o, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 7u);
  Argv create = {"volume", "create", "vol1", BrickName(0)};
  EXPECT_EQ(Tail((*r)[0]), create);
  Argv add1 = {"volume", "add-brick", "vol1"};
  for (auto& b : Bricks(1, 16)) add1.push_back(b);
  EXPECT_EQ(Tail((*r)[1]), add1);
  Argv add2 = {"volume", "add-brick", "vol1"};
  for (auto& b : Bricks(16, 20)) add2.push_back(b);
  EXPECT_EQ(Tail((*r)[2]), add2);
  EXPECT_EQ(Tail((*r)[3]), (Argv{"volume", "set", "vol1", "performance.readdir-ahead", "off"}));
  EXPECT_EQ(Tail((*r)[4]), (Argv{"volume", "set", "vol1", "user.heketi.arbiter", "false"}));
  EXPECT_EQ(Tail((*r)[5]), (Argv{"volume", "set", "vol1", "user.heketi.id", kId}));
  ExpectCommand((*r)[6], G({"volume", "start", "vol1"}), kGLine + " 'volume' 'start' 'vol1'");
}

TEST(GlusterTest, VolumeCreateSetsHeketiIdLastThenStarts) {
  config::ExecutorOptions o;
  VolumeRequest req = Request(VolumeRequest::Kind::kNone, 1);
  req.options = {"performance.readdir-ahead off"};
  auto r = VolumeCreate(o, req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 4u);
  ExpectCommand((*r)[0], G({"volume", "create", "vol1", "n1:/b/0/brick"}),
                kGLine + " 'volume' 'create' 'vol1' 'n1:/b/0/brick'");
  ExpectCommand((*r)[1], G({"volume", "set", "vol1", "performance.readdir-ahead", "off"}),
                kGLine + " 'volume' 'set' 'vol1' 'performance.readdir-ahead' 'off'");
  ExpectCommand((*r)[2], G({"volume", "set", "vol1", "user.heketi.id", kId}),
                kGLine + " 'volume' 'set' 'vol1' 'user.heketi.id' '" + kId + "'");
  ExpectCommand((*r)[3], G({"volume", "start", "vol1"}), kGLine + " 'volume' 'start' 'vol1'");
}

TEST(GlusterTest, VolumeCreateReplicaChunksByFiveSets) {
  config::ExecutorOptions o;
  VolumeRequest req = Request(VolumeRequest::Kind::kReplica, 21);  // 7 sets of 3
  req.replica = 3;
  auto r = VolumeCreate(o, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 5u);  // create, add 5 sets, add 1 set, set id, start
  Argv create = {"volume", "create", "vol1", "replica", "3"};
  for (auto& b : Bricks(0, 3)) create.push_back(b);
  EXPECT_EQ(Tail((*r)[0]), create);
  ExpectCommand((*r)[0], G(create),
                kGLine + " 'volume' 'create' 'vol1' 'replica' '3' 'n1:/b/0/brick' 'n2:/b/1/brick' "
                         "'n3:/b/2/brick'");
  Argv add1 = {"volume", "add-brick", "vol1"};
  for (auto& b : Bricks(3, 18)) add1.push_back(b);
  EXPECT_EQ(Tail((*r)[1]), add1);
  Argv add2 = {"volume", "add-brick", "vol1"};
  for (auto& b : Bricks(18, 21)) add2.push_back(b);
  EXPECT_EQ(Tail((*r)[2]), add2);
}

TEST(GlusterTest, VolumeCreateArbiter) {
  config::ExecutorOptions o;
  VolumeRequest req = Request(VolumeRequest::Kind::kReplica, 6);
  req.replica = 3;
  req.arbiter = true;
  auto r = VolumeCreate(o, req);
  ASSERT_TRUE(r.ok());
  ExpectCommand((*r)[0],
                G({"volume", "create", "vol1", "replica", "3", "arbiter", "1", "n1:/b/0/brick",
                   "n2:/b/1/brick", "n3:/b/2/brick"}),
                kGLine + " 'volume' 'create' 'vol1' 'replica' '3' 'arbiter' '1' 'n1:/b/0/brick' "
                         "'n2:/b/1/brick' 'n3:/b/2/brick'");
  EXPECT_EQ(Tail((*r)[1]), (Argv{"volume", "add-brick", "vol1", "n1:/b/3/brick", "n2:/b/4/brick",
                                 "n3:/b/5/brick"}));
  req.replica = 2;
  ExpectInvalid(VolumeCreate(o, req));
}

TEST(GlusterTest, VolumeCreateDisperseOneSetPerCommand) {
  config::ExecutorOptions o;
  VolumeRequest req = Request(VolumeRequest::Kind::kDisperse, 18);
  req.data = 4;
  req.redundancy = 2;
  auto r = VolumeCreate(o, req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 5u);  // create, 2 add-brick, set id, start
  Argv create = {"volume", "create", "vol1", "disperse-data", "4", "redundancy", "2"};
  for (auto& b : Bricks(0, 6)) create.push_back(b);
  EXPECT_EQ(Tail((*r)[0]), create);
  EXPECT_EQ(ToShellLine((*r)[0]),
            kGLine + " 'volume' 'create' 'vol1' 'disperse-data' '4' 'redundancy' '2' "
                     "'n1:/b/0/brick' 'n2:/b/1/brick' 'n3:/b/2/brick' 'n1:/b/3/brick' "
                     "'n2:/b/4/brick' 'n3:/b/5/brick'");
  Argv add1 = {"volume", "add-brick", "vol1"};
  for (auto& b : Bricks(6, 12)) add1.push_back(b);
  EXPECT_EQ(Tail((*r)[1]), add1);
  Argv add2 = {"volume", "add-brick", "vol1"};
  for (auto& b : Bricks(12, 18)) add2.push_back(b);
  EXPECT_EQ(Tail((*r)[2]), add2);
}

TEST(GlusterTest, VolumeCreateRefusesBadRequests) {
  config::ExecutorOptions o;
  auto bad = [&](auto mutate) {
    VolumeRequest req = Request(VolumeRequest::Kind::kReplica, 3);
    req.replica = 3;
    mutate(req);
    ExpectInvalid(VolumeCreate(o, req));
  };
  bad([](VolumeRequest& r) { r.name = "vol;reboot"; });
  bad([](VolumeRequest& r) { r.name = "all"; });
  bad([](VolumeRequest& r) { r.name = "-vol"; });
  bad([](VolumeRequest& r) { r.id = "x"; });
  bad([](VolumeRequest& r) { r.bricks.pop_back(); });
  bad([](VolumeRequest& r) { r.bricks.clear(); });
  bad([](VolumeRequest& r) { r.replica = 0; });
  bad([](VolumeRequest& r) { r.bricks[1].host = "$(reboot)"; });
  bad([](VolumeRequest& r) { r.bricks[1].host = "--force"; });
  bad([](VolumeRequest& r) { r.bricks[2].path = "/b/../etc"; });
  bad([](VolumeRequest& r) { r.bricks[2].path = "b"; });
  bad([](VolumeRequest& r) { r.options = {"performance.x on; reboot\n"}; });
  bad([](VolumeRequest& r) { r.options = {"key --help"}; });
  bad([](VolumeRequest& r) { r.options = {"--mode=interactive x"}; });
  bad([](VolumeRequest& r) { r.kind = VolumeRequest::Kind::kDisperse; });
  bad([](VolumeRequest& r) {
    r.kind = VolumeRequest::Kind::kNone;
    r.arbiter = true;
  });
}

TEST(GlusterTest, VolumeExpandAddsOnlyNewBricks) {
  config::ExecutorOptions o;
  VolumeRequest req = Request(VolumeRequest::Kind::kReplica, 18);  // 6 new sets
  req.replica = 3;
  auto r = VolumeAddBricks(o, req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  Argv add1 = {"volume", "add-brick", "vol1"};
  for (auto& b : Bricks(0, 15)) add1.push_back(b);
  EXPECT_EQ(Tail((*r)[0]), add1);
  Argv add2 = {"volume", "add-brick", "vol1"};
  for (auto& b : Bricks(15, 18)) add2.push_back(b);
  EXPECT_EQ(Tail((*r)[1]), add2);
  ExpectCommand(VolumeRebalanceStart(o, "vol1"), G({"volume", "rebalance", "vol1", "start"}),
                kGLine + " 'volume' 'rebalance' 'vol1' 'start'");
  req.bricks.pop_back();
  ExpectInvalid(VolumeAddBricks(o, req));
}

TEST(GlusterTest, VolumeSetKeepsValueOneArgument) {
  config::ExecutorOptions o;
  ExpectCommand(VolumeSet(o, "vol1", "user.note it's $(reboot) `id`; \"x\""),
                G({"volume", "set", "vol1", "user.note", "it's $(reboot) `id`; \"x\""}),
                kGLine + " 'volume' 'set' 'vol1' 'user.note' 'it'\\''s $(reboot) `id`; \"x\"'");
  ExpectInvalid(VolumeSet(o, "vol1", "novalue"));
  ExpectInvalid(VolumeSet(o, "vol 1", "a b"));
}

TEST(GlusterTest, DestroyAndModify) {
  config::ExecutorOptions o;
  ExpectCommand(VolumeStop(o, "vol1", true), G({"volume", "stop", "vol1", "force"}),
                kGLine + " 'volume' 'stop' 'vol1' 'force'");
  ExpectCommand(VolumeStop(o, "vol1", false), G({"volume", "stop", "vol1"}),
                kGLine + " 'volume' 'stop' 'vol1'");
  ExpectCommand(VolumeDelete(o, "vol1"), G({"volume", "delete", "vol1"}),
                kGLine + " 'volume' 'delete' 'vol1'");
  auto r = VolumeModify(o, "heketidbstorage", true, {"performance.stat-prefetch off"}, true);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ(Tail((*r)[0]), (Argv{"volume", "stop", "heketidbstorage"}));
  EXPECT_EQ(Tail((*r)[1]),
            (Argv{"volume", "set", "heketidbstorage", "performance.stat-prefetch", "off"}));
  EXPECT_EQ(Tail((*r)[2]), (Argv{"volume", "start", "heketidbstorage"}));
  r = VolumeModify(o, "heketidbstorage", false, {}, false);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(GlusterTest, Queries) {
  config::ExecutorOptions o;
  ExpectCommand(VolumeInfo(o, "vol1"), G({"volume", "info", "vol1", "--xml"}),
                kGLine + " 'volume' 'info' 'vol1' '--xml'");
  ExpectCommand(VolumesInfo(o), G({"volume", "info", "--xml"}), kGLine + " 'volume' 'info' '--xml'");
  ExpectCommand(VolumeHealInfo(o, "vol1"), G({"volume", "heal", "vol1", "info", "--xml"}),
                kGLine + " 'volume' 'heal' 'vol1' 'info' '--xml'");
  ExpectCommand(SnapshotList(o, "vol1"), G({"snapshot", "list", "vol1", "--xml"}),
                kGLine + " 'snapshot' 'list' 'vol1' '--xml'");
  ExpectCommand(PeerStatus(o), G({"peer", "status", "--xml"}), kGLine + " 'peer' 'status' '--xml'");
  ExpectInvalid(VolumeInfo(o, "vol1 --xml"));
}

TEST(GlusterTest, ReplaceBrick) {
  config::ExecutorOptions o;
  ExpectCommand(VolumeReplaceBrick(o, "vol1", {"n1", "/b/0/brick"}, {"n4", "/b/9/brick"}),
                G({"volume", "replace-brick", "vol1", "n1:/b/0/brick", "n4:/b/9/brick", "commit",
                   "force"}),
                kGLine + " 'volume' 'replace-brick' 'vol1' 'n1:/b/0/brick' 'n4:/b/9/brick' "
                         "'commit' 'force'");
  ExpectInvalid(VolumeReplaceBrick(o, "vol1", {"n1", "/b/0/brick"}, {"n4 n5", "/b"}));
}

TEST(GlusterTest, CloneSteps) {
  config::ExecutorOptions o;
  const std::string snap = "tmpsnap_7a0c4e2b-9d61-4f35-8e1a-3b5c7d9f1e2a";
  const std::string x = kGLine + " '--xml'";
  ExpectCommand(SnapshotCreate(o, snap, "vol1"),
                G({"--xml", "snapshot", "create", snap, "vol1", "no-timestamp"}),
                x + " 'snapshot' 'create' '" + snap + "' 'vol1' 'no-timestamp'");
  ExpectCommand(SnapshotActivate(o, snap), G({"--xml", "snapshot", "activate", snap}),
                x + " 'snapshot' 'activate' '" + snap + "'");
  ExpectCommand(SnapshotClone(o, "vol_clone1", snap),
                G({"--xml", "snapshot", "clone", "vol_clone1", snap}),
                x + " 'snapshot' 'clone' 'vol_clone1' '" + snap + "'");
  ExpectCommand(VolumeStartXml(o, "vol_clone1"), G({"--xml", "volume", "start", "vol_clone1"}),
                x + " 'volume' 'start' 'vol_clone1'");
  ExpectCommand(SnapshotDeactivate(o, snap), G({"--xml", "snapshot", "deactivate", snap}),
                x + " 'snapshot' 'deactivate' '" + snap + "'");
  ExpectCommand(SnapshotDelete(o, snap), G({"--xml", "snapshot", "delete", snap}),
                x + " 'snapshot' 'delete' '" + snap + "'");
  ExpectInvalid(SnapshotCreate(o, "all", "vol1"));
  ExpectInvalid(SnapshotClone(o, "vol_clone1", "a/b"));
  ExpectInvalid(SnapshotClone(o, "-c", snap));
  ExpectInvalid(SnapshotDelete(o, "$(reboot)"));
}

}  // namespace
}  // namespace brickyard::executors::commands
