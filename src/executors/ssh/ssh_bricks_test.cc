#include <gtest/gtest.h>

#include "executors/commands/batches.h"
#include "executors/commands/lvm.h"
#include "executors/commands/mount.h"
#include "executors/commands/xfs.h"
#include "executors/ssh/executor_fixture.h"

namespace brickyard::executors::ssh {
namespace {

class BrickTest : public ExecutorFixture {
 protected:
  std::string MountPoint() const { return commands::BrickMountPoint(kDeviceId, kBrickId); }
  std::string Umount() { return Line(commands::Umount(opts_, MountPoint())); }
  std::string ListMounts() { return Line(commands::ListMounts(opts_)); }
  std::string Sed() { return Line(commands::FstabRemoveBrick(opts_, kBrickId)); }
  std::string LvRemove() { return Line(commands::LvRemove(opts_, kDeviceId, Brick().lv_name)); }
  std::string ThinCount() { return Line(commands::ThinCount(opts_, kDeviceId, Brick().tp_name)); }
  std::string PoolRemove() { return Line(commands::LvRemove(opts_, kDeviceId, Brick().tp_name)); }
  std::string Rmdir() { return Line(commands::Rmdir(opts_, MountPoint())); }
  std::vector<std::string> DestroyLines() {
    return {Umount(), Sed(), LvRemove(), ThinCount(), PoolRemove(), Rmdir()};
  }
  void PoolIsEmpty() { fake_->When(ThinCount(), FakeTransport::Exit(0, "    0\n")); }
};

TEST_F(BrickTest, CreateRunsTheBatchInOrder) {
  ASSERT_TRUE(exec_->BrickCreate(kHost, Brick()).ok());
  EXPECT_EQ(fake_->lines(), Lines(commands::BrickCreateBatch(opts_, Brick())));
  EXPECT_EQ(fake_->lines().size(), 8u);  // with chown + chmod for the gid
  ExpectAllOnHost();
}

TEST_F(BrickTest, CreateFailureAtEachStepCleansUpAndReturnsTheOriginalError) {
  const std::vector<std::string> batch = Lines(commands::BrickCreateBatch(opts_, Brick()));
  for (size_t step = 0; step < batch.size(); ++step) {
    SCOPED_TRACE("failing step " + std::to_string(step) + ": " + batch[step]);
    Reset(opts_);
    PoolIsEmpty();
    fake_->When(batch[step], FakeTransport::Exit(5, "", "  step failed: disk on fire\n"), 1);
    Status st = exec_->BrickCreate(kHost, Brick());
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), Code::kInternal);
    EXPECT_NE(st.message().find(kHost), std::string::npos) << st.message();
    EXPECT_NE(st.message().find(batch[step]), std::string::npos) << st.message();
    EXPECT_NE(st.message().find("exit status 5: step failed: disk on fire"), std::string::npos)
        << st.message();
    std::vector<std::string> want(batch.begin(), batch.begin() + step + 1);
    Append(want, DestroyLines());
    EXPECT_EQ(fake_->lines(), want);
  }
}

TEST_F(BrickTest, CreateReturnsTheOriginalErrorWhenCleanupFailsToo) {
  const std::vector<std::string> batch = Lines(commands::BrickCreateBatch(opts_, Brick()));
  fake_->When(batch[1], FakeTransport::Exit(5, "", "lvcreate broke"), 1);
  fake_->When(Sed(), FakeTransport::Exit(4, "", "sed broke"));
  Status st = exec_->BrickCreate(kHost, Brick());
  EXPECT_NE(st.message().find("lvcreate broke"), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find("sed broke"), std::string::npos);
}

TEST_F(BrickTest, CreateWithoutGidSkipsChownAndChmod) {
  BrickRequest b = Brick();
  b.gid = 0;
  ASSERT_TRUE(exec_->BrickCreate(kHost, b).ok());
  EXPECT_EQ(fake_->lines().size(), 6u);
  EXPECT_EQ(fake_->lines(), Lines(commands::BrickCreateBatch(opts_, b)));
}

TEST_F(BrickTest, CreateRefusesABadRequestBeforeRunningAnything) {
  BrickRequest b = Brick();
  b.lv_name = "brick_x; reboot";
  EXPECT_EQ(exec_->BrickCreate(kHost, b).code(), Code::kInvalidArgument);
  EXPECT_TRUE(fake_->calls().empty());
}

TEST_F(BrickTest, DestroyRunsEveryStepAndReclaims) {
  PoolIsEmpty();
  auto r = exec_->BrickDestroy(kHost, Brick());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(*r);
  EXPECT_EQ(fake_->lines(), DestroyLines());
  ExpectAllOnHost();
}

