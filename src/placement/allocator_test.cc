#include "placement/allocator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "model/sizing.h"
#include "placement/test_topology.h"

namespace brickyard::placement {
namespace {

using model::BrickRole;
using model::kGiB;
using model::kMiB;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::TopologyBuilder;

constexpr uint64_t kSeed = 42;

std::set<std::string> NodesOfSet(const Placement& p, int64_t set, int64_t set_size) {
  std::set<std::string> out;
  for (int64_t i = 0; i < set_size; ++i) out.insert(p.bricks[set * set_size + i].node_id);
  return out;
}

std::set<int64_t> ZonesOfSet(const Snapshot& snap, const Placement& p, int64_t set,
                             int64_t set_size) {
  std::set<int64_t> out;
  for (const std::string& id : NodesOfSet(p, set, set_size)) {
    for (const NodeView& n : snap.nodes) {
      if (n.id == id) out.insert(n.zone);
    }
  }
  return out;
}

Result<Placement> AllocateChecked(const Snapshot& snap, const Request& req, uint64_t seed = kSeed) {
  Result<Placement> p = Allocate(snap, req, seed);
  if (p.ok()) {
    EXPECT_THAT(testing::Violations(snap, req, *p), IsEmpty());
  }
  return p;
}

// --- durabilities -----------------------------------------------------------

TEST(AllocateTest, NonePlacesOneBrick) {
  TopologyBuilder t;
  std::string n = t.AddNode();
  std::string d = t.AddDevice(n, 200 * kGiB);
  auto p = AllocateChecked(t.snapshot(), testing::NoneRequest(100));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->set_count, 1);
  EXPECT_EQ(p->brick_size_kib, 100 * kGiB);
  ASSERT_EQ(p->bricks.size(), 1u);
  const PlacedBrick& b = p->bricks[0];
  EXPECT_EQ(b.device_id, d);
  EXPECT_EQ(b.node_id, n);
  EXPECT_EQ(b.size_kib, 100 * kGiB);
  EXPECT_EQ(b.tp_size_kib, 100 * kGiB);
  EXPECT_EQ(b.pool_meta_kib, model::RoundUp(100 * kGiB / 200, 4 * kMiB));
  EXPECT_EQ(b.role, BrickRole::kData);
}

TEST(AllocateTest, ReplicaTwoAndThreeUseDistinctNodes) {
  for (int64_t replica : {2, 3}) {
    TopologyBuilder t;
    t.AddUniform(5, 1, 2, 500 * kGiB);
    auto p = AllocateChecked(t.snapshot(), testing::ReplicaRequest(100, replica));
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->set_count, 1);
    EXPECT_EQ(NodesOfSet(*p, 0, replica).size(), static_cast<size_t>(replica));
  }
}

TEST(AllocateTest, DisperseSplitsTheVolumeOverDataBricks) {
  TopologyBuilder t;
  t.AddUniform(6, 1, 1, 100 * kGiB);
  auto p = AllocateChecked(t.snapshot(), testing::DisperseRequest(100, 4, 2));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->brick_size_kib, 25 * kGiB);
  EXPECT_EQ(p->bricks.size(), 6u);
  EXPECT_EQ(NodesOfSet(*p, 0, 6).size(), 6u);
}

TEST(AllocateTest, NeverTwoBricksOfASetOnOneNode) {
  // Plenty of space, but only two nodes for a replica 3 volume.
  TopologyBuilder t;
  t.AddUniform(2, 1, 4, 10 * model::kTiB);
  auto p = Allocate(t.snapshot(), testing::ReplicaRequest(10, 3), kSeed);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kNoSpace);
  EXPECT_THAT(p.status().message(), HasSubstr("on distinct nodes"));
}

TEST(AllocateTest, DifferentSetsMayShareNodesAndDevices) {
  // none durability, forced into 4 bricks, on a single device.
  TopologyBuilder t;
  t.AddDevice(t.AddNode(), 100 * kGiB);
  Request req = testing::NoneRequest(40);
  req.limits.brick_max_size_gb = 10;
  auto p = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->set_count, 4);
}

// --- brick sizes ------------------------------------------------------------

