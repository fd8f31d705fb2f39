#include "placement/tags.h"

#include <gtest/gtest.h>

namespace brickyard::placement {
namespace {

TEST(TagRuleTest, ParsesEqualAndNotEqual) {
  auto eq = ParseTagRule("disk=ssd");
  ASSERT_TRUE(eq.ok());
  ASSERT_TRUE(eq->has_value());
  EXPECT_EQ((*eq)->key, "disk");
  EXPECT_EQ((*eq)->value, "ssd");
  EXPECT_FALSE((*eq)->negated);
  EXPECT_EQ((*eq)->ToString(), "disk=ssd");

  auto ne = ParseTagRule("rack.id-1_x!=A.b-9_z");
  ASSERT_TRUE(ne.ok());
  EXPECT_EQ((*ne)->key, "rack.id-1_x");
  EXPECT_EQ((*ne)->value, "A.b-9_z");
  EXPECT_TRUE((*ne)->negated);
}

TEST(TagRuleTest, EmptyMeansNoRule) {
  auto none = ParseTagRule("");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(TagRuleTest, RejectsMalformedRules) {
  for (const char* bad : {"disk", "=ssd", "disk=", "disk!=", "disk==ssd", "a=b=c", "disk=ss d",
                          "disk=/dev", "k:y=v", "disk=ssd;rm", "!=x", "disk!ssd", " disk=ssd"}) {
    auto r = ParseTagRule(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << bad;
  }
}

TEST(TagRuleTest, MatchesMergedTagsWithMissingAsEmpty) {
  model::Tags node{{"disk", "hdd"}, {"rack", "r1"}};
  model::Tags device{{"disk", "ssd"}};
  auto eq = ParseTagRule("disk=ssd");
  EXPECT_TRUE((*eq)->Matches(node, device));  // device overrides node
  EXPECT_FALSE((*eq)->Matches(node, {}));     // node's hdd
  auto rack = ParseTagRule("rack=r1");
  EXPECT_TRUE((*rack)->Matches(node, device));  // inherited from the node
  auto ne = ParseTagRule("color!=red");
  EXPECT_TRUE((*ne)->Matches(node, device));  // missing reads as ""
  auto ne2 = ParseTagRule("disk!=ssd");
  EXPECT_FALSE((*ne2)->Matches(node, device));
  EXPECT_TRUE((*ne2)->Matches(node, {}));
}

TEST(ArbiterClassTest, DeviceOverridesNode) {
  EXPECT_EQ(GetArbiterClass({}, {}), ArbiterClass::kSupported);
  EXPECT_EQ(GetArbiterClass({{"arbiter", "required"}}, {}), ArbiterClass::kRequired);
  EXPECT_EQ(GetArbiterClass({{"arbiter", "required"}}, {{"arbiter", "disabled"}}),
            ArbiterClass::kDisabled);
  EXPECT_EQ(GetArbiterClass({{"arbiter", "disabled"}}, {{"arbiter", "supported"}}),
            ArbiterClass::kSupported);
  EXPECT_EQ(GetArbiterClass({{"arbiter", "whatever"}}, {}), ArbiterClass::kSupported);
  EXPECT_TRUE(HoldsArbiter(ArbiterClass::kRequired));
  EXPECT_FALSE(HoldsData(ArbiterClass::kRequired));
  EXPECT_TRUE(HoldsData(ArbiterClass::kDisabled));
  EXPECT_FALSE(HoldsArbiter(ArbiterClass::kDisabled));
}

}  // namespace
}  // namespace brickyard::placement
