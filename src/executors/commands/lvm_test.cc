#include "executors/commands/lvm.h"

#include <gtest/gtest.h>

#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

using test_support::ExpectCommand;
using test_support::ExpectInvalid;

constexpr char kD[] = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kVg[] = "vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kTp[] = "tp_11112222333344445555666677778888";
constexpr char kLv[] = "brick_11112222333344445555666677778888";

BrickRequest Brick() {
  BrickRequest b;
  b.device_id = kD;
  b.brick_id = "11112222333344445555666677778888";
  b.tp_name = kTp;
  b.lv_name = kLv;
  b.size_kib = 10485760;
  b.tp_size_kib = 10485760;
  b.pool_meta_kib = 53248;
  b.path = std::string("/var/lib/heketi/mounts/") + kVg + "/" + kLv + "/brick";
  return b;
}

TEST(LvmTest, DeviceSetupSteps) {
  config::ExecutorOptions o;
  ExpectCommand(WipeFs(o, "/dev/vdb"), {"wipefs", "--all", "/dev/vdb"}, "'wipefs' '--all' '/dev/vdb'");
  ExpectCommand(PvCreate(o, "/dev/vdb"),
                {"/usr/sbin/lvm", "pvcreate", "-qq", "--metadatasize=128M", "--dataalignment=256K",
                 "/dev/vdb"},
                "'/usr/sbin/lvm' 'pvcreate' '-qq' '--metadatasize=128M' '--dataalignment=256K' "
                "'/dev/vdb'");
  ExpectCommand(VgCreate(o, kD, "/dev/vdb"),
                {"/usr/sbin/lvm", "vgcreate", "-qq", "--physicalextentsize=4M", "--autobackup=n",
                 kVg, "/dev/vdb"},
                std::string("'/usr/sbin/lvm' 'vgcreate' '-qq' '--physicalextentsize=4M' "
                            "'--autobackup=n' '") + kVg + "' '/dev/vdb'");
}

TEST(LvmTest, OptionsReachTheCommandLine) {
  config::ExecutorOptions o;
  o.backup_lvm_metadata = true;
  o.pv_data_alignment = "1M";
  o.vg_physicalextentsize = "32M";
  o.lvm_wrapper = "exec-on-host";
  o.sudo = true;
  ExpectCommand(PvCreate(o, "/dev/sdb"),
                {"exec-on-host", "/usr/sbin/lvm", "pvcreate", "-qq", "--metadatasize=128M",
                 "--dataalignment=1M", "/dev/sdb"},
                "sudo -n 'exec-on-host' '/usr/sbin/lvm' 'pvcreate' '-qq' '--metadatasize=128M' "
                "'--dataalignment=1M' '/dev/sdb'");
  ExpectCommand(VgCreate(o, kD, "/dev/sdb"),
                {"exec-on-host", "/usr/sbin/lvm", "vgcreate", "-qq", "--physicalextentsize=32M",
                 "--autobackup=y", kVg, "/dev/sdb"},
                std::string("sudo -n 'exec-on-host' '/usr/sbin/lvm' 'vgcreate' '-qq' "
                            "'--physicalextentsize=32M' '--autobackup=y' '") + kVg + "' '/dev/sdb'");
  ExpectCommand(UdevSymlinks(o, "/dev/sdb"),
                {"exec-on-host", "/usr/bin/udevadm", "info", "--query=symlink", "--name=/dev/sdb"},
                "sudo -n 'exec-on-host' '/usr/bin/udevadm' 'info' '--query=symlink' "
                "'--name=/dev/sdb'");
  // wipefs is not an LVM command: never wrapped.
  ExpectCommand(WipeFs(o, "/dev/sdb"), {"wipefs", "--all", "/dev/sdb"},
                "sudo -n 'wipefs' '--all' '/dev/sdb'");
}

TEST(LvmTest, MultiWordWrapperIsSplitIntoArguments) {
  config::ExecutorOptions o;
  o.lvm_wrapper = "  nsenter -t 1 -m  -- ";
  auto r = VgDisplay(o, kD);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->argv, (std::vector<std::string>{"nsenter", "-t", "1", "-m", "--", "/usr/sbin/lvm",
                                               "vgdisplay", "-c", kVg}));
}

