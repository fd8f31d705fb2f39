#include "executors/mock/stateless_mock_executor.h"

#include <gtest/gtest.h>

#include "executors/registry.h"
#include "model/sizing.h"

namespace brickyard::executors {
namespace {

TEST(StatelessMockExecutorTest, RegisteredForBenchmarksWithTheConfiguredDeviceSize) {
  ExecutorRegistry reg;
  RegisterBuiltins(reg);
  config::Config cfg;
  cfg.glusterfs.mock_device_size_gb = 7;
  auto e = reg.Create("mock/stateless", cfg);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ((*e)->Name(), "mock/stateless");
  auto info = (*e)->DeviceSetup("h1", "/dev/sdb", "0123", false);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->total_kib, 7 * model::kGiB);
  EXPECT_EQ(info->free_kib, info->total_kib);
  EXPECT_EQ(info->paths, std::vector<std::string>{"/dev/sdb"});
}

TEST(StatelessMockExecutorTest, ChangesSucceedAndNothingIsRemembered) {
  StatelessMockExecutor e(1);
  BrickRequest b;
  b.brick_id = "b1";
  EXPECT_TRUE(e.BrickCreate("h1", b).ok());
  // The same brick again: no state, so no conflict either.
  EXPECT_TRUE(e.BrickCreate("h1", b).ok());
  VolumeRequest v;
  v.name = "vol_1";
  EXPECT_TRUE(e.VolumeCreate("h1", v).ok());
  auto destroyed = e.BrickDestroy("h1", b);
  ASSERT_TRUE(destroyed.ok());
  EXPECT_TRUE(*destroyed);
  BlockVolumeRequest bv;
  bv.hosting_volume = "vol_1";
  bv.name = "blk";
  bv.auth = true;
  auto exported = e.BlockVolumeCreate("h1", bv);
  ASSERT_TRUE(exported.ok());
  EXPECT_FALSE(exported->iqn.empty());
  EXPECT_FALSE(exported->password.empty());
}

TEST(StatelessMockExecutorTest, QuestionsAboutNodeStateAreRefusedClearly) {
  StatelessMockExecutor e;
  auto info = e.VolumeInfo("h1", "vol_1");
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), Code::kUnavailable);
  EXPECT_NE(info.status().message().find("keeps no node state"), std::string::npos);
  EXPECT_EQ(e.BrickLvs("h1").status().code(), Code::kUnavailable);
  EXPECT_EQ(e.VolumesInfo("h1").status().code(), Code::kUnavailable);
  EXPECT_EQ(e.BlockVolumeInfo("h1", "vol_1", "blk").status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace brickyard::executors
