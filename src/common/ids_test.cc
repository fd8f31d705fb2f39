#include "common/ids.h"

#include <gtest/gtest.h>

#include <set>

namespace brickyard {
namespace {

TEST(IdsTest, NewIdShapeAndUniqueness) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewId();
    EXPECT_TRUE(IsId(id)) << id;
    EXPECT_EQ(id.size(), 32u);
    for (char c : id) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    EXPECT_TRUE(seen.insert(id).second);
  }
}

TEST(IdsTest, Validation) {
  EXPECT_TRUE(IsId("0123456789abcdef0123456789ABCDEF"));
  EXPECT_FALSE(IsId("0123456789abcdef0123456789abcde"));
  EXPECT_FALSE(IsId("0123456789abcdef0123456789abcdeg"));
  EXPECT_TRUE(IsHex("abc"));
  EXPECT_FALSE(IsHex(""));
  EXPECT_FALSE(IsHex("xyz"));
}

}  // namespace
}  // namespace brickyard
