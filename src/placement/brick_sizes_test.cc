#include "placement/brick_sizes.h"

#include <gtest/gtest.h>

#include "model/sizing.h"

namespace brickyard::placement {
namespace {

using model::kGiB;
using model::kMiB;

std::vector<std::pair<int64_t, int64_t>> Steps(const BrickSizePlan& plan) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const auto& s : plan.steps) out.emplace_back(s.sets, s.brick_kib);
  return out;
}

TEST(BrickSizesTest, HalvesUntilMaxBricks) {
  // Spec example: 100 GiB replica 3 tries 1x3 of 100, 2x3 of 50, 4x3 of 25,
  // 8x3 of 12.5; 16x3 = 48 bricks would pass the limit of 32.
  BrickSizePlan plan = PlanBrickSizes(100 * kGiB, 1, 3, 0, Limits{});
  EXPECT_EQ(Steps(plan), (std::vector<std::pair<int64_t, int64_t>>{
                             {1, 100 * kGiB}, {2, 50 * kGiB}, {4, 25 * kGiB}, {8, 25 * kGiB / 2}}));
  EXPECT_EQ(plan.stop, SizeStop::kMaxBricks);
  EXPECT_EQ(plan.stop_step.sets, 16);
}

TEST(BrickSizesTest, StopsAtMinimumBrickSize) {
  BrickSizePlan plan = PlanBrickSizes(4 * kGiB, 1, 2, 0, Limits{});
  EXPECT_EQ(Steps(plan), (std::vector<std::pair<int64_t, int64_t>>{
                             {1, 4 * kGiB}, {2, 2 * kGiB}, {4, 1 * kGiB}}));
  EXPECT_EQ(plan.stop, SizeStop::kMinBrickSize);
  EXPECT_EQ(plan.stop_step.brick_kib, kGiB / 2);
}

TEST(BrickSizesTest, SkipsSizesAboveMaximum) {
  Limits limits;
  limits.brick_max_size_gb = 4;
  BrickSizePlan plan = PlanBrickSizes(10 * kGiB, 1, 1, 0, limits);
  ASSERT_FALSE(plan.steps.empty());
  EXPECT_EQ(plan.steps.front().sets, 4);
  EXPECT_EQ(plan.steps.front().brick_kib, 10 * kGiB / 4);
}

TEST(BrickSizesTest, DisperseDividesByDataBricks) {
  BrickSizePlan plan = PlanBrickSizes(100 * kGiB, 4, 6, 0, Limits{});
  ASSERT_FALSE(plan.steps.empty());
  EXPECT_EQ(plan.steps.front().brick_kib, 25 * kGiB);
  // 1x6, 2x6, 4x6 = 24; 8x6 = 48 > 32.
  EXPECT_EQ(plan.steps.size(), 3u);
  EXPECT_EQ(plan.stop, SizeStop::kMaxBricks);
}

TEST(BrickSizesTest, ExistingBricksCount) {
  BrickSizePlan plan = PlanBrickSizes(100 * kGiB, 1, 3, 30, Limits{});
  EXPECT_TRUE(plan.steps.empty());
  EXPECT_EQ(plan.stop, SizeStop::kMaxBricks);
  EXPECT_EQ(plan.stop_step.sets, 1);
}

TEST(BrickSizesTest, ArbiterSize) {
  EXPECT_EQ(*ArbiterBrickKib(100 * kGiB, 64), 100 * kGiB / 64);
  EXPECT_EQ(*ArbiterBrickKib(kGiB, 1024), kMinBrickKib);  // 1 MiB, raised to the minimum
  auto too_big = ArbiterBrickKib(kGiB, 2 * kGiB);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().code(), Code::kInvalidArgument);
  EXPECT_FALSE(ArbiterBrickKib(kGiB, 0).ok());
}

// Debian 12's mkfs.xfs (xfsprogs 6.1) refuses "Filesystem must be larger
// than 300MB": no brick of any kind may be planned smaller.
TEST(BrickSizesTest, NoBrickSmallerThanMkfsXfsAccepts) {
  EXPECT_EQ(kMinBrickKib, 300 * kMiB);
  // arbiter: the default 64 KiB per file gives 300 MiB only from 18.75 GiB of data
  EXPECT_EQ(*ArbiterBrickKib(kGiB, 64), kMinBrickKib);
  EXPECT_EQ(*ArbiterBrickKib(18 * kGiB, 64), kMinBrickKib);
  EXPECT_EQ(*ArbiterBrickKib(75 * kGiB / 4, 64), kMinBrickKib);
  EXPECT_EQ(*ArbiterBrickKib(20 * kGiB, 64), 20 * kGiB / 64);
  // data bricks: even without a configured minimum, the halving stops above it
  Limits limits;
  limits.brick_min_size_gb = 0;
  limits.max_bricks_per_volume = 1000;
  BrickSizePlan plan = PlanBrickSizes(2 * kGiB, 1, 3, 0, limits);
  ASSERT_FALSE(plan.steps.empty());
  for (const auto& step : plan.steps) EXPECT_GE(step.brick_kib, kMinBrickKib) << step.sets;
  EXPECT_EQ(plan.steps.back().brick_kib, 512 * kMiB);
  EXPECT_EQ(plan.stop, SizeStop::kMinBrickSize);
  EXPECT_EQ(plan.stop_step.brick_kib, 256 * kMiB);
}

TEST(BrickSizesTest, FormatKib) {
  EXPECT_EQ(FormatKib(100 * kGiB), "100 GiB");
  EXPECT_EQ(FormatKib(25 * kGiB / 2), "12.5 GiB");
  EXPECT_EQ(FormatKib(16 * kMiB), "16 MiB");
  EXPECT_EQ(FormatKib(512), "512 KiB");
  EXPECT_EQ(FormatKib(4 * model::kTiB), "4 TiB");
}

}  // namespace
}  // namespace brickyard::placement
