#include "stats.h"

#include <gtest/gtest.h>

#include "report.h"

namespace brickyard::bench {
namespace {

TEST(SummarizeTest, EmptyInputGivesZeroCount) {
  Summary s = Summarize({});
  EXPECT_EQ(s.n, 0u);
  EXPECT_EQ(s.p50, 0);
}

TEST(SummarizeTest, PercentilesInterpolateBetweenRanks) {
  Summary s = Summarize({4, 1, 3, 2});  // any order
  EXPECT_EQ(s.n, 4u);
  EXPECT_DOUBLE_EQ(s.min, 1);
  EXPECT_DOUBLE_EQ(s.max, 4);
  EXPECT_DOUBLE_EQ(s.p50, 2.5);
  EXPECT_DOUBLE_EQ(s.p10, 1.3);
  EXPECT_DOUBLE_EQ(s.p90, 3.7);
}

TEST(SummarizeTest, OneSampleIsEveryPercentile) {
  Summary s = Summarize({7});
  EXPECT_DOUBLE_EQ(s.p10, 7);
  EXPECT_DOUBLE_EQ(s.p99, 7);
}

TEST(FormatTest, SecondsPickAReadableUnit) {
  EXPECT_EQ(FormatSeconds(0.000420), "420 µs");
  EXPECT_EQ(FormatSeconds(0.0123), "12.3 ms");
  EXPECT_EQ(FormatSeconds(3.21), "3.21 s");
  EXPECT_EQ(FormatSeconds(346), "5 min 46 s");
}

TEST(FormatTest, BytesCountsAndRatios) {
  EXPECT_EQ(FormatBytes(28e6), "28.0 MB");
  EXPECT_EQ(FormatCount(100000), "100,000");
  EXPECT_EQ(Ratio(12.5), "12.5×");
}

TEST(FormatTest, RangeSharesTheUnit) {
  Summary s = Summarize({1.2, 1.25, 1.31});
  auto [median, spread] = MedianRange(s);
  EXPECT_EQ(median, "1.25 s");
  EXPECT_EQ(spread, "1.20–1.31 s");
}

}  // namespace
}  // namespace brickyard::bench
