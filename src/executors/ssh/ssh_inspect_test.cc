// SshExecutor's inspection and repair over a FakeTransport.
#include <gtest/gtest.h>

#include "executors/commands/gluster.h"
#include "executors/commands/lvm.h"
#include "executors/commands/mount.h"
#include "executors/ssh/executor_fixture.h"

namespace brickyard::executors::ssh {
namespace {

const std::string kLvs = std::string(R"({"report":[{"lv":[{"vg_name":"vg_)") + kDeviceId +
                         R"(","lv_name":"brick_)" + kBrickId + R"(","lv_attr":"Vwi-aotz--","lv_size":"1048576.00k","pool_lv":"tp_)" +
                         kBrickId + R"(","lv_metadata_size":""}]}]})";

class InspectTest : public ExecutorFixture {};

TEST_F(InspectTest, ReportsAreParsedFromTheBuiltCommands) {
  fake_->When("'lvs'", FakeTransport::Exit(0, kLvs));
  auto lvs = exec_->BrickLvs(kHost);
  ASSERT_TRUE(lvs.ok()) << lvs.status().ToString();
  ASSERT_EQ(lvs->size(), 1u);
  EXPECT_EQ(lvs->front().size_kib, 1048576);
  EXPECT_EQ(fake_->lines(), std::vector<std::string>{Line(commands::LvsBrickReport(opts_))});
  ExpectAllOnHost();
}

TEST_F(InspectTest, MissingMountRootMeansNoBrickDirectories) {
  fake_->When("'find'", FakeTransport::Exit(1, "", "find: '/var/lib/heketi/mounts': No such file or directory\n"));
  auto dirs = exec_->BrickDirs(kHost);
  ASSERT_TRUE(dirs.ok()) << dirs.status().ToString();
  EXPECT_TRUE(dirs->empty());
  fake_->Clear();
  fake_->When("'find'", FakeTransport::Exit(1, "", "find: Permission denied\n"));
  EXPECT_EQ(exec_->BrickDirs(kHost).status().code(), Code::kInternal);
}

TEST_F(InspectTest, UnreadableOutputNamesHostAndCommand) {
  fake_->When("'/proc/mounts'", FakeTransport::Exit(0, "garbage\n"));
  Status st = exec_->BrickMounts(kHost).status();
  EXPECT_EQ(st.code(), Code::kInternal);
  EXPECT_NE(st.message().find(kHost), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("/proc/mounts"), std::string::npos) << st.message();
}

TEST_F(InspectTest, StartingAStartedVolumeIsConflict) {
  fake_->When("'start'", FakeTransport::Exit(1, "", "volume start: vol1: failed: Volume vol1 already started\n"));
  EXPECT_EQ(exec_->VolumeStart(kHost, "vol1", false).code(), Code::kConflict);
  EXPECT_EQ(fake_->lines(), std::vector<std::string>{Line(commands::VolumeStart(opts_, "vol1"))});
  fake_->Clear();
  EXPECT_TRUE(exec_->VolumeStart(kHost, "vol1", true).ok());
  EXPECT_EQ(fake_->lines(), std::vector<std::string>{Line(commands::VolumeStartForce(opts_, "vol1"))});
}

TEST_F(InspectTest, ResetBrickRunsStartThenCommit) {
  ASSERT_TRUE(exec_->VolumeResetBrick(kHost, "vol1", {"s1", Brick().path}).ok());
  EXPECT_EQ(fake_->lines(), Lines(commands::VolumeResetBrick(opts_, "vol1", {"s1", Brick().path})));
}

TEST_F(InspectTest, RemountMountsAnUnmountedLvAndRewritesItsFstabLine) {
  fake_->When("'lvs'", FakeTransport::Exit(0, kLvs));
  ASSERT_TRUE(exec_->BrickRemount(kHost, Brick()).ok());
  const std::string mp = *commands::MountPointOf(Brick().path);
  std::vector<std::string> want = {Line(commands::LvsBrickReport(opts_)), Line(commands::ProcMounts(opts_)),
                                   Line(commands::MkdirP(opts_, mp)),
                                   Line(commands::Mount(opts_, kDeviceId, Brick().lv_name, mp)),
                                   Line(commands::FstabRemoveBrick(opts_, kBrickId)),
                                   Line(commands::FstabAppend(opts_, kDeviceId, Brick().lv_name, mp))};
  EXPECT_EQ(fake_->lines(), want);
}

TEST_F(InspectTest, RemountOfAMountedBrickOnlyRewritesFstab) {
  const std::string mp = *commands::MountPointOf(Brick().path);
  fake_->When("'lvs'", FakeTransport::Exit(0, kLvs));
  fake_->When("'/proc/mounts'", FakeTransport::Exit(0, "/dev/x " + mp + " xfs rw 0 0\n"));
  ASSERT_TRUE(exec_->BrickRemount(kHost, Brick()).ok());
  EXPECT_EQ(fake_->lines().size(), 4u);
  EXPECT_EQ(fake_->lines().back(), Line(commands::FstabAppend(opts_, kDeviceId, Brick().lv_name, mp)));
}

TEST_F(InspectTest, RemountWithoutTheLvIsNotFoundAndTouchesNothing) {
  fake_->When("'lvs'", FakeTransport::Exit(0, R"({"report":[{"lv":[]}]})"));
  EXPECT_EQ(exec_->BrickRemount(kHost, Brick()).code(), Code::kNotFound);
  EXPECT_EQ(fake_->lines().size(), 1u);
}

}  // namespace
}  // namespace brickyard::executors::ssh