TEST(AllocateTest, HalvesTheBrickSizeWhenNothingFits) {
  // 100 GiB replica 3 on devices of 120 GiB: one brick of 100 GiB fits, so
  // the first try succeeds.
  {
    TopologyBuilder t;
    t.AddUniform(3, 1, 1, 120 * kGiB);
    auto p = AllocateChecked(t.snapshot(), testing::ReplicaRequest(100, 3));
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->set_count, 1);
  }
  // On devices of 60 GiB it takes 2 x 3 bricks of 50 GiB, two per node on
  // two devices.
  {
    TopologyBuilder t;
    t.AddUniform(3, 1, 2, 60 * kGiB);
    auto p = AllocateChecked(t.snapshot(), testing::ReplicaRequest(100, 3));
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->set_count, 2);
    EXPECT_EQ(p->brick_size_kib, 50 * kGiB);
    EXPECT_EQ(p->bricks.size(), 6u);
  }
  // Devices of 30 GiB: 4 x 3 bricks of 25 GiB.
  {
    TopologyBuilder t;
    t.AddUniform(4, 1, 3, 30 * kGiB);
    auto p = AllocateChecked(t.snapshot(), testing::ReplicaRequest(100, 3));
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->set_count, 4);
    EXPECT_EQ(p->brick_size_kib, 25 * kGiB);
  }
}

TEST(AllocateTest, SkipsBrickSizesAboveTheMaximum) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, 1000 * kGiB);
  Request req = testing::ReplicaRequest(10, 3);
  req.limits.brick_max_size_gb = 4;
  auto p = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->set_count, 4);
  EXPECT_EQ(p->brick_size_kib, 10 * kGiB / 4);
}

TEST(AllocateTest, MaximumBricksReached) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, 10 * kGiB);
  auto p = Allocate(t.snapshot(), testing::ReplicaRequest(100, 3), kSeed);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kNoSpace);
  EXPECT_THAT(p.status().message(),
              HasSubstr("needed 8 sets of 3 bricks of 12.5 GiB, each set on distinct nodes"));
  EXPECT_THAT(p.status().message(), HasSubstr("largest free device has 10 GiB"));
  EXPECT_THAT(p.status().message(),
              HasSubstr("smaller bricks would exceed the limit of 32 bricks per volume"));
}

TEST(AllocateTest, ExistingBricksCountTowardTheMaximum) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, 1000 * kGiB);
  Request req = testing::ReplicaRequest(10, 3);
  req.existing_bricks = 30;
  auto p = Allocate(t.snapshot(), req, kSeed);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kNoSpace);
  EXPECT_EQ(p.status().message(),
            "No space: Maximum number of bricks reached: 30 existing and 3 new bricks exceed "
            "the limit of 32 bricks per volume");

  req.existing_bricks = 29;
  req.first_set_index = 7;
  auto ok = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->bricks[0].set_index, 7);
}

TEST(AllocateTest, MinimumBrickSizeReached) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, kGiB / 2);
  auto p = Allocate(t.snapshot(), testing::ReplicaRequest(2, 3), kSeed);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kNoSpace);
  EXPECT_THAT(p.status().message(), HasSubstr("needed 2 sets of 3 bricks of 1 GiB"));
  EXPECT_THAT(p.status().message(),
              HasSubstr("smaller bricks would be under the minimum brick size of 1 GiB"));
}

TEST(AllocateTest, PreciseMessageWhenNoDeviceIsLargeEnough) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, 40 * kGiB);
  Request req = testing::ReplicaRequest(100, 3);
  req.limits.brick_min_size_gb = 100;
  auto p = Allocate(t.snapshot(), req, kSeed);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(),
            "No space: needed 3 bricks of 100 GiB on distinct nodes; no device has room for one; "
            "largest free device has 40 GiB (a data brick takes 100.5 GiB with its thin pool); "
            "smaller bricks would be under the minimum brick size of 100 GiB");
}

