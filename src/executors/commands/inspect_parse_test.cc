#include "executors/commands/inspect_parse.h"

#include <gtest/gtest.h>

#include "executors/commands/gluster_parse.h"
#include "executors/commands/naming.h"
#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

using test_support::Golden;

constexpr char kVg[] = "vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kMount[] =
    "/var/lib/heketi/mounts/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9/"
    "brick_11112222333344445555666677778888";

TEST(InspectParseTest, BrickLvsKeepsOnlyBrickVgsWithPoolsAndSizes) {
  auto lvs = ParseBrickLvs(Golden("lvs_bricks.json"));
  ASSERT_TRUE(lvs.ok()) << lvs.status().ToString();
  ASSERT_EQ(lvs->size(), 2u);
  EXPECT_EQ((*lvs)[0], (NodeLv{kVg, "brick_11112222333344445555666677778888",
                               "tp_11112222333344445555666677778888", false, 1048576, 0}));
  EXPECT_EQ((*lvs)[1], (NodeLv{kVg, "tp_11112222333344445555666677778888", "", true, 1048576, 8192}));
}

TEST(InspectParseTest, BrickLvsRefusesBadReports) {
  EXPECT_EQ(ParseBrickLvs("  Volume group not found").status().code(), Code::kInternal);
  EXPECT_EQ(ParseBrickLvs(R"({"report":[{"lv":[{"vg_name":"vg_a","lv_name":"x","lv_size":"big"}]}]})")
                .status().code(),
            Code::kInternal);
  EXPECT_EQ(ParseBrickLvs(R"({"report":[{"lv":[{"vg_name":"vg_a","lv_size":"1k"}]}]})")
                .status().code(),
            Code::kInternal);
}

TEST(InspectParseTest, ProcMountsBelowTheMountRootOnlyWithEscapesDecoded) {
  auto mounts = ParseMountTable(Golden("proc_mounts.txt"), kMountRoot);
  ASSERT_TRUE(mounts.ok()) << mounts.status().ToString();
  ASSERT_EQ(mounts->size(), 2u);
  EXPECT_EQ((*mounts)[0].device, DevMapperPath(kVg, "brick_11112222333344445555666677778888"));
  EXPECT_EQ((*mounts)[0].mount_point, kMount);
  EXPECT_EQ((*mounts)[0].fstype, "xfs");
  EXPECT_EQ((*mounts)[1].mount_point, "/var/lib/heketi/mounts/odd name");
}

TEST(InspectParseTest, FstabSkipsCommentsAndBlankLines) {
  auto lines = ParseMountTable(Golden("fstab.txt"), kMountRoot);
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  ASSERT_EQ(lines->size(), 1u);
  EXPECT_EQ((*lines)[0], (MountEntry{DevMapperPath(kVg, "brick_11112222333344445555666677778888"),
                                     kMount, "xfs", "rw,inode64,noatime,nouuid"}));
  EXPECT_EQ(ParseMountTable("/dev/sda /var/lib/heketi/mounts/x\n", kMountRoot).status().code(),
            Code::kInternal);
}

TEST(InspectParseTest, DirListMustStayBelowTheRoot) {
  auto dirs = ParseDirList(Golden("brick_dirs.txt"), kMountRoot);
  ASSERT_TRUE(dirs.ok()) << dirs.status().ToString();
  ASSERT_EQ(dirs->size(), 2u);
  EXPECT_EQ((*dirs)[0], kMount);
  auto empty = ParseDirList("", kMountRoot);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(ParseDirList("/etc/passwd\n", kMountRoot).status().code(), Code::kInternal);
  EXPECT_EQ(ParseDirList("find: permission denied\n", kMountRoot).status().code(), Code::kInternal);
}

TEST(InspectParseTest, VolumeStatusListsBricksNotDaemons) {
  auto bricks = ParseVolumeStatusXml(Golden("volume_status.xml"));
  ASSERT_TRUE(bricks.ok()) << bricks.status().ToString();
  ASSERT_EQ(bricks->size(), 2u);
  EXPECT_EQ((*bricks)[0], (BrickProcess{"198.18.0.21", std::string(kMount) + "/brick", true, 2381}));
  EXPECT_EQ((*bricks)[1].host, "198.18.0.22");
  EXPECT_FALSE((*bricks)[1].online);
  EXPECT_EQ((*bricks)[1].pid, -1);
}

TEST(InspectParseTest, VolumeStatusOfAStoppedVolumeIsAnError) {
  auto r = ParseVolumeStatusXml(Golden("volume_status_stopped.xml"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_NE(r.status().message().find("is not started"), std::string::npos);
  EXPECT_EQ(ParseVolumeStatusXml(Golden("volume_info_missing.xml")).status().code(), Code::kNotFound);
}

TEST(InspectParseTest, PeersKeepEveryNameTheyAreKnownBy) {
  auto peers = ParsePeerStatusXml(Golden("peer_status.xml"));
  ASSERT_TRUE(peers.ok()) << peers.status().ToString();
  ASSERT_EQ(peers->size(), 2u);
  EXPECT_EQ((*peers)[0].hostnames, std::vector<std::string>{"192.168.121.12"});
  EXPECT_EQ((*peers)[1].hostnames,
            (std::vector<std::string>{"node3.example.com", "192.168.121.13"}));
  auto pool = ParsePoolList(Golden("pool_list.txt"));
  ASSERT_TRUE(pool.ok());
  for (const auto& p : *pool) EXPECT_EQ(p.hostnames, std::vector<std::string>{p.hostname});
}

}  // namespace
}  // namespace brickyard::executors::commands
