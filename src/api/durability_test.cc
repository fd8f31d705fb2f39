#include "api/durability.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

using model::DurabilityType;

TEST(DurabilityTest, ParseType) {
  EXPECT_EQ(ParseDurabilityType(""), DurabilityType::kNone);
  EXPECT_EQ(ParseDurabilityType("none"), DurabilityType::kNone);
  EXPECT_EQ(ParseDurabilityType("replicate"), DurabilityType::kReplicate);
  EXPECT_EQ(ParseDurabilityType("disperse"), DurabilityType::kDisperse);
  EXPECT_EQ(ParseDurabilityType("Replicate"), std::nullopt);
  EXPECT_EQ(ParseDurabilityType("mirror"), std::nullopt);
}

TEST(DurabilityTest, ReplicateDefaultsToTwo) {
  model::Durability d = DurabilityWithDefaults("replicate", 0, 4, 2);
  EXPECT_EQ(d.type, DurabilityType::kReplicate);
  EXPECT_EQ(d.replica, 2);
  EXPECT_EQ(d.data, 0);
  EXPECT_EQ(d.redundancy, 0);
  EXPECT_EQ(DurabilityWithDefaults("replicate", 3, 0, 0).replica, 3);
}

TEST(DurabilityTest, DisperseDefaultsToFourPlusTwo) {
  model::Durability d = DurabilityWithDefaults("disperse", 3, 0, 0);
  EXPECT_EQ(d.type, DurabilityType::kDisperse);
  EXPECT_EQ(d.replica, 0);
  EXPECT_EQ(d.data, 4);
  EXPECT_EQ(d.redundancy, 2);
  model::Durability e = DurabilityWithDefaults("disperse", 0, 8, 3);
  EXPECT_EQ(e.data, 8);
  EXPECT_EQ(e.redundancy, 3);
}

TEST(DurabilityTest, NoneCarriesNothing) {
  for (std::string_view type : {"", "none"}) {
    model::Durability d = DurabilityWithDefaults(type, 3, 4, 2);
    EXPECT_EQ(d.type, DurabilityType::kNone);
    EXPECT_EQ(d.replica, 0);
    EXPECT_EQ(d.data, 0);
    EXPECT_EQ(d.redundancy, 0);
    EXPECT_EQ(d.SetSize(), 1);
  }
}

}  // namespace
}  // namespace brickyard::api