TEST_F(BrickTest, DestroyToleratesABrickThatIsNotMounted) {
  PoolIsEmpty();
  fake_->When(Umount(), FakeTransport::Exit(32, "", "umount: not mounted."));
  fake_->When(ListMounts(), FakeTransport::Exit(0, "/dev/sda1 on / type ext4 (rw)\n"));
  auto r = exec_->BrickDestroy(kHost, Brick());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> want = {Umount(), ListMounts()};
  Append(want, {Sed(), LvRemove(), ThinCount(), PoolRemove(), Rmdir()});
  EXPECT_EQ(fake_->lines(), want);
}

TEST_F(BrickTest, DestroyStopsBeforeLvmWhenStillMounted) {
  fake_->When(Umount(), FakeTransport::Exit(32, "", "umount: target is busy."));
  fake_->When(ListMounts(), FakeTransport::Exit(0, "/dev/mapper/x on " + MountPoint() + " type xfs (rw)\n"));
  auto r = exec_->BrickDestroy(kHost, Brick());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("target is busy"), std::string::npos);
  EXPECT_NE(r.status().message().find(Umount()), std::string::npos);
  // The fstab line still goes (so a reboot does not mount it back); LVM is untouched.
  EXPECT_EQ(fake_->lines(), (std::vector<std::string>{Umount(), ListMounts(), Sed()}));
}

TEST_F(BrickTest, DestroyLogsOpenFilesWhenAsked) {
  config::ExecutorOptions o;
  o.debug_umount_failures = true;
  Reset(o);
  fake_->When(Umount(), FakeTransport::Exit(32, "", "busy"));
  fake_->When(ListMounts(), FakeTransport::Exit(0, "x on " + MountPoint() + " type xfs (rw)\n"));
  EXPECT_FALSE(exec_->BrickDestroy(kHost, Brick()).ok());
  EXPECT_EQ(fake_->lines().at(2), Line(commands::Lsof(opts_, MountPoint())));
}

TEST_F(BrickTest, DestroyStopsWhenTheFstabEditFails) {
  fake_->When(Sed(), FakeTransport::Exit(2, "", "sed: can't read /etc/fstab"));
  auto r = exec_->BrickDestroy(kHost, Brick());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("can't read"), std::string::npos);
  EXPECT_EQ(fake_->lines(), (std::vector<std::string>{Umount(), Sed()}));
}

TEST_F(BrickTest, DestroyOfAVanishedBrickSucceeds) {
  fake_->When(Umount(), FakeTransport::Exit(32, "", "no mount point specified"));
  fake_->When(ListMounts(), FakeTransport::Exit(0, ""));
  fake_->When(LvRemove(), FakeTransport::Exit(5, "", "  Failed to find logical volume \"vg/brick\""));
  fake_->When(ThinCount(), FakeTransport::Exit(5, "", "  Volume group \"vg_x\" not found"));
  fake_->When(PoolRemove(), FakeTransport::Exit(5, "", "  Volume group \"vg_x\" not found"));
  fake_->When(Rmdir(), FakeTransport::Exit(1, "", "rmdir: No such file or directory"));
  auto r = exec_->BrickDestroy(kHost, Brick());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(*r);
}

TEST_F(BrickTest, DestroyKeepsAPoolThatStillHoldsSnapshots) {
  fake_->When(ThinCount(), FakeTransport::Exit(0, "    2\n"));
  auto r = exec_->BrickDestroy(kHost, Brick());
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(*r);
  EXPECT_EQ(fake_->lines(), (std::vector<std::string>{Umount(), Sed(), LvRemove(), ThinCount(), Rmdir()}));
}

TEST_F(BrickTest, DestroyReportsNoReclaimWhenThePoolCannotGo) {
  PoolIsEmpty();
  fake_->When(PoolRemove(), FakeTransport::Exit(5, "", "Logical volume in use"));
  auto r = exec_->BrickDestroy(kHost, Brick());
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(*r);
}

TEST_F(BrickTest, DestroyFailsOnOtherLvmErrors) {
  fake_->When(LvRemove(), FakeTransport::Exit(5, "", "Logical volume vg/brick contains a filesystem in use."));
  auto r = exec_->BrickDestroy(kHost, Brick());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_EQ(fake_->lines(), (std::vector<std::string>{Umount(), Sed(), LvRemove()}));
}

// A snapshot-clone brick (glusterd's mount, LV and directory; the origin's
// pool): no fstab edit, the pool is asked of LVM before the LV goes, and
// glusterd's per-clone directory is removed after the mount point.
TEST_F(BrickTest, DestroyOfACloneBrickFindsItsPoolAndLeavesTheFstabAlone) {
  const std::string dir = "/run/gluster/snaps/0f0e0d0c0b0a09080706050403020100";
  const std::string lv = "0f0e0d0c0b0a09080706050403020100_0";
  const std::string pool = "tp_99998888777766665555444433332222";
  BrickRequest b = Brick();
  b.path = dir + "/brick1/brick";
  b.lv_name = lv;
  b.tp_name = "";
  const std::string query = Line(commands::LvPool(opts_, kDeviceId, lv));
  const std::string count = Line(commands::ThinCount(opts_, kDeviceId, pool));
  fake_->When(query, FakeTransport::Exit(0, "  " + pool + "\n"));
  fake_->When(count, FakeTransport::Exit(0, "    0\n"));
  auto r = exec_->BrickDestroy(kHost, b);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(*r);
  EXPECT_EQ(fake_->lines(),
            (std::vector<std::string>{Line(commands::Umount(opts_, dir + "/brick1")), query,
                                      Line(commands::LvRemove(opts_, kDeviceId, lv)), count,
                                      Line(commands::LvRemove(opts_, kDeviceId, pool)),
                                      Line(commands::Rmdir(opts_, dir + "/brick1")),
                                      Line(commands::Rmdir(opts_, dir))}));
}

