#include "common/strings.h"

#include <gtest/gtest.h>

namespace brickyard {
namespace {

TEST(StringsTest, SplitLikeGo) {
  EXPECT_EQ(Split("", ','), std::vector<std::string>{""});
  EXPECT_EQ(Split("a,b,,c", ','), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(Join({"a", "b"}, ", "), "a, b");
}

TEST(StringsTest, CaseAndTrim) {
  EXPECT_TRUE(EqualsIgnoreCase("Size", "size"));
  EXPECT_FALSE(EqualsIgnoreCase("Size", "sizes"));
  EXPECT_EQ(ToLower("AbC"), "abc");
  EXPECT_EQ(TrimSpace("  x y \n"), "x y");
  EXPECT_TRUE(StartsWith("/queue/abc", "/queue/"));
}

}  // namespace
}  // namespace brickyard