TEST(AllocateTest, FitRequiresStrictlyMoreFreeThanNeeded) {
  // Two 5 GiB bricks on one device: each takes 5 GiB + 28 MiB of metadata.
  const int64_t per_brick = model::ComputeBrickSpace(5 * kGiB, 1.0, 4 * kMiB).total();
  Request req = testing::NoneRequest(10);
  req.limits.brick_max_size_gb = 5;
  {
    TopologyBuilder t;
    t.AddDevice(t.AddNode(), 2 * per_brick + 1);
    auto p = AllocateChecked(t.snapshot(), req);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->bricks.size(), 2u);
    EXPECT_EQ(p->bricks[0].device_id, p->bricks[1].device_id);
  }
  {
    // Exactly enough is not enough, and the second brick must see the space
    // the first one took.
    TopologyBuilder t;
    t.AddDevice(t.AddNode(), 2 * per_brick);
    auto p = Allocate(t.snapshot(), req, kSeed);
    EXPECT_FALSE(p.ok());
  }
}

TEST(AllocateTest, SnapshotFactorScalesTheThinPool) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 2, 150 * kGiB);
  Request req = testing::ReplicaRequest(100, 3);
  auto plain = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->set_count, 1);
  EXPECT_EQ(plain->bricks[0].tp_size_kib, 100 * kGiB);
  // A 150 GiB pool plus metadata no longer fits a 150 GiB device: two sets
  // of 50 GiB bricks with 75 GiB pools, one per device.
  req.snapshot_factor = 1.5;
  auto halved = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(halved.ok()) << halved.status().ToString();
  EXPECT_EQ(halved->set_count, 2);
  EXPECT_EQ(halved->brick_size_kib, 50 * kGiB);
  EXPECT_EQ(halved->bricks[0].tp_size_kib, 75 * kGiB);
}

// --- usability and tags -----------------------------------------------------

TEST(AllocateTest, SkipsUnusableNodesAndDevices) {
  TopologyBuilder t;
  std::string down = t.AddNode(1, {}, /*usable=*/false);
  t.AddDevice(down, 10 * model::kTiB);
  std::set<std::string> offline;
  for (int i = 0; i < 3; ++i) {
    std::string n = t.AddNode();
    t.AddDevice(n, 200 * kGiB);
    offline.insert(t.AddDevice(n, 10 * model::kTiB, {}, /*usable=*/false));
  }
  auto p = AllocateChecked(t.snapshot(), testing::ReplicaRequest(100, 3));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  for (const PlacedBrick& b : p->bricks) {
    EXPECT_NE(b.node_id, down);
    EXPECT_EQ(offline.count(b.device_id), 0u);
  }
}

TEST(AllocateTest, NoUsableDevice) {
  TopologyBuilder t;
  t.AddDevice(t.AddNode(1, {}, false), 100 * kGiB);
  t.AddDevice(t.AddNode(), 100 * kGiB, {}, false);
  auto p = Allocate(t.snapshot(), testing::NoneRequest(1), kSeed);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kNoSpace);
  EXPECT_EQ(p.status().message(),
            "No space: no usable device: 0 of 2 devices are online on online nodes");
}

TEST(AllocateTest, TagRuleRestrictsDevices) {
  TopologyBuilder t;
  std::set<std::string> ssd;
  for (int i = 0; i < 4; ++i) {
    std::string n = t.AddNode(1, {{"disk", "hdd"}});
    t.AddDevice(n, 10 * model::kTiB);                           // inherits hdd
    ssd.insert(t.AddDevice(n, 200 * kGiB, {{"disk", "ssd"}}));  // overrides
  }
  Request req = testing::ReplicaRequest(100, 3);
  req.tag_match = "disk=ssd";
  auto p = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  for (const PlacedBrick& b : p->bricks) EXPECT_EQ(ssd.count(b.device_id), 1u);

  req.tag_match = "disk!=ssd";
  auto hdd = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(hdd.ok());
  for (const PlacedBrick& b : hdd->bricks) EXPECT_EQ(ssd.count(b.device_id), 0u);

  req.tag_match = "rack!=r9";  // missing tag reads as "", so everything matches
  EXPECT_TRUE(AllocateChecked(t.snapshot(), req).ok());

  req.tag_match = "rack=r9";
  auto none = Allocate(t.snapshot(), req, kSeed);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), Code::kNoSpace);
  EXPECT_THAT(none.status().message(), HasSubstr("matching 'rack=r9'"));
}

