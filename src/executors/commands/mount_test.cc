#include "executors/commands/mount.h"

#include <gtest/gtest.h>

#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

using test_support::ExpectCommand;
using test_support::ExpectInvalid;

constexpr char kD[] = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kB[] = "11112222333344445555666677778888";
constexpr char kLv[] = "brick_11112222333344445555666677778888";
constexpr char kDev[] =
    "/dev/mapper/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9-brick_11112222333344445555666677778888";
constexpr char kM[] =
    "/var/lib/heketi/mounts/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9/"
    "brick_11112222333344445555666677778888";

std::string Q(const std::string& s) { return "'" + s + "'"; }

TEST(MountTest, Directories) {
  config::ExecutorOptions o;
  std::string p = std::string(kM) + "/brick";
  ExpectCommand(MkdirP(o, kM), {"mkdir", "-p", kM}, "'mkdir' '-p' " + Q(kM));
  ExpectCommand(Mkdir(o, p), {"mkdir", p}, "'mkdir' " + Q(p));
  auto r = Rmdir(o, kM);
  ExpectCommand(r, {"rmdir", kM}, "'rmdir' " + Q(kM));
  EXPECT_EQ(r->timeout_s, kDeviceTimeoutS);
}

TEST(MountTest, FstabLineIsHeketis) {
  config::ExecutorOptions o;
  auto line = FstabLine(o, kD, kLv, kM);
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(*line, std::string(kDev) + " " + kM + " xfs rw,inode64,noatime,nouuid 1 2");
}

TEST(MountTest, FstabAppendPassesValuesAsParameters) {
  config::ExecutorOptions o;
  std::string line = std::string(kDev) + " " + kM + " xfs rw,inode64,noatime,nouuid 1 2";
  ExpectCommand(FstabAppend(o, kD, kLv, kM),
                {"sh", "-c", "printf '%s\\n' \"$1\" >> \"$2\"", "sh", line, "/etc/fstab"},
                "'sh' '-c' 'printf '\\''%s\\n'\\'' \"$1\" >> \"$2\"' 'sh' " + Q(line) +
                    " '/etc/fstab'");
  o.fstab = "/var/lib/heketi/fstab";
  o.mountopts = "rw,noatime";
  auto r = FstabAppend(o, kD, kLv, kM);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->argv[4], std::string(kDev) + " " + kM + " xfs rw,noatime 1 2");
  EXPECT_EQ(r->argv[5], "/var/lib/heketi/fstab");
  // The script text never changes with the input.
  EXPECT_EQ(r->argv[2], std::string(kFstabAppendScript));
}

TEST(MountTest, FstabRemove) {
  config::ExecutorOptions o;
  ExpectCommand(FstabRemoveBrick(o, kB),
                {"sed", "-i.save", "/brick_11112222333344445555666677778888/d", "/etc/fstab"},
                "'sed' '-i.save' '/brick_11112222333344445555666677778888/d' '/etc/fstab'");
  ExpectInvalid(FstabRemoveBrick(o, "x/;e reboot;/"));
  ExpectInvalid(FstabRemoveBrick(o, ".*"));
  ExpectCommand(CatFstab(o), {"cat", "/etc/fstab"}, "'cat' '/etc/fstab'");
}

TEST(MountTest, MountAndUnmount) {
  config::ExecutorOptions o;
  ExpectCommand(Mount(o, kD, kLv, kM), {"mount", "-o", "rw,inode64,noatime,nouuid", kDev, kM},
                "'mount' '-o' 'rw,inode64,noatime,nouuid' " + Q(kDev) + " " + Q(kM));
  ExpectCommand(ListMounts(o), {"mount"}, "'mount'");
  ExpectCommand(Umount(o, kM), {"umount", kM}, "'umount' " + Q(kM));
  ExpectCommand(Lsof(o, kM), {"lsof", kM}, "'lsof' " + Q(kM));
}

TEST(MountTest, GroupOwnership) {
  config::ExecutorOptions o;
  std::string p = std::string(kM) + "/brick";
  ExpectCommand(ChownGroup(o, 2001, p), {"chown", ":2001", p}, "'chown' ':2001' " + Q(p));
  ExpectCommand(ChmodBrick(o, p), {"chmod", "2775", p}, "'chmod' '2775' " + Q(p));
  ExpectInvalid(ChownGroup(o, -1, p));
  ExpectInvalid(ChownGroup(o, 2001, "p"));
}

TEST(MountTest, RefusesHostileInput) {
  config::ExecutorOptions o;
  for (const std::string& bad : std::vector<std::string>{
           "", "rel", "/a/../b", "/a b", "/a;reboot", "/$(reboot)", "/`id`", "/a\nb", "/a'b",
           std::string("/a\0b", 4), "/caf\xc3\xa9", "/" + std::string(5000, 'a')}) {
    ExpectInvalid(MkdirP(o, bad));
    ExpectInvalid(Mkdir(o, bad));
    ExpectInvalid(Rmdir(o, bad));
    ExpectInvalid(Umount(o, bad));
    ExpectInvalid(Mount(o, kD, kLv, bad));
    ExpectInvalid(FstabAppend(o, kD, kLv, bad));
  }
  o.mountopts = "rw 0 0\n/dev/sda1 / xfs defaults";
  ExpectInvalid(FstabAppend(o, kD, kLv, kM));
  ExpectInvalid(Mount(o, kD, kLv, kM));
  o.mountopts = "-o";
  ExpectInvalid(Mount(o, kD, kLv, kM));
  o = {};
  o.fstab = "/etc/../root/.profile";
  ExpectInvalid(FstabAppend(o, kD, kLv, kM));
  ExpectInvalid(FstabRemoveBrick(o, kB));
  ExpectInvalid(CatFstab(o));
}

}  // namespace
}  // namespace brickyard::executors::commands
