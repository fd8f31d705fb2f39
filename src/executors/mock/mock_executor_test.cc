#include "executors/mock/mock_executor.h"

#include <gtest/gtest.h>

#include "model/sizing.h"

namespace brickyard::executors {
namespace {

TEST(MockExecutorTest, DeviceSizeAndLifecycle) {
  MockExecutor m(100);
  auto info = m.DeviceSetup("h1", "/dev/sdb", "d1", false);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->total_kib, 100 * model::kGiB);
  EXPECT_EQ(info->free_kib, info->total_kib);
  EXPECT_EQ(m.DeviceCount(), 1u);
  EXPECT_EQ(m.DeviceSetup("h1", "/dev/sdb", "d2", false).status().code(), Code::kConflict);
  DeviceHandle h{"d1", "/dev/sdb", "", {}};
  EXPECT_TRUE(m.DeviceTeardown("h1", h).ok());
  EXPECT_EQ(m.DeviceCount(), 0u);
}

TEST(MockExecutorTest, BricksAndVolumesLeaveNothingBehind) {
  MockExecutor m;
  BrickRequest b;
  b.brick_id = "b1";
  ASSERT_TRUE(m.BrickCreate("h1", b).ok());
  VolumeRequest v;
  v.name = "vol1";
  ASSERT_TRUE(m.VolumeCreate("h1", v).ok());
  EXPECT_EQ(m.VolumeCreate("h1", v).code(), Code::kConflict);
  EXPECT_TRUE(m.VolumeDestroy("h1", "vol1").ok());
  auto reclaimed = m.BrickDestroy("h1", b);
  ASSERT_TRUE(reclaimed.ok());
  EXPECT_TRUE(*reclaimed);
  EXPECT_EQ(m.BrickCount(), 0u);
  EXPECT_EQ(m.VolumeCount(), 0u);
}

TEST(MockExecutorTest, DownHost) {
  MockExecutor m;
  m.SetHostDown("h2", true);
  EXPECT_EQ(m.GlusterdCheck("h2").code(), Code::kUnavailable);
  EXPECT_TRUE(m.GlusterdCheck("h1").ok());
  m.SetHostDown("h2", false);
  EXPECT_TRUE(m.GlusterdCheck("h2").ok());
}

TEST(MockExecutorTest, VolumeInfoFollowsCreateExpandReplaceAndClone) {
  MockExecutor m;
  VolumeRequest v;
  v.name = "vol1";
  v.kind = VolumeRequest::Kind::kReplica;
  v.replica = 3;
  v.arbiter = true;
  v.bricks = {{"s1", "/b/1"}, {"s2", "/b/2"}, {"s3", "/b/3"}};
  ASSERT_TRUE(m.VolumeCreate("h1", v).ok());
  EXPECT_EQ(m.VolumeInfo("h1", "vol1")->type_str, "Replicate");
  v.bricks = {{"s1", "/b/4"}, {"s2", "/b/5"}, {"s3", "/b/6"}};
  ASSERT_TRUE(m.VolumeExpand("h1", v).ok());
  EXPECT_EQ(m.VolumeInfo("h1", "vol1")->type_str, "Distributed-Replicate");
  EXPECT_EQ(m.VolumeInfo("h1", "vol1")->type, 7);
  ASSERT_TRUE(m.VolumeReplaceBrick("h1", "vol1", {"s2", "/b/5"}, {"s4", "/b/7"}).ok());
  auto info = m.VolumeInfo("h1", "vol1");
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(info->bricks.size(), 6u);
  EXPECT_EQ(info->brick_count, 6);
  EXPECT_EQ(info->bricks[4].name, "s4:/b/7");
  EXPECT_TRUE(info->bricks[2].is_arbiter);
  EXPECT_FALSE(info->bricks[1].is_arbiter);
  auto heal = m.HealInfo("h1", "vol1");
  ASSERT_TRUE(heal.ok());
  EXPECT_EQ(heal->size(), 6u);
  ASSERT_TRUE(m.VolumeClone("h1", "vol1", "c1").ok());
  EXPECT_EQ(m.VolumeInfo("h1", "c1")->bricks[0].name, "s1:/run/gluster/snaps/c1/brick1/brick");
  EXPECT_EQ(m.VolumeInfo("h1", "nope").status().code(), Code::kNotFound);
  EXPECT_EQ(m.HealInfo("h1", "nope").status().code(), Code::kNotFound);
}

TEST(MockExecutorTest, BrickExtendNeedsAnExistingBrick) {
  MockExecutor m;
  BrickRequest b;
  b.brick_id = "b1";
  b.size_kib = 100;
  EXPECT_EQ(m.BrickExtend("h1", b, {200, 200, 8}).code(), Code::kNotFound);
  ASSERT_TRUE(m.BrickCreate("h1", b).ok());
  EXPECT_TRUE(m.BrickExtend("h1", b, {200, 200, 8}).ok());
  EXPECT_EQ(m.BrickExtend("h1", b, {50, 50, 8}).code(), Code::kInvalidArgument);
}

TEST(MockExecutorTest, InspectionReportsTheGrownBrick) {
  MockExecutor m;
  BrickRequest b;
  b.device_id = "d1";
  b.brick_id = "b1";
  b.tp_name = "tp_b1";
  b.lv_name = "brick_b1";
  b.size_kib = 100;
  b.tp_size_kib = 100;
  ASSERT_TRUE(m.BrickCreate("h1", b).ok());
  ASSERT_TRUE(m.BrickExtend("h1", b, {300, 310, 8}).ok());
  auto lvs = m.BrickLvs("h1");
  ASSERT_TRUE(lvs.ok());
  bool seen_lv = false, seen_pool = false;
  for (const auto& lv : *lvs) {
    if (lv.name == "brick_b1") seen_lv = lv.size_kib == 300;
    if (lv.name == "tp_b1") seen_pool = lv.size_kib == 310;
  }
  EXPECT_TRUE(seen_lv);
  EXPECT_TRUE(seen_pool);
}

}  // namespace
}  // namespace brickyard::executors