TEST(AllocateTest, InvalidTagRule) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, 200 * kGiB);
  Request req = testing::ReplicaRequest(10, 3);
  req.tag_match = "disk:ssd";
  auto p = Allocate(t.snapshot(), req, kSeed);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kInvalidArgument);
}

// --- arbiter ----------------------------------------------------------------

TEST(AllocateTest, ArbiterIsTheThirdBrickAndSmall) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, 200 * kGiB);
  Request req = testing::ArbiterRequest(100);
  auto p = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->bricks.size(), 3u);
  EXPECT_EQ(p->bricks[0].role, BrickRole::kData);
  EXPECT_EQ(p->bricks[1].role, BrickRole::kData);
  EXPECT_EQ(p->bricks[2].role, BrickRole::kArbiter);
  EXPECT_EQ(p->bricks[2].set_position, 2);
  EXPECT_EQ(p->bricks[2].size_kib, 100 * kGiB / 64);
  EXPECT_EQ(p->bricks[0].size_kib, 100 * kGiB);
}

TEST(AllocateTest, ArbiterBrickHasAMinimumAndTheSnapshotFactor) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, 20 * kGiB);
  Request req = testing::ArbiterRequest(1);
  req.average_file_size_kb = 1024;  // 1 GiB / 1 MiB = 1024 files -> 1 MiB, raised to 300
  req.snapshot_factor = 2.0;
  auto p = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->bricks[2].size_kib, kMinBrickKib);
  EXPECT_EQ(p->bricks[2].tp_size_kib, 2 * kMinBrickKib);
}

TEST(AllocateTest, ArbiterRejectsAverageFileLargerThanTheBrick) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, 20 * kGiB);
  Request req = testing::ArbiterRequest(1);
  req.average_file_size_kb = 2 * kGiB;
  auto p = Allocate(t.snapshot(), req, kSeed);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kInvalidArgument);
}

TEST(AllocateTest, ArbiterNeedsReplicaThree) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, 20 * kGiB);
  Request req = testing::ReplicaRequest(1, 2);
  req.arbiter = true;
  auto p = Allocate(t.snapshot(), req, kSeed);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kInvalidArgument);
}

TEST(AllocateTest, ArbiterDeviceClasses) {
  // The largest device is arbiter-only, so it gets the arbiter brick and the
  // data bricks go to the data-only nodes, although a data brick on the big
  // device would leave more space free.
  {
    TopologyBuilder t;
    std::string a = t.AddNode(1, {{"arbiter", "disabled"}});
    std::string b = t.AddNode(1, {{"arbiter", "disabled"}});
    std::string arb = t.AddNode(1, {{"arbiter", "required"}});
    std::string any = t.AddNode();
    t.AddDevice(a, 500 * kGiB);
    t.AddDevice(b, 500 * kGiB);
    std::string arb_dev = t.AddDevice(arb, 1000 * kGiB);
    t.AddDevice(any, 300 * kGiB);
    auto p = AllocateChecked(t.snapshot(), testing::ArbiterRequest(100));
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->bricks[2].device_id, arb_dev);
    EXPECT_EQ(NodesOfSet(*p, 0, 3), (std::set<std::string>{a, b, arb}));
  }
  // Device tags override node tags: the node says required, its device says
  // disabled, so the only arbiter-capable device is the small untagged one.
  {
    TopologyBuilder t;
    std::string n0 = t.AddNode(1, {{"arbiter", "required"}});
    std::string n1 = t.AddNode(1, {{"arbiter", "disabled"}});
    std::string n2 = t.AddNode();
    t.AddDevice(n0, 900 * kGiB, {{"arbiter", "disabled"}});
    t.AddDevice(n1, 900 * kGiB);
    std::string small = t.AddDevice(n2, 200 * kGiB);
    auto p = AllocateChecked(t.snapshot(), testing::ArbiterRequest(100));
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_EQ(p->bricks[2].device_id, small);
  }
  // Without any arbiter-capable device there is no space.
  {
    TopologyBuilder t;
    for (int i = 0; i < 4; ++i) t.AddDevice(t.AddNode(1, {{"arbiter", "disabled"}}), 500 * kGiB);
    auto none = Allocate(t.snapshot(), testing::ArbiterRequest(100), kSeed);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.status().code(), Code::kNoSpace);
    EXPECT_THAT(none.status().message(), HasSubstr("0 nodes for an arbiter brick"));
  }
}