TEST(LvmTest, HandleAndInfoQueries) {
  config::ExecutorOptions o;
  ExpectCommand(PvsHandle(o, "/dev/vdb"),
                {"/usr/sbin/lvm", "pvs", "-o", "pv_name,pv_uuid,vg_name", "--reportformat=json",
                 "/dev/vdb"},
                "'/usr/sbin/lvm' 'pvs' '-o' 'pv_name,pv_uuid,vg_name' '--reportformat=json' "
                "'/dev/vdb'");
  ExpectCommand(VgsHandle(o, kD),
                {"/usr/sbin/lvm", "vgs", "-o", "pv_name,pv_uuid,vg_name", "--reportformat=json", kVg},
                std::string("'/usr/sbin/lvm' 'vgs' '-o' 'pv_name,pv_uuid,vg_name' "
                            "'--reportformat=json' '") + kVg + "'");
  ExpectCommand(UdevSymlinks(o, "/dev/vdb"),
                {"/usr/bin/udevadm", "info", "--query=symlink", "--name=/dev/vdb"},
                "'/usr/bin/udevadm' 'info' '--query=symlink' '--name=/dev/vdb'");
  ExpectCommand(VgDisplay(o, kD), {"/usr/sbin/lvm", "vgdisplay", "-c", kVg},
                std::string("'/usr/sbin/lvm' 'vgdisplay' '-c' '") + kVg + "'");
  auto r = VgDisplay(o, kD);
  EXPECT_EQ(r->timeout_s, kDeviceTimeoutS);
}

TEST(LvmTest, Teardown) {
  config::ExecutorOptions o;
  ExpectCommand(VgRemove(o, kD), {"/usr/sbin/lvm", "vgremove", "-qq", kVg},
                std::string("'/usr/sbin/lvm' 'vgremove' '-qq' '") + kVg + "'");
  ExpectCommand(PvRemove(o, "/dev/disk/by-id/lvm-pv-uuid-q1Xz3c-8bYV"),
                {"/usr/sbin/lvm", "pvremove", "-qq", "/dev/disk/by-id/lvm-pv-uuid-q1Xz3c-8bYV"},
                "'/usr/sbin/lvm' 'pvremove' '-qq' '/dev/disk/by-id/lvm-pv-uuid-q1Xz3c-8bYV'");
}

TEST(LvmTest, LvCreate) {
  config::ExecutorOptions o;
  auto r = LvCreate(o, Brick());
  ExpectCommand(r,
                {"/usr/sbin/lvm", "lvcreate", "-qq", "--autobackup=n", "--poolmetadatasize",
                 "53248K", "--chunksize", "256K", "--size", "10485760K", "--thin",
                 std::string(kVg) + "/" + kTp, "--virtualsize", "10485760K", "--name", kLv},
                std::string("'/usr/sbin/lvm' 'lvcreate' '-qq' '--autobackup=n' "
                            "'--poolmetadatasize' '53248K' '--chunksize' '256K' '--size' "
                            "'10485760K' '--thin' '") + kVg + "/" + kTp +
                    "' '--virtualsize' '10485760K' '--name' '" + kLv + "'");
  EXPECT_EQ(r->timeout_s, kBrickTimeoutS);
}

TEST(LvmTest, LvCreateChunkSize) {
  config::ExecutorOptions o;
  o.lv_chunksize = "1M";
  auto r = LvCreate(o, Brick());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->argv[7], "1M");
  BrickRequest arb = Brick();
  arb.arbiter = true;
  r = LvCreate(o, arb);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->argv[7], "256K");  // arbiter bricks always use 256K
}

TEST(LvmTest, LvCreateRefusesBadRequests) {
  config::ExecutorOptions o;
  auto bad = [&](auto mutate) {
    BrickRequest b = Brick();
    mutate(b);
    ExpectInvalid(LvCreate(o, b));
  };
  bad([](BrickRequest& b) { b.device_id = "../x"; });
  bad([](BrickRequest& b) { b.tp_name = "tp;reboot"; });
  bad([](BrickRequest& b) { b.lv_name = "-f"; });
  bad([](BrickRequest& b) { b.lv_name = "a/b"; });
  bad([](BrickRequest& b) { b.size_kib = 0; });
  bad([](BrickRequest& b) { b.pool_meta_kib = -1; });
  bad([](BrickRequest& b) { b.tp_size_kib = b.size_kib - 1; });
  o.lv_chunksize = "256K $(reboot)";
  ExpectInvalid(LvCreate(o, Brick()));
}

