#include "executors/commands/batches.h"

#include <gtest/gtest.h>

#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

using test_support::ExpectInvalid;

constexpr char kD[] = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kVg[] = "vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kTp[] = "tp_11112222333344445555666677778888";
constexpr char kLv[] = "brick_11112222333344445555666677778888";
constexpr char kDev[] =
    "/dev/mapper/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9-brick_11112222333344445555666677778888";
constexpr char kM[] =
    "/var/lib/heketi/mounts/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9/"
    "brick_11112222333344445555666677778888";

BrickRequest Brick() {
  BrickRequest b;
  b.device_id = kD;
  b.brick_id = "11112222333344445555666677778888";
  b.tp_name = kTp;
  b.lv_name = kLv;
  b.size_kib = 10485760;
  b.tp_size_kib = 10485760;
  b.pool_meta_kib = 53248;
  b.path = std::string(kM) + "/brick";
  return b;
}

std::vector<std::string> Lines(const std::vector<Command>& cmds) {
  std::vector<std::string> out;
  for (const auto& c : cmds) out.push_back(ToShellLine(c));
  return out;
}

TEST(BatchesTest, DeviceSetup) {
  config::ExecutorOptions o;
  auto r = DeviceSetupBatch(o, "/dev/vdb", kD, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Lines(*r),
            (std::vector<std::string>{
                "'/usr/sbin/lvm' 'pvcreate' '-qq' '--metadatasize=128M' '--dataalignment=256K' "
                "'/dev/vdb'",
                std::string("'/usr/sbin/lvm' 'vgcreate' '-qq' '--physicalextentsize=4M' "
                            "'--autobackup=n' '") + kVg + "' '/dev/vdb'"}));
  r = DeviceSetupBatch(o, "/dev/vdb", kD, true);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ(ToShellLine((*r)[0]), "'wipefs' '--all' '/dev/vdb'");
  ExpectInvalid(DeviceSetupBatch(o, "/dev/vdb;reboot", kD, true));
}

TEST(BatchesTest, DeviceHandleAndTeardown) {
  config::ExecutorOptions o;
  auto r = DeviceHandleBatch(o, "/dev/vdb");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Lines(*r), (std::vector<std::string>{
                           "'/usr/sbin/lvm' 'pvs' '-o' 'pv_name,pv_uuid,vg_name' "
                           "'--reportformat=json' '/dev/vdb'",
                           "'/usr/bin/udevadm' 'info' '--query=symlink' '--name=/dev/vdb'"}));
  r = DeviceTeardownBatch(o, kD, "/dev/disk/by-id/lvm-pv-uuid-q1Xz3c");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Lines(*r), (std::vector<std::string>{
                           std::string("'/usr/sbin/lvm' 'vgremove' '-qq' '") + kVg + "'",
                           "'/usr/sbin/lvm' 'pvremove' '-qq' '/dev/disk/by-id/lvm-pv-uuid-q1Xz3c'"}));
}

TEST(BatchesTest, BrickCreateWithGid) {
  config::ExecutorOptions o;
  BrickRequest b = Brick();
  b.gid = 2001;
  auto r = BrickCreateBatch(o, b);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::string p = std::string(kM) + "/brick";
  const std::string line = std::string(kDev) + " " + kM + " xfs rw,inode64,noatime,nouuid 1 2";
  EXPECT_EQ(Lines(*r),
            (std::vector<std::string>{
                std::string("'mkdir' '-p' '") + kM + "'",
                std::string("'/usr/sbin/lvm' 'lvcreate' '-qq' '--autobackup=n' "
                            "'--poolmetadatasize' '53248K' '--chunksize' '256K' '--size' "
                            "'10485760K' '--thin' '") + kVg + "/" + kTp +
                    "' '--virtualsize' '10485760K' '--name' '" + kLv + "'",
                std::string("'mkfs.xfs' '-i' 'size=512' '-n' 'size=8192' '") + kDev + "'",
                "'sh' '-c' 'printf '\\''%s\\n'\\'' \"$1\" >> \"$2\"' 'sh' '" + line +
                    "' '/etc/fstab'",
                std::string("'mount' '-o' 'rw,inode64,noatime,nouuid' '") + kDev + "' '" + kM + "'",
                "'mkdir' '" + p + "'",
                "'chown' ':2001' '" + p + "'",
                "'chmod' '2775' '" + p + "'",
            }));
  for (const auto& c : *r) EXPECT_EQ(c.timeout_s, kBrickTimeoutS);
}

TEST(BatchesTest, BrickCreateWithoutGidSkipsOwnership) {
  config::ExecutorOptions o;
  auto r = BrickCreateBatch(o, Brick());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 6u);
  EXPECT_EQ(r->back().argv[0], "mkdir");
}

TEST(BatchesTest, BrickCreateArbiter) {
  config::ExecutorOptions o;
  o.xfs_su = 64;
  o.xfs_sw = 4;
  o.lv_chunksize = "512K";
  BrickRequest b = Brick();
  b.arbiter = true;
  auto r = BrickCreateBatch(o, b);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[1].argv[7], "256K");
  EXPECT_EQ((*r)[2].argv, (std::vector<std::string>{"mkfs.xfs", "-i", "maxpct=100", "-n",
                                                    "size=8192", kDev}));
}

TEST(BatchesTest, BrickCreateRefusesBadRequests) {
  config::ExecutorOptions o;
  BrickRequest b = Brick();
  b.path = std::string(kM) + "/data";
  ExpectInvalid(BrickCreateBatch(o, b));
  b = Brick();
  b.gid = -3;
  ExpectInvalid(BrickCreateBatch(o, b));
  b = Brick();
  b.path = "/var/lib/heketi/mounts/../../etc/brick";
  ExpectInvalid(BrickCreateBatch(o, b));
}

TEST(BatchesTest, BrickExpand) {
  config::ExecutorOptions o;
  BrickRequest g = Brick();
  g.size_kib = 20971520;
  g.tp_size_kib = 20971520;
  g.pool_meta_kib = 106496;
  auto r = BrickExpandBatch(o, g, true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Lines(*r),
            (std::vector<std::string>{
                std::string("'/usr/sbin/lvm' 'lvextend' '--autobackup=n' '-L' '20971520K' '") +
                    kVg + "/" + kTp + "'",
                std::string("'/usr/sbin/lvm' 'lvextend' '--autobackup=n' '--poolmetadatasize' "
                            "'106496K' '") + kVg + "/" + kTp + "'",
                std::string("'/usr/sbin/lvm' 'lvextend' '--autobackup=n' '-L' '20971520K' '") +
                    kVg + "/" + kLv + "'",
                std::string("'xfs_growfs' '") + kM + "'"}));
  r = BrickExpandBatch(o, g, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 3u);
  g.tp_size_kib = g.size_kib - 1;
  ExpectInvalid(BrickExpandBatch(o, g, false));
}

}  // namespace
}  // namespace brickyard::executors::commands