TEST(AllocateTest, ArbiterClassesDoNotApplyToPlainVolumes) {
  TopologyBuilder t;
  for (int i = 0; i < 3; ++i) t.AddDevice(t.AddNode(1, {{"arbiter", "required"}}), 200 * kGiB);
  EXPECT_TRUE(AllocateChecked(t.snapshot(), testing::ReplicaRequest(100, 3)).ok());
}

// --- zones ------------------------------------------------------------------

TEST(AllocateTest, StrictZonesNeedEnoughZones) {
  TopologyBuilder t;
  t.AddUniform(6, 2, 1, 200 * kGiB);
  Request req = testing::ReplicaRequest(100, 3);
  req.strict_zones = true;
  auto p = Allocate(t.snapshot(), req, kSeed);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kInvalidArgument);
  EXPECT_THAT(p.status().message(), HasSubstr("needs 3 zones"));

  req.strict_zones = false;  // zones are then a preference: two are used
  auto loose = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(loose.ok());
  EXPECT_EQ(ZonesOfSet(t.snapshot(), *loose, 0, 3).size(), 2u);
}

TEST(AllocateTest, SpreadsZonesBeforeEmptiness) {
  // Zone 1 holds the three emptiest devices; zones 2 and 3 one each.
  TopologyBuilder t;
  for (int i = 0; i < 3; ++i) t.AddDevice(t.AddNode(1), 900 * kGiB);
  std::string z2 = t.AddNode(2);
  std::string z3 = t.AddNode(3);
  t.AddDevice(z2, 200 * kGiB);
  t.AddDevice(z3, 300 * kGiB);
  auto p = AllocateChecked(t.snapshot(), testing::ReplicaRequest(100, 3));
  ASSERT_TRUE(p.ok());
  std::set<std::string> nodes = NodesOfSet(*p, 0, 3);
  EXPECT_EQ(nodes.count(z2), 1u);
  EXPECT_EQ(nodes.count(z3), 1u);
}

TEST(AllocateTest, StrictZonesUseOneBrickPerZone) {
  TopologyBuilder t;
  t.AddUniform(9, 3, 2, 300 * kGiB);
  Request req = testing::ReplicaRequest(200, 3);
  req.strict_zones = true;
  auto p = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
}

// --- preference and capacity ------------------------------------------------

TEST(AllocateTest, PrefersTheEmptiestDevices) {
  TopologyBuilder t;
  std::vector<std::string> devices;
  for (int i = 0; i < 6; ++i) {
    std::string n = t.AddNode();
    devices.push_back(t.AddDevice(n, (100 + 50 * i) * kGiB));
    t.AddDevice(n, (90 + 50 * i) * kGiB);
  }
  auto p = AllocateChecked(t.snapshot(), testing::ReplicaRequest(10, 3));
  ASSERT_TRUE(p.ok());
  std::set<std::string> chosen;
  for (const PlacedBrick& b : p->bricks) chosen.insert(b.device_id);
  EXPECT_EQ(chosen, (std::set<std::string>{devices[3], devices[4], devices[5]}));
  // Preference order fills the set positions.
  EXPECT_EQ(p->bricks[0].device_id, devices[5]);
}

TEST(AllocateTest, UsesTheOnlyDeviceThatCanHoldABrick) {
  // A node with one huge device must take a brick; the other nodes have many
  // small devices that each hold one.
  TopologyBuilder t;
  std::string big = t.AddNode();
  std::string big_dev = t.AddDevice(big, 150 * kGiB);
  for (int i = 0; i < 2; ++i) {
    std::string n = t.AddNode();
    for (int j = 0; j < 4; ++j) t.AddDevice(n, 101 * kGiB);
  }
  Request req = testing::ReplicaRequest(100, 3);
  req.limits.brick_min_size_gb = 100;
  auto p = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->bricks[0].device_id, big_dev);
}