// The clone's LV is already gone: nothing tells which pool held it, so the
// pool is left alone and the space counts as not reclaimed.
TEST_F(BrickTest, DestroyOfAGoneCloneBrickLeavesThePoolAlone) {
  const std::string dir = "/run/gluster/snaps/0f0e0d0c0b0a09080706050403020100";
  BrickRequest b = Brick();
  b.path = dir + "/brick2/brick";
  b.lv_name = "0f0e0d0c0b0a09080706050403020100_1";
  b.tp_name = "";
  fake_->When("pool_lv", FakeTransport::Exit(5, "", "  Failed to find logical volume \"vg/x\"\n"));
  fake_->When("lvremove", FakeTransport::Exit(5, "", "  Failed to find logical volume \"vg/x\"\n"));
  auto r = exec_->BrickDestroy(kHost, b);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(*r);
  for (const auto& line : fake_->lines()) EXPECT_EQ(line.find("thin_count"), std::string::npos) << line;
  EXPECT_EQ(fake_->lines().back(), Line(commands::Rmdir(opts_, dir)));
}

TEST_F(BrickTest, DestroyPassesAnUnreachableNodeThrough) {
  fake_->When(Umount(), Status(Unavailable("cannot connect to node1.example.com:22: refused")));
  auto r = exec_->BrickDestroy(kHost, Brick());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_EQ(fake_->lines().size(), 1u);
}

TEST_F(BrickTest, ExtendGrowsPoolMetadataLvAndFileSystem) {
  const BrickSize grown{2097152, 2097152, 16384};
  ASSERT_TRUE(exec_->BrickExtend(kHost, Brick(), grown).ok());
  const BrickRequest b = Brick();
  EXPECT_EQ(fake_->lines(),
            (std::vector<std::string>{
                Line(commands::LvExtend(opts_, kDeviceId, b.tp_name, grown.tp_size_kib)),
                Line(commands::LvExtendPoolMetadata(opts_, kDeviceId, b.tp_name, grown.pool_meta_kib)),
                Line(commands::LvExtend(opts_, kDeviceId, b.lv_name, grown.size_kib)),
                Line(commands::XfsGrowfs(opts_, MountPoint()))}));
}

TEST_F(BrickTest, ExtendWithinALargePoolGrowsOnlyTheLv) {
  BrickRequest b = Brick();
  b.tp_size_kib = 4194304;  // snapshot factor 4
  const BrickSize grown{2097152, 4194304, b.pool_meta_kib};
  ASSERT_TRUE(exec_->BrickExtend(kHost, b, grown).ok());
  EXPECT_EQ(fake_->lines(),
            (std::vector<std::string>{Line(commands::LvExtend(opts_, kDeviceId, b.lv_name, grown.size_kib)),
                                      Line(commands::XfsGrowfs(opts_, MountPoint()))}));
}

TEST_F(BrickTest, ExtendIsRetryableAfterAPartialSuccess) {
  const BrickSize grown{2097152, 2097152, 8192};
  fake_->When("lvextend", FakeTransport::Exit(5, "", "  New size (512 extents) matches existing size (512 extents)."), 1);
  EXPECT_TRUE(exec_->BrickExtend(kHost, Brick(), grown).ok());
}

TEST_F(BrickTest, ExtendErrors) {
  EXPECT_EQ(exec_->BrickExtend(kHost, Brick(), {1024, 1048576, 8192}).code(), Code::kInvalidArgument);
  EXPECT_EQ(exec_->BrickExtend(kHost, Brick(), {4194304, 2097152, 8192}).code(), Code::kInvalidArgument);
  EXPECT_TRUE(fake_->calls().empty());
  fake_->When("lvextend", FakeTransport::Exit(5, "", "  Failed to find logical volume \"vg/tp\""));
  EXPECT_EQ(exec_->BrickExtend(kHost, Brick(), {2097152, 2097152, 8192}).code(), Code::kNotFound);
  Reset(opts_);
  fake_->When("xfs_growfs", FakeTransport::Exit(1, "", "not a mounted XFS filesystem"));
  Status st = exec_->BrickExtend(kHost, Brick(), {2097152, 2097152, 8192});
  EXPECT_EQ(st.code(), Code::kInternal);
  EXPECT_NE(st.message().find("xfs_growfs"), std::string::npos);
}

}  // namespace
}  // namespace brickyard::executors::ssh
