#include "model/sizing.h"

#include <gtest/gtest.h>

namespace brickyard::model {
namespace {

TEST(SizingTest, MatchesHeketiDumpExample) {
  // A 10 GiB brick without snapshots: TpSize 10485760, PoolMetadataSize 53248
  // (spec heketi-api Appendix A).
  BrickSpace s = ComputeBrickSpace(10 * kGiB, 1.0, 4 * kMiB);
  EXPECT_EQ(s.tp_kib, 10485760);
  EXPECT_EQ(s.meta_kib, 53248);
  EXPECT_EQ(s.total(), 10539008);
}

TEST(SizingTest, SnapshotFactorAndCap) {
  BrickSpace s = ComputeBrickSpace(kGiB, 1.5, 4 * kMiB);
  EXPECT_EQ(s.tp_kib, RoundUp(kGiB * 3 / 2, 4 * kMiB));
  BrickSpace big = ComputeBrickSpace(4 * kTiB, 1.0, 4 * kMiB);
  EXPECT_EQ(big.meta_kib, 16 * kGiB);
}

TEST(SizingTest, RoundUp) {
  EXPECT_EQ(RoundUp(0, 4), 0);
  EXPECT_EQ(RoundUp(1, 4), 4);
  EXPECT_EQ(RoundUp(8, 4), 8);
}

}  // namespace
}  // namespace brickyard::model
