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

}  // namespace
}  // namespace brickyard::executors