TEST(AllocateTest, LeavesRoomForLaterSets) {
  // Replica 2, two sets of 100 GiB (100.5 GiB each with metadata).
  // A: one device of 190 GiB (one brick); B: two of 120 GiB (two bricks);
  // C: one of 150 GiB (one brick). Taking the emptiest pair {A, C} first
  // would leave only B for the second set; the only placement is
  // {A, B} + {B, C}.
  TopologyBuilder t;
  std::string a = t.AddNode(), b = t.AddNode(), c = t.AddNode();
  t.AddDevice(a, 190 * kGiB);
  t.AddDevice(b, 120 * kGiB);
  t.AddDevice(b, 120 * kGiB);
  t.AddDevice(c, 150 * kGiB);
  Request req = testing::ReplicaRequest(200, 2);
  req.limits.max_bricks_per_volume = 4;  // no smaller size to fall back on
  auto p = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->set_count, 2);
  EXPECT_EQ(NodesOfSet(*p, 0, 2), (std::set<std::string>{a, b}));
  EXPECT_EQ(NodesOfSet(*p, 1, 2), (std::set<std::string>{b, c}));
}

TEST(AllocateTest, ArbiterSetsBacktrack) {
  // Two arbiter sets with 100 GiB data bricks (100.5 GiB with metadata).
  // Data capacity: A one brick, B two, C one, so the data pairs must be
  // {A, B} and {B, C}. The emptiest first set, data on {A, C}, leaves only B
  // for the second set's data; the placer has to back out of it.
  TopologyBuilder t;
  std::string a = t.AddNode(), b = t.AddNode(), c = t.AddNode();
  std::string e = t.AddNode(1, {{"arbiter", "required"}});
  t.AddDevice(a, 140 * kGiB);
  t.AddDevice(b, 110 * kGiB);
  t.AddDevice(b, 110 * kGiB);
  t.AddDevice(c, 160 * kGiB);
  t.AddDevice(e, 50 * kGiB);
  Request req = testing::ArbiterRequest(200);
  req.limits.brick_min_size_gb = 100;  // no smaller size to fall back on
  auto p = AllocateChecked(t.snapshot(), req);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->set_count, 2);
  std::set<std::set<std::string>> data_pairs;
  for (int64_t s = 0; s < 2; ++s) {
    data_pairs.insert({p->bricks[3 * s].node_id, p->bricks[3 * s + 1].node_id});
  }
  EXPECT_EQ(data_pairs, (std::set<std::set<std::string>>{{a, b}, {b, c}}));
}

// --- determinism ------------------------------------------------------------

TEST(AllocateTest, DeterministicForSeedAndInputOrder) {
  TopologyBuilder t;
  t.AddUniform(12, 3, 3, 500 * kGiB);  // all equal: every choice is a tie
  Request req = testing::ReplicaRequest(300, 3);
  auto first = AllocateChecked(t.snapshot(), req, 7);
  ASSERT_TRUE(first.ok());
  std::mt19937_64 rng(1);
  for (int i = 0; i < 10; ++i) {
    Snapshot shuffled = t.snapshot();
    std::shuffle(shuffled.nodes.begin(), shuffled.nodes.end(), rng);
    std::shuffle(shuffled.devices.begin(), shuffled.devices.end(), rng);
    auto again = Allocate(shuffled, req, 7);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(testing::Fingerprint(*again), testing::Fingerprint(*first));
  }
  std::set<std::vector<std::string>> by_seed;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    by_seed.insert(testing::Fingerprint(*Allocate(t.snapshot(), req, seed)));
  }
  EXPECT_GT(by_seed.size(), 1u);  // the seed breaks ties
}

TEST(AllocateTest, RejectsInvalidRequests) {
  TopologyBuilder t;
  t.AddUniform(3, 1, 1, 200 * kGiB);
  Request zero = testing::ReplicaRequest(0, 3);
  EXPECT_EQ(Allocate(t.snapshot(), zero, kSeed).status().code(), Code::kInvalidArgument);
  Request no_replica = testing::ReplicaRequest(1, 0);
  EXPECT_EQ(Allocate(t.snapshot(), no_replica, kSeed).status().code(), Code::kInvalidArgument);
  Request bad_factor = testing::ReplicaRequest(1, 3);
  bad_factor.snapshot_factor = 0.5;
  EXPECT_EQ(Allocate(t.snapshot(), bad_factor, kSeed).status().code(), Code::kInvalidArgument);
  Snapshot dup = t.snapshot();
  dup.nodes.push_back(dup.nodes[0]);
  EXPECT_EQ(Allocate(dup, testing::ReplicaRequest(1, 3), kSeed).status().code(), Code::kInternal);
}

