#include "api/wire.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

TEST(WireTest, CompactWithTrailingNewline) {
  Json v = Json::object();
  v["id"] = "x";
  v["list"] = Json::array();
  v["obj"] = Json::object();
  v["n"] = 10;
  v["b"] = false;
  EXPECT_EQ(ToWire(v), "{\"id\":\"x\",\"list\":[],\"obj\":{},\"n\":10,\"b\":false}\n");
}

TEST(WireTest, KeepsInsertionOrder) {
  Json v = Json::object();
  v["z"] = 1;
  v["a"] = 2;
  EXPECT_EQ(ToWire(v), "{\"z\":1,\"a\":2}\n");
}

TEST(WireTest, EscapesLikeGo) {
  Json v = {{"s", "<a href=\"x\">&</a>"}};
  EXPECT_EQ(ToWire(v), R"({"s":"\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e"})"
                       "\n");
  Json line = {{"s", "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\n"}};
  EXPECT_EQ(ToWire(line), R"({"s":"a\u2028b\u2029c\n"})"
                          "\n");
  Json utf8 = {{"s", "caf\xC3\xA9"}};
  EXPECT_EQ(ToWire(utf8), "{\"s\":\"caf\xC3\xA9\"}\n");
}

TEST(WireTest, InvalidUtf8IsReplacedNotFatal) {
  Json v = {{"s", std::string("a\xFF" "b")}};
  EXPECT_EQ(ToWire(v), "{\"s\":\"a\xEF\xBF\xBD" "b\"}\n");
}

TEST(WireTest, IndentedFourSpaces) {
  Json v = Json::object();
  v["a"] = 1;
  v["b"] = Json::array({"x"});
  v["c"] = Json::object();
  v["d"] = Json::array();
  EXPECT_EQ(ToWireIndented(v),
            "{\n"
            "    \"a\": 1,\n"
            "    \"b\": [\n"
            "        \"x\"\n"
            "    ],\n"
            "    \"c\": {},\n"
            "    \"d\": []\n"
            "}\n");
}

TEST(WireTest, GoFloats) {
  EXPECT_EQ(ToWire(GoFloat(1.0)), "1\n");
  EXPECT_EQ(ToWire(GoFloat(100.0)), "100\n");
  EXPECT_EQ(ToWire(GoFloat(1.5)), "1.5\n");
  EXPECT_EQ(ToWire(GoFloat(1.1)), "1.1\n");
  EXPECT_EQ(ToWire(GoFloat(0.0)), "0\n");
}

}  // namespace
}  // namespace brickyard::api
