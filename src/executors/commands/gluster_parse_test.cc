#include "executors/commands/gluster_parse.h"

#include <gtest/gtest.h>

#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

using test_support::Golden;

TEST(VolumeInfoParseTest, TwoVolumes) {
  auto r = ParseVolumeInfoXml(Golden("volume_info_two.xml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  const GlusterVolume& v = (*r)[0];
  EXPECT_EQ(v.name, "vol_6c1e0f2d9a8b47c3b5e4d3c2b1a09f8e");
  EXPECT_EQ(v.id, "3f0c9a52-7d1e-4b8a-9c6f-2e5d4a3b1c0f");
  EXPECT_EQ(v.status, 1);
  EXPECT_EQ(v.status_str, "Started");
  EXPECT_EQ(v.brick_count, 3);
  EXPECT_EQ(v.dist_count, 1);
  EXPECT_EQ(v.stripe_count, 0);  // absent in newer releases
  EXPECT_EQ(v.replica_count, 3);
  EXPECT_EQ(v.arbiter_count, 0);
  EXPECT_EQ(v.disperse_count, 0);
  EXPECT_EQ(v.redundancy_count, 0);
  EXPECT_EQ(v.type, 2);
  EXPECT_EQ(v.type_str, "Replicate");
  EXPECT_EQ(v.transport, 0);
  ASSERT_EQ(v.bricks.size(), 3u);
  EXPECT_EQ(v.bricks[1].name,
            "192.168.121.12:/var/lib/heketi/mounts/vg_1a1b2c3d4e5f60718293a4b5c6d7e8f9/"
            "brick_21112222333344445555666677778888/brick");
  EXPECT_EQ(v.bricks[1].host_uuid, "a1b2c3d4-0002-4000-8000-00000000000b");
  EXPECT_FALSE(v.bricks[1].is_arbiter);
  EXPECT_EQ(v.opt_count, 5);
  ASSERT_EQ(v.options.size(), 5u);
  EXPECT_EQ(v.options[0], (GlusterOption{"user.heketi.id", "6c1e0f2d9a8b47c3b5e4d3c2b1a09f8e"}));
  EXPECT_EQ(v.options[4], (GlusterOption{"transport.address-family", "inet"}));

  const GlusterVolume& a = (*r)[1];
  EXPECT_EQ(a.name, "arb");
  EXPECT_EQ(a.status_str, "Created");
  EXPECT_EQ(a.arbiter_count, 1);
  EXPECT_EQ(a.type_str, "Distributed-Replicate");
  ASSERT_EQ(a.bricks.size(), 6u);
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(a.bricks[i].is_arbiter, i % 3 == 2) << i;
  EXPECT_EQ(a.options[0].value, "a & b <c> \"d\" \xc3\xa9");
}

TEST(VolumeInfoParseTest, LegacyDisperse) {
  auto r = ParseVolumeInfoXml(Golden("volume_info_disperse_legacy.xml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  const GlusterVolume& v = (*r)[0];
  EXPECT_EQ(v.status_str, "Stopped");
  EXPECT_EQ(v.stripe_count, 1);
  EXPECT_EQ(v.disperse_count, 6);
  EXPECT_EQ(v.redundancy_count, 2);
  EXPECT_EQ(v.arbiter_count, 0);
  ASSERT_EQ(v.bricks.size(), 6u);
  // A brick without <name>/<hostUuid> falls back to its text and uuid attribute.
  EXPECT_EQ(v.bricks[1].name, "h2.example.com:/d/2/brick");
  EXPECT_EQ(v.bricks[1].host_uuid, "h2");
  EXPECT_TRUE(v.options.empty());
}

TEST(VolumeInfoParseTest, NoVolumes) {
  auto r = ParseVolumeInfoXml(Golden("volume_info_none.xml"));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(VolumeInfoParseTest, MissingVolumeIsNotFound) {
  auto r = ParseVolumeInfoXml(Golden("volume_info_missing.xml"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(r.status().message(), "Volume nosuchvol does not exist");
}

TEST(VolumeInfoParseTest, GlusterdDownIsUnavailable) {
  auto r = ParseVolumeInfoXml(Golden("glusterd_down.txt"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_EQ(r.status().message(),
            "gluster: Connection failed. Please check if gluster daemon is operational.");
}

TEST(VolumeInfoParseTest, GarbageIsInternal) {
  for (const char* bad : {"", "usage: gluster ...", "<other/>", "<cliOutput><opErrno>0</opErrno></cliOutput>",
                          "<cliOutput><opRet>x</opRet></cliOutput>"}) {
    auto r = ParseVolumeInfoXml(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInternal) << bad;
  }
  auto r = ParseVolumeInfoXml(
      "<cliOutput><opRet>0</opRet><volInfo><volumes><volume><name>v</name>"
      "<brickCount>three</brickCount></volume></volumes></volInfo></cliOutput>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "gluster output field brickCount is not a number: \"three\"");
}

TEST(CliStatusParseTest, Verdicts) {
  EXPECT_TRUE(ParseCliStatusXml(Golden("snapshot_activate.xml")).ok());
  Status st = ParseCliStatusXml(Golden("volume_start_failed.xml"));
  EXPECT_EQ(st.code(), Code::kInternal);
  EXPECT_EQ(st.message(), "Commit failed on 192.168.121.12. Please check log file for details.");
  st = ParseCliStatusXml("<cliOutput><opRet>-1</opRet><opErrno>22</opErrno><opErrstr/></cliOutput>");
  EXPECT_EQ(st.message(), "gluster command failed: opRet -1, opErrno 22");
  // A non-empty opErrstr is a failure even with opRet 0, as Heketi reads it.
  st = ParseCliStatusXml("<cliOutput><opRet>0</opRet><opErrstr>odd</opErrstr></cliOutput>");
  EXPECT_EQ(st.code(), Code::kInternal);
}

TEST(HealInfoParseTest, Bricks) {
  auto r = ParseHealInfoXml(Golden("heal_info.xml"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].host_uuid, "a1b2c3d4-0001-4000-8000-00000000000a");
  EXPECT_EQ((*r)[0].status, "Connected");
  EXPECT_EQ((*r)[0].entries, 2);
  EXPECT_EQ((*r)[1].status, "Transport endpoint is not connected");
  EXPECT_EQ((*r)[1].entries, -1);
  EXPECT_EQ((*r)[1].name,
            "192.168.121.12:/var/lib/heketi/mounts/vg_1a1b2c3d4e5f60718293a4b5c6d7e8f9/"
            "brick_21112222333344445555666677778888/brick");
}

TEST(SnapshotParseTest, ListCount) {
  auto r = ParseSnapshotListCountXml(Golden("snapshot_list.xml"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 2);
  r = ParseSnapshotListCountXml("<cliOutput><opRet>0</opRet><opErrstr/><snapList><count>0</count></snapList></cliOutput>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0);
  r = ParseSnapshotListCountXml(Golden("snapshot_list_missing.xml"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(r.status().message(), "Volume (gone) does not exist");
}

TEST(SnapshotParseTest, CreateAndClone) {
  auto s = ParseSnapshotCreateXml(Golden("snapshot_create.xml"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->name, "tmpsnap_7a0c4e2b-9d61-4f35-8e1a-3b5c7d9f1e2a");
  EXPECT_EQ(s->uuid, "c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f");
  auto c = ParseSnapshotCloneXml(Golden("snapshot_clone.xml"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->name, "vol_clone1");
  EXPECT_EQ(c->uuid, "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b");
  EXPECT_FALSE(ParseSnapshotCloneXml(Golden("snapshot_create.xml")).ok());
  EXPECT_EQ(ParseSnapshotCreateXml(Golden("volume_start_failed.xml")).status().code(),
            Code::kInternal);
}

TEST(PeerParseTest, PeerStatusXml) {
  auto r = ParsePeerStatusXml(Golden("peer_status.xml"));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].uuid, "a1b2c3d4-0002-4000-8000-00000000000b");
  EXPECT_EQ((*r)[0].hostname, "192.168.121.12");
  EXPECT_TRUE((*r)[0].connected);
  EXPECT_EQ((*r)[0].state, "Peer in Cluster");
  EXPECT_EQ((*r)[1].hostname, "node3.example.com");
  EXPECT_FALSE((*r)[1].connected);
}

TEST(PeerParseTest, PoolList) {
  auto r = ParsePoolList(Golden("pool_list.txt"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].hostname, "192.168.121.12");
  EXPECT_TRUE((*r)[0].connected);
  EXPECT_EQ((*r)[1].hostname, "node3.example.com");
  EXPECT_FALSE((*r)[1].connected);
  EXPECT_EQ((*r)[1].state, "Disconnected");
  EXPECT_EQ((*r)[2].hostname, "localhost");
  EXPECT_EQ((*r)[2].uuid, "a1b2c3d4-0001-4000-8000-00000000000a");
  EXPECT_EQ(ParsePoolList(Golden("glusterd_down.txt")).status().code(), Code::kUnavailable);
  EXPECT_EQ(ParsePoolList("").status().code(), Code::kInternal);
  EXPECT_EQ(ParsePoolList("UUID Hostname State\nx y\n").status().code(), Code::kInternal);
}

}  // namespace
}  // namespace brickyard::executors::commands