TEST(LvmTest, BrickDestroySteps) {
  config::ExecutorOptions o;
  ExpectCommand(LvRemove(o, kD, kLv),
                {"/usr/sbin/lvm", "lvremove", "--autobackup=n", "-f", std::string(kVg) + "/" + kLv},
                std::string("'/usr/sbin/lvm' 'lvremove' '--autobackup=n' '-f' '") + kVg + "/" + kLv + "'");
  ExpectCommand(ThinCount(o, kD, kTp),
                {"/usr/sbin/lvm", "lvs", "--noheadings", "--options=thin_count",
                 std::string(kVg) + "/" + kTp},
                std::string("'/usr/sbin/lvm' 'lvs' '--noheadings' '--options=thin_count' '") + kVg +
                    "/" + kTp + "'");
}

TEST(LvmTest, LvPool) {
  config::ExecutorOptions o;
  ExpectCommand(LvPool(o, kD, kLv),
                {"/usr/sbin/lvm", "lvs", "--noheadings", "--options=pool_lv",
                 std::string(kVg) + "/" + kLv},
                std::string("'/usr/sbin/lvm' 'lvs' '--noheadings' '--options=pool_lv' '") + kVg +
                    "/" + kLv + "'");
  EXPECT_FALSE(LvPool(o, kD, "-x").ok());
  EXPECT_FALSE(LvPool(o, "../x", kLv).ok());
}

TEST(LvmTest, Reports) {
  config::ExecutorOptions o;
  ExpectCommand(PvsReport(o), {"/usr/sbin/lvm", "pvs", "--reportformat", "json", "--units", "k"},
                "'/usr/sbin/lvm' 'pvs' '--reportformat' 'json' '--units' 'k'");
  ExpectCommand(VgsReport(o), {"/usr/sbin/lvm", "vgs", "--reportformat", "json", "--units", "k"},
                "'/usr/sbin/lvm' 'vgs' '--reportformat' 'json' '--units' 'k'");
  auto r = LvsReport(o);
  ExpectCommand(r, {"/usr/sbin/lvm", "lvs", "--reportformat", "json", "--units", "k"},
                "'/usr/sbin/lvm' 'lvs' '--reportformat' 'json' '--units' 'k'");
  EXPECT_EQ(r->timeout_s, GlusterExecTimeoutS(o));
}

TEST(LvmTest, Expansion) {
  config::ExecutorOptions o;
  ExpectCommand(LvExtend(o, kD, kTp, 20971520),
                {"/usr/sbin/lvm", "lvextend", "--autobackup=n", "-L", "20971520K",
                 std::string(kVg) + "/" + kTp},
                std::string("'/usr/sbin/lvm' 'lvextend' '--autobackup=n' '-L' '20971520K' '") + kVg +
                    "/" + kTp + "'");
  ExpectCommand(LvExtendPoolMetadata(o, kD, kTp, 106496),
                {"/usr/sbin/lvm", "lvextend", "--autobackup=n", "--poolmetadatasize", "106496K",
                 std::string(kVg) + "/" + kTp},
                std::string("'/usr/sbin/lvm' 'lvextend' '--autobackup=n' '--poolmetadatasize' "
                            "'106496K' '") + kVg + "/" + kTp + "'");
  ExpectInvalid(LvExtend(o, kD, kTp, 0));
  ExpectInvalid(LvExtendPoolMetadata(o, kD, kTp, -5));
  ExpectInvalid(LvExtend(o, kD, "..", 5));
}

TEST(LvmTest, RefusesHostileDevices) {
  config::ExecutorOptions o;
  for (const std::string& bad : std::vector<std::string>{"/dev/vdb; reboot", "/dev/$(reboot)", "/dev/`id`", "-rf",
                                "/dev/../etc/passwd", "/dev/vd'b", "/dev/vdb\nreboot", "vdb",
                                std::string("/dev/vdb\0x", 10), std::string("/dev/\xc3\xa9")}) {
    ExpectInvalid(PvCreate(o, bad));
    ExpectInvalid(WipeFs(o, bad));
    ExpectInvalid(VgCreate(o, kD, bad));
    ExpectInvalid(PvsHandle(o, bad));
    ExpectInvalid(UdevSymlinks(o, bad));
    ExpectInvalid(PvRemove(o, bad));
  }
  ExpectInvalid(VgCreate(o, "not-an-id", "/dev/vdb"));
  o.lvm_wrapper = "-x";
  ExpectInvalid(VgDisplay(o, kD));
  o.lvm_wrapper = "a\nb";
  ExpectInvalid(VgDisplay(o, kD));
}

}  // namespace
}  // namespace brickyard::executors::commands
