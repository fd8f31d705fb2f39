#include "auth/base64url.h"

#include <gtest/gtest.h>

namespace brickyard::auth {
namespace {

TEST(Base64UrlTest, EncodesWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64UrlEncode("\xff\xfe\xfd"), "__79");
}

TEST(Base64UrlTest, RoundTripsEveryLength) {
  std::string data;
  for (int i = 0; i < 40; ++i) {
    auto decoded = Base64UrlDecode(Base64UrlEncode(data));
    ASSERT_TRUE(decoded.ok()) << i;
    EXPECT_EQ(*decoded, data);
    data += static_cast<char>(i * 37 + 11);
  }
}

TEST(Base64UrlTest, AcceptsOptionalPadding) {
  EXPECT_EQ(*Base64UrlDecode("Zg"), "f");
  EXPECT_EQ(*Base64UrlDecode("Zg=="), "f");
  EXPECT_EQ(*Base64UrlDecode("Zg="), "f");
  EXPECT_EQ(*Base64UrlDecode("Zm8="), "fo");
}

TEST(Base64UrlTest, ReportsTheOffendingByte) {
  auto bad = Base64UrlDecode("Zm+v");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "illegal base64 data at input byte 2");
  EXPECT_EQ(Base64UrlDecode("Zm9vY").status().message(), "illegal base64 data at input byte 5");
  EXPECT_EQ(Base64UrlDecode("Zm9v=").status().message(), "illegal base64 data at input byte 4");
  EXPECT_EQ(Base64UrlDecode("Zm8==").status().message(), "illegal base64 data at input byte 3");
  EXPECT_EQ(Base64UrlDecode("Z=g").status().message(), "illegal base64 data at input byte 1");
  EXPECT_EQ(Base64UrlDecode("=").status().message(), "illegal base64 data at input byte 0");
}

}  // namespace
}  // namespace brickyard::auth
