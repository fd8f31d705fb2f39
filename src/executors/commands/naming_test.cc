#include "executors/commands/naming.h"

#include <gtest/gtest.h>

namespace brickyard::executors::commands {
namespace {

constexpr char kD[] = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kB[] = "11112222333344445555666677778888";

TEST(NamingTest, HeketiNames) {
  EXPECT_EQ(VgName(kD), "vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9");
  EXPECT_EQ(ThinPoolName(kB), "tp_11112222333344445555666677778888");
  EXPECT_EQ(BrickLvName(kB), "brick_11112222333344445555666677778888");
  EXPECT_EQ(VgMountDir(kD), "/var/lib/heketi/mounts/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9");
  EXPECT_EQ(BrickMountPoint(kD, kB),
            "/var/lib/heketi/mounts/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9/"
            "brick_11112222333344445555666677778888");
  EXPECT_EQ(BrickPath(kD, kB),
            "/var/lib/heketi/mounts/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9/"
            "brick_11112222333344445555666677778888/brick");
  EXPECT_EQ(DevMapperPath(VgName(kD), BrickLvName(kB)),
            "/dev/mapper/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9-brick_11112222333344445555666677778888");
}

TEST(NamingTest, DevMapperDoublesDashes) {
  EXPECT_EQ(DevMapperPath("my-vg", "lv-1"), "/dev/mapper/my--vg-lv--1");
}

TEST(NamingTest, MountPointOf) {
  auto r = MountPointOf(BrickPath(kD, kB));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, BrickMountPoint(kD, kB));
  r = MountPointOf("/run/gluster/snaps/e1f2a3b4c5d64e7f8a9b0c1d2e3f4a5b/brick1/brick");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "/run/gluster/snaps/e1f2a3b4c5d64e7f8a9b0c1d2e3f4a5b/brick1");
  EXPECT_FALSE(MountPointOf("/brick").ok());
  EXPECT_FALSE(MountPointOf("/a/bricks").ok());
  EXPECT_FALSE(MountPointOf("/a/mybrick").ok());
}

TEST(NamingTest, GlusterManagedMounts) {
  EXPECT_TRUE(IsGlusterManagedMount("/run/gluster/snaps/x/brick1"));
  EXPECT_TRUE(IsGlusterManagedMount("/var/run/gluster/snaps/x/brick1"));
  EXPECT_FALSE(IsGlusterManagedMount(BrickMountPoint(kD, kB)));
  EXPECT_FALSE(IsGlusterManagedMount("/run/glusterd/x"));
}

TEST(NamingTest, PreferredDevicePath) {
  EXPECT_EQ(PreferredDevicePath("q1Xz3c-8bYV", {"/dev/vdb"}, "/dev/vdb"),
            "/dev/disk/by-id/lvm-pv-uuid-q1Xz3c-8bYV");
  EXPECT_EQ(PreferredDevicePath("", {"/dev/disk/by-path/p", "/dev/vdb"}, "/dev/vdb"),
            "/dev/disk/by-path/p");
  EXPECT_EQ(PreferredDevicePath("", {}, "/dev/vdb"), "/dev/vdb");
}

// As glusterd names them (seen on GlusterFS 10.3): the clone's volume UUID
// without dashes, then the index of the brick among the clone's bricks on
// the same node.
TEST(NamingTest, SnapshotCloneBricks) {
  const std::string p = "/run/gluster/snaps/2953906f25f84f928c252509bd9cf44a/brick2/brick";
  EXPECT_EQ(*SnapshotBrickLvName(p, 0), "2953906f25f84f928c252509bd9cf44a_0");
  EXPECT_EQ(*SnapshotBrickLvName(p, 1), "2953906f25f84f928c252509bd9cf44a_1");
  EXPECT_EQ(*SnapshotBrickPosition(p), 2);
  EXPECT_EQ(*SnapshotBrickPosition("/var/run/gluster/snaps/abc/brick12/brick"), 12);
  for (const char* bad : {"/var/lib/heketi/mounts/vg_x/brick_y/brick",
                          "/run/gluster/snaps//brick1/brick", "/run/gluster/snaps/x/brick/brick",
                          "/run/gluster/snaps/x/brick01/brick", "/run/gluster/snaps/x/brick1",
                          "/run/gluster/snaps/x/brickA/brick", "/run/gluster/snaps/x/y/brick1/brick",
                          "/run/gluster/snaps/-x/brick1/brick", "/run/gluster/snaps/x;y/brick1/brick"}) {
    EXPECT_EQ(SnapshotBrickLvName(bad, 0).status().code(), Code::kInvalidArgument) << bad;
  }
  EXPECT_FALSE(SnapshotBrickLvName(p, -1).ok());
}

}  // namespace
}  // namespace brickyard::executors::commands