// --- replace ----------------------------------------------------------------

TEST(ReplaceTest, AvoidsTheSetsNodesAndTheOldDevice) {
  TopologyBuilder t;
  std::string n0 = t.AddNode(1), n1 = t.AddNode(2), n2 = t.AddNode(3), n3 = t.AddNode(3);
  std::string old_dev = t.AddDevice(n0, 900 * kGiB);
  std::string n0_other = t.AddDevice(n0, 300 * kGiB);
  t.AddDevice(n1, 900 * kGiB);
  t.AddDevice(n2, 900 * kGiB);
  t.AddDevice(n3, 200 * kGiB);
  Request req = testing::ReplicaRequest(100, 3);
  PlacedBrick old;
  old.device_id = old_dev;
  old.node_id = n0;
  old.size_kib = 100 * kGiB;
  old.set_index = 4;
  old.set_position = 0;
  // The other bricks are on n1 and n2 (zones 2 and 3). The old node is
  // allowed again and its zone is new to the set: it wins over n3.
  auto r = Replace(t.snapshot(), req, old, {n1, n2}, {2, 3}, kSeed);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->device_id, n0_other);
  EXPECT_EQ(r->set_index, 4);
  EXPECT_EQ(r->set_position, 0);
  EXPECT_EQ(r->size_kib, 100 * kGiB);
  EXPECT_EQ(r->tp_size_kib, 100 * kGiB);

  // If n0 is part of the set too, only n3 remains (zone 3 is taken, but
  // zones are only a preference).
  auto r2 = Replace(t.snapshot(), req, old, {n0, n1, n2}, {1, 2, 3}, kSeed);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->node_id, n3);
  // With strict zones that is not allowed.
  req.strict_zones = true;
  auto r3 = Replace(t.snapshot(), req, old, {n0, n1, n2}, {1, 2, 3}, kSeed);
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.status().code(), Code::kInvalidArgument);
}

TEST(ReplaceTest, ArbiterKeepsItsSizeAndClass) {
  TopologyBuilder t;
  std::string n0 = t.AddNode(), n1 = t.AddNode(), n2 = t.AddNode(), n3 = t.AddNode();
  t.AddDevice(n0, 900 * kGiB);
  t.AddDevice(n1, 900 * kGiB);
  std::string old_dev = t.AddDevice(n2, 10 * kGiB, {{"arbiter", "required"}});
  t.AddDevice(n3, 900 * kGiB, {{"arbiter", "disabled"}});  // roomier, but data-only
  std::string arb_ok = t.AddDevice(n3, 5 * kGiB);
  Request req = testing::ArbiterRequest(100);
  PlacedBrick old;
  old.device_id = old_dev;
  old.node_id = n2;
  old.size_kib = 100 * kGiB / 64;
  old.role = BrickRole::kArbiter;
  old.set_position = 2;
  auto r = Replace(t.snapshot(), req, old, {n0, n1}, {1}, kSeed);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->device_id, arb_ok);
  EXPECT_EQ(r->role, BrickRole::kArbiter);
  EXPECT_EQ(r->size_kib, 100 * kGiB / 64);
}

TEST(ReplaceTest, NoSpaceMessage) {
  TopologyBuilder t;
  std::string n0 = t.AddNode(), n1 = t.AddNode();
  std::string old_dev = t.AddDevice(n0, 900 * kGiB);
  t.AddDevice(n1, 50 * kGiB);
  PlacedBrick old;
  old.device_id = old_dev;
  old.node_id = n0;
  old.size_kib = 100 * kGiB;
  auto r = Replace(t.snapshot(), testing::ReplicaRequest(100, 2), old, {}, {}, kSeed);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNoSpace);
  EXPECT_EQ(r.status().message(),
            "No space: no device can take a brick of 100 GiB on a node outside the set; "
            "largest free device there has 50 GiB");
}

}  // namespace
}  // namespace brickyard::placement
