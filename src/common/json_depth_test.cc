#include "common/json_depth.h"

#include <gtest/gtest.h>

#include <string>

namespace brickyard {
namespace {

std::string Nested(size_t depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

TEST(JsonDepthTest, CountsArraysAndObjects) {
  EXPECT_FALSE(JsonNestsDeeperThan("", 0));
  EXPECT_FALSE(JsonNestsDeeperThan("1", 0));
  EXPECT_TRUE(JsonNestsDeeperThan("[]", 0));
  EXPECT_FALSE(JsonNestsDeeperThan(R"({"a":[1,{"b":2}]})", 3));
  EXPECT_TRUE(JsonNestsDeeperThan(R"({"a":[1,{"b":2}]})", 2));
  // Siblings do not add up: depth is how far they nest.
  EXPECT_FALSE(JsonNestsDeeperThan("[[],[],[],[]]", 2));
}

TEST(JsonDepthTest, IgnoresBracketsInStrings) {
  EXPECT_FALSE(JsonNestsDeeperThan(R"(["[[[[", "{{{{"])", 1));
  EXPECT_FALSE(JsonNestsDeeperThan(R"(["\"[[[[\\", "x"])", 1));
  EXPECT_TRUE(JsonNestsDeeperThan(R"(["\\"][[]])", 1));
}

TEST(JsonDepthTest, StopsAtTheLimit) {
  EXPECT_FALSE(JsonNestsDeeperThan(Nested(kMaxJsonDepth)));
  EXPECT_TRUE(JsonNestsDeeperThan(Nested(kMaxJsonDepth + 1)));
  EXPECT_TRUE(JsonNestsDeeperThan(Nested(kMaxJsonDepth + 1, '{', '}')));
  // Unbalanced closers never make the depth negative.
  EXPECT_TRUE(JsonNestsDeeperThan("]]]]" + Nested(3), 2));
}

}  // namespace
}  // namespace brickyard
