#include "common/json_parse.h"

#include <gtest/gtest.h>

#include <string>

namespace brickyard {
namespace {

using Json = nlohmann::ordered_json;

// The reference: nlohmann's own parser, whose results ParseOrderedJson must
// reproduce exactly, member order included.
void ExpectSameAsNlohmann(const std::string& text) {
  Json expected = Json::parse(text);
  auto got = ParseOrderedJson(text);
  ASSERT_TRUE(got.ok()) << text << ": " << got.status().ToString();
  EXPECT_EQ(*got, expected) << text;
  EXPECT_EQ(got->dump(), expected.dump()) << text;  // order and number types
}

TEST(ParseOrderedJsonTest, ReproducesTheReferenceParser) {
  for (const char* text : {
           "null", "true", "0", "-7", "18446744073709551615", "1.5e3", "\"x\"", "[]", "{}",
           "[[],[[]],{}]",
           R"({"size":1,"name":"vol_1","durability":{"type":"replicate","replicate":{"replica":3}},)"
           R"("bricks":[{"id":"a","size":1048576},{"id":"b","size":1048576}],"mount":{"glusterfs":)"
           R"({"hosts":["10.0.0.1","10.0.0.2"],"options":{"backup-volfile-servers":"10.0.0.2"}}}})",
           R"({"z":1,"a":2,"m":{"y":[1,-2,3.25,"s\u00e9\n",null,false]}})",
           " \n\t{\"spaced\" : [ 1 , 2 ] }\n ",
       }) {
    ExpectSameAsNlohmann(text);
  }
}

TEST(ParseOrderedJsonTest, DuplicateKeysKeepTheFirstPositionAndTheLastValue) {
  ExpectSameAsNlohmann(R"({"a":1,"b":2,"a":3})");
  // Past the linear search: more than 16 members.
  std::string big = "{";
  for (int i = 0; i < 40; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  big += "\"k7\":\"again\",\"k39\":{\"x\":[1]}}";
  ExpectSameAsNlohmann(big);
  auto got = ParseOrderedJson(big);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->size(), 40u);
  EXPECT_EQ((*got)["k7"], "again");
  EXPECT_EQ(got->begin().key(), "k0");
}

TEST(ParseOrderedJsonTest, NestedDeeplyWithoutRecursion) {
  // Only walked iteratively here: dumping or comparing recurses per level.
  constexpr size_t kDepth = 20000;
  auto got = ParseOrderedJson(std::string(kDepth, '[') + std::string(kDepth, ']'));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const Json* level = &*got;
  for (size_t i = 1; i < kDepth; ++i) {
    ASSERT_TRUE(level->is_array() && level->size() == 1) << "at depth " << i;
    level = &level->front();
  }
  EXPECT_TRUE(level->is_array() && level->empty());
}

TEST(ParseOrderedJsonTest, RejectsWhatTheReferenceRejects) {
  for (const char* text : {"", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "nul", "[1] x", "{} {}",
                           "\"unterminated", "{\"a\":1,}", "01"}) {
    auto got = ParseOrderedJson(text);
    EXPECT_FALSE(got.ok()) << text;
    if (!got.ok()) {
      EXPECT_EQ(got.status().code(), Code::kInvalidArgument) << text;
      EXPECT_NE(got.status().message().find("parse error"), std::string::npos)
          << got.status().message();
    }
    EXPECT_FALSE(Json::accept(text)) << text;
  }
}

TEST(ParseOrderedJsonTest, WithTheTailIgnoredReadsTheFirstValueOnly) {
  auto got = ParseOrderedJson(R"({"a":[1,2]} trailing {"b":3})", JsonTail::kIgnored);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->dump(), R"({"a":[1,2]})");
  EXPECT_FALSE(ParseOrderedJson(R"({"a":[1,2]} trailing)").ok());
  EXPECT_FALSE(ParseOrderedJson(R"({"a":[1,)", JsonTail::kIgnored).ok());
}

}  // namespace
}  // namespace brickyard
