// The builders behind inspection and reconcile (gluster.h, lvm.h, mount.h).
#include <gtest/gtest.h>

#include "executors/commands/gluster.h"
#include "executors/commands/lvm.h"
#include "executors/commands/mount.h"
#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

using test_support::ExpectCommand;
using test_support::ExpectInvalid;
using Argv = std::vector<std::string>;

const std::string kG = "'gluster' '--mode=script' '--timeout=600'";

Argv G(Argv rest) {
  Argv a = {"gluster", "--mode=script", "--timeout=600"};
  a.insert(a.end(), rest.begin(), rest.end());
  return a;
}

TEST(InspectCommandsTest, VolumeStatusStartHeal) {
  config::ExecutorOptions o;
  ExpectCommand(VolumeStatusXml(o, "vol1"), G({"volume", "status", "vol1", "--xml"}),
                kG + " 'volume' 'status' 'vol1' '--xml'");
  ExpectCommand(VolumeStartForce(o, "vol1"), G({"volume", "start", "vol1", "force"}),
                kG + " 'volume' 'start' 'vol1' 'force'");
  ExpectCommand(VolumeHealFull(o, "vol1"), G({"volume", "heal", "vol1", "full"}),
                kG + " 'volume' 'heal' 'vol1' 'full'");
  ExpectInvalid(VolumeStatusXml(o, "all"));
  ExpectInvalid(VolumeStartForce(o, "-vol"));
  ExpectInvalid(VolumeHealFull(o, "vol1;reboot"));
}

TEST(InspectCommandsTest, ResetBrickStartsThenCommitsOnTheSameBrick) {
  config::ExecutorOptions o;
  auto cmds = VolumeResetBrick(o, "vol1", {"n1", "/b/0/brick"});
  ASSERT_TRUE(cmds.ok()) << cmds.status().ToString();
  ASSERT_EQ(cmds->size(), 2u);
  EXPECT_EQ((*cmds)[0].argv, G({"volume", "reset-brick", "vol1", "n1:/b/0/brick", "start"}));
  EXPECT_EQ(ToShellLine((*cmds)[1]),
            kG + " 'volume' 'reset-brick' 'vol1' 'n1:/b/0/brick' 'n1:/b/0/brick' 'commit' 'force'");
  ExpectInvalid(VolumeResetBrick(o, "vol1", {"n1 n2", "/b/0/brick"}));
  ExpectInvalid(VolumeResetBrick(o, "vol1", {"n1", "b/0/../brick"}));
}

TEST(InspectCommandsTest, LvsBrickReportNamesItsFields) {
  config::ExecutorOptions o;
  ExpectCommand(LvsBrickReport(o),
                {"/usr/sbin/lvm", "lvs", "--reportformat", "json", "--units", "k", "-o",
                 "vg_name,lv_name,lv_attr,lv_size,pool_lv,lv_metadata_size"},
                "'/usr/sbin/lvm' 'lvs' '--reportformat' 'json' '--units' 'k' '-o' "
                "'vg_name,lv_name,lv_attr,lv_size,pool_lv,lv_metadata_size'");
  o.lvm_wrapper = "nsenter -t 1 -m";
  auto wrapped = LvsBrickReport(o);
  ASSERT_TRUE(wrapped.ok());
  EXPECT_EQ(wrapped->argv.front(), "nsenter");
}

TEST(InspectCommandsTest, MountsAndBrickDirectories) {
  config::ExecutorOptions o;
  ExpectCommand(ProcMounts(o), {"cat", "/proc/mounts"}, "'cat' '/proc/mounts'");
  ExpectCommand(BrickDirList(o),
                {"find", "/var/lib/heketi/mounts", "-mindepth", "2", "-maxdepth", "2", "-type", "d"},
                "'find' '/var/lib/heketi/mounts' '-mindepth' '2' '-maxdepth' '2' '-type' 'd'");
  o.sudo = true;
  auto sudo = ProcMounts(o);
  ASSERT_TRUE(sudo.ok());
  EXPECT_EQ(ToShellLine(*sudo), "sudo -n 'cat' '/proc/mounts'");
}

}  // namespace
}  // namespace brickyard::executors::commands
