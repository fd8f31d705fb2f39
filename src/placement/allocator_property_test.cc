// Property tests for Allocate over thousands of seeded random topologies.
//
// Small cases (at most 6 nodes, 3 devices each, 2 sets) are checked against
// an independent brute-force oracle that tries every device for every brick
// position. The properties:
//   * validity: every rule in testing::Violations (distinct nodes per set,
//     distinct zones per set when strict, usable and matching devices only,
//     sizes and thin-pool accounting, no device over capacity);
//   * completeness: if some brick size of the halving loop admits a
//     placement of all its sets, Allocate succeeds, and with the first such
//     size (the largest bricks, as the loop promises);
//   * refusal: otherwise Allocate fails, with InvalidArgument exactly when
//     strict zones are asked for and the usable devices span fewer zones than
//     a set has bricks, NoSpace otherwise;
//   * zone spread and emptiness ("spread whenever possible"): let F_s be the
//     snapshot's free space minus the bricks of sets before s. Among all
//     assignments of set s on F_s after which the remaining sets still fit,
//     set s has the most distinct zones, and among those the most free space
//     left, compared from the worst brick up;
//   * determinism: the same seed gives the same placement, also when the
//     snapshot's vectors are shuffled.
// Larger cases (up to 60 nodes and 32 bricks) check validity, determinism and
// the single-set spread in closed form: a set of r same-sized bricks spans
// min(r, zones that have a device with room for one) zones.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "model/sizing.h"
#include "placement/allocator.h"
#include "placement/test_topology.h"

namespace brickyard::placement {
namespace {

using model::kGiB;

// --- the oracle -------------------------------------------------------------

struct ODevice {
  std::string id;
  std::string node;
  int64_t zone = 0;
  int64_t free = 0;
  int64_t extent = 0;
  bool data_ok = true;
  bool arbiter_ok = true;
};

// Eligible devices per the rules, written without the library's helpers.
std::vector<ODevice> EligibleDevices(const Snapshot& snap, const Request& req) {
  std::map<std::string, const NodeView*> nodes;
  for (const NodeView& n : snap.nodes) nodes[n.id] = &n;
  std::vector<ODevice> out;
  for (const DeviceView& d : snap.devices) {
    auto it = nodes.find(d.node_id);
    if (it == nodes.end() || !it->second->usable || !d.usable) continue;
    const NodeView& n = *it->second;
    if (!testing::RuleMatches(req.tag_match, n.tags, d.tags)) continue;
    ODevice o{d.id, n.id, n.zone, d.free_kib, d.extent_kib, true, false};
    if (req.arbiter) {
      std::string cls = testing::ArbiterTag(n.tags, d.tags);
      o.data_ok = cls != "required";
      o.arbiter_ok = cls != "disabled";
    }
    out.push_back(o);
  }
  return out;
}

struct OStep {
  int64_t sets;
  int64_t brick_kib;
};

std::vector<OStep> OracleSteps(const Request& req) {
  int64_t data = req.durability.type == model::DurabilityType::kDisperse ? req.durability.data : 1;
  int64_t r = testing::SetSizeOf(req);
  std::vector<OStep> steps;
  for (int64_t sets = 1;; sets *= 2) {
    int64_t brick = req.size_gib * kGiB / sets / data;
    if (brick < std::max<int64_t>(1, req.limits.brick_min_size_gb * kGiB)) break;
    if (brick > req.limits.brick_max_size_gb * kGiB) continue;
    if (req.existing_bricks + sets * r > req.limits.max_bricks_per_volume) break;
    steps.push_back({sets, brick});
  }
  return steps;
}

class Oracle {
 public:
  Oracle(std::vector<ODevice> devices, const Request& req, OStep step)
      : dev_(std::move(devices)), req_(req), r_(testing::SetSizeOf(req)) {
    int64_t arb = 0;
    if (req.arbiter) arb = std::max<int64_t>(kMinBrickKib, step.brick_kib / req.average_file_size_kb);
    for (const ODevice& d : dev_) {
      need_data_.push_back(
          model::ComputeBrickSpace(step.brick_kib, req.snapshot_factor, d.extent).total());
      need_arb_.push_back(arb ? model::ComputeBrickSpace(arb, req.snapshot_factor, d.extent).total()
                              : 0);
    }
  }

  bool IsArbiter(int64_t pos) const { return req_.arbiter && pos == 2; }

  int64_t Need(int d, int64_t pos) const { return IsArbiter(pos) ? need_arb_[d] : need_data_[d]; }

  bool Allowed(const std::vector<int64_t>& free, int d, int64_t pos) const {
    bool role_ok = IsArbiter(pos) ? dev_[d].arbiter_ok : dev_[d].data_ok;
    return role_ok && free[d] > Need(d, pos);
  }

  std::vector<int64_t> InitialFree() const {
    std::vector<int64_t> f;
    for (const ODevice& d : dev_) f.push_back(d.free);
    return f;
  }

  // True if `sets` full sets fit on `free`.
  bool SetsFit(std::vector<int64_t> free, int64_t sets) const {
    std::vector<int> set(r_, -1);
    return Fill(free, sets, 0, set);
  }

  // Every assignment of one set on `free` (data positions in index order).
  std::vector<std::vector<int>> AllSets(std::vector<int64_t> free) const {
    std::vector<std::vector<int>> out;
    std::vector<int> set(r_, -1);
    Enumerate(free, 0, set, &out);
    return out;
  }

  std::vector<int64_t> Minus(std::vector<int64_t> free, const std::vector<int>& set) const {
    for (int64_t p = 0; p < r_; ++p) free[set[p]] -= Need(set[p], p);
    return free;
  }

  // (zones, leftovers ascending): larger is preferred.
  std::pair<int, std::vector<int64_t>> Objective(const std::vector<int64_t>& free,
                                                 const std::vector<int>& set) const {
    std::set<int64_t> zones;
    std::vector<int64_t> left;
    for (int64_t p = 0; p < r_; ++p) {
      zones.insert(dev_[set[p]].zone);
      left.push_back(free[set[p]] - Need(set[p], p));
    }
    std::sort(left.begin(), left.end());
    return {static_cast<int>(zones.size()), left};
  }

  const std::vector<ODevice>& devices() const { return dev_; }

 private:
  bool CanTake(const std::vector<int64_t>& free, const std::vector<int>& set, int64_t pos,
               int d) const {
    if (!Allowed(free, d, pos)) return false;
    for (int64_t q = 0; q < pos; ++q) {
      if (dev_[set[q]].node == dev_[d].node) return false;
      if (req_.strict_zones && dev_[set[q]].zone == dev_[d].zone) return false;
      // Same-role positions are interchangeable: keep them in index order.
      if (IsArbiter(q) == IsArbiter(pos) && set[q] >= d) return false;
    }
    return true;
  }

  bool Fill(std::vector<int64_t>& free, int64_t sets, int64_t pos, std::vector<int>& set) const {
    if (sets == 0) return true;
    if (pos == r_) {
      std::vector<int> next(r_, -1);
      return Fill(free, sets - 1, 0, next);
    }
    for (int d = 0; d < static_cast<int>(dev_.size()); ++d) {
      if (!CanTake(free, set, pos, d)) continue;
      free[d] -= Need(d, pos);
      set[pos] = d;
      bool ok = Fill(free, sets, pos + 1, set);
      free[d] += Need(d, pos);
      if (ok) return true;
    }
    return false;
  }

  void Enumerate(std::vector<int64_t>& free, int64_t pos, std::vector<int>& set,
                 std::vector<std::vector<int>>* out) const {
    if (pos == r_) {
      out->push_back(set);
      return;
    }
    for (int d = 0; d < static_cast<int>(dev_.size()); ++d) {
      if (!CanTake(free, set, pos, d)) continue;
      free[d] -= Need(d, pos);
      set[pos] = d;
      Enumerate(free, pos + 1, set, out);
      free[d] += Need(d, pos);
    }
  }

  std::vector<ODevice> dev_;
  const Request& req_;
  int64_t r_;
  std::vector<int64_t> need_data_, need_arb_;
};

int64_t EligibleZones(const std::vector<ODevice>& devices) {
  std::set<int64_t> zones;
  for (const ODevice& d : devices) zones.insert(d.zone);
  return static_cast<int64_t>(zones.size());
}

// --- random cases -----------------------------------------------------------

struct Case {
  Snapshot snapshot;
  Request request;
};

Request RandomShape(std::mt19937_64& rng, bool allow_wide) {
  Request req;
  switch (rng() % (allow_wide ? 7 : 5)) {
    case 0:
      req = testing::NoneRequest(1);
      break;
    case 1:
      req = testing::ReplicaRequest(1, 2);
      break;
    case 2:
      req = testing::ReplicaRequest(1, 3);
      break;
    case 3:
      req = testing::DisperseRequest(1, 2, 1);
      break;
    case 4:
      req = testing::ArbiterRequest(1);
      break;
    case 5:
      req = testing::DisperseRequest(1, 4, 2);
      break;
    default:
      req = testing::ReplicaRequest(1, 3);
      req.arbiter = true;
      break;
  }
  if (rng() % 4 == 0) req.strict_zones = true;
  if (rng() % 5 == 0) req.snapshot_factor = 1.5;
  switch (rng() % 6) {
    case 0:
      req.tag_match = "disk=ssd";
      break;
    case 1:
      req.tag_match = "disk!=hdd";
      break;
    default:
      break;
  }
  return req;
}

model::Tags RandomTags(std::mt19937_64& rng, bool arbiter_tags) {
  model::Tags tags;
  switch (rng() % 5) {
    case 0:
      tags["disk"] = "ssd";
      break;
    case 1:
      tags["disk"] = "hdd";
      break;
    default:
      break;
  }
  if (arbiter_tags) {
    switch (rng() % 6) {
      case 0:
        tags["arbiter"] = "required";
        break;
      case 1:
        tags["arbiter"] = "disabled";
        break;
      case 2:
        tags["arbiter"] = "supported";
        break;
      default:
        break;
    }
  }
  return tags;
}

// At most 6 nodes, 3 devices each (2 for arbiter volumes), and 2 sets.
Case SmallCase(uint64_t seed) {
  std::mt19937_64 rng(seed);
  Case c;
  c.request = RandomShape(rng, /*allow_wide=*/false);
  Request& req = c.request;
  const int64_t r = testing::SetSizeOf(req);
  const int64_t data = req.durability.type == model::DurabilityType::kDisperse ? 2 : 1;
  req.size_gib = data * (4 + static_cast<int64_t>(rng() % 60));
  req.limits.brick_min_size_gb = 1 + static_cast<int64_t>(rng() % 3);
  req.limits.max_bricks_per_volume = r * (rng() % 10 < 7 ? 2 : 1);
  if (rng() % 5 == 0) req.limits.brick_max_size_gb = req.size_gib / data / 2 + 1;
  const int64_t brick = req.size_gib * kGiB / data;  // the largest brick tried
  testing::TopologyBuilder t;
  const int nodes = 2 + static_cast<int>(rng() % 5);
  const int zones = 1 + static_cast<int>(rng() % 3);
  const int max_devices = req.arbiter ? 2 : 3;
  for (int n = 0; n < nodes; ++n) {
    std::string id = t.AddNode(1 + static_cast<int64_t>(rng() % zones),
                               RandomTags(rng, req.arbiter), rng() % 10 != 0);
    const int devices = rng() % 7 == 0 ? 0 : 1 + static_cast<int>(rng() % max_devices);
    for (int d = 0; d < devices; ++d) {
      // Free space mostly around one or two halved bricks, with a few
      // values right at a boundary.
      int64_t free;
      switch (rng() % 5) {
        case 0:
        case 1:
          free = static_cast<int64_t>(rng() % 27) * brick / 10;
          break;
        case 2:
        case 3:
          free = brick * (45 + static_cast<int64_t>(rng() % 80)) / 100;
          break;
        default:
          free = brick / (1 + rng() % 2) + static_cast<int64_t>(rng() % (2 * kGiB));
          break;
      }
      int64_t extent = rng() % 5 == 0 ? 32 * 1024 : 4096;
      t.AddDevice(id, free, RandomTags(rng, req.arbiter), rng() % 10 != 0, extent);
    }
  }
  c.snapshot = t.snapshot();
  return c;
}

// Up to 60 nodes, 6 devices each, 32 bricks.
Case MediumCase(uint64_t seed) {
  std::mt19937_64 rng(seed);
  Case c;
  c.request = RandomShape(rng, /*allow_wide=*/true);
  Request& req = c.request;
  req.size_gib = 10 + static_cast<int64_t>(rng() % 2000);
  testing::TopologyBuilder t;
  const int nodes = 8 + static_cast<int>(rng() % 53);
  const int zones = 1 + static_cast<int>(rng() % 6);
  for (int n = 0; n < nodes; ++n) {
    std::string id = t.AddNode(1 + static_cast<int64_t>(rng() % zones),
                               RandomTags(rng, req.arbiter), rng() % 12 != 0);
    const int devices = 1 + static_cast<int>(rng() % 6);
    for (int d = 0; d < devices; ++d) {
      int64_t free = static_cast<int64_t>(rng() % (1500 * kGiB));
      t.AddDevice(id, free, RandomTags(rng, req.arbiter), rng() % 12 != 0);
    }
  }
  c.snapshot = t.snapshot();
  return c;
}

Snapshot Shuffled(const Snapshot& s, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Snapshot out = s;
  std::shuffle(out.nodes.begin(), out.nodes.end(), rng);
  std::shuffle(out.devices.begin(), out.devices.end(), rng);
  return out;
}

std::string Describe(const Case& c) {
  std::string s = "request " + std::to_string(c.request.size_gib) + " GiB, set size " +
                  std::to_string(testing::SetSizeOf(c.request)) +
                  (c.request.arbiter ? " arbiter" : "") +
                  (c.request.strict_zones ? " strict" : "") + " rule '" + c.request.tag_match +
                  "' max bricks " + std::to_string(c.request.limits.max_bricks_per_volume) + "\n";
  auto tags = [](const model::Tags& t) {
    std::string out;
    for (const auto& [k, v] : t) out += " " + k + "=" + v;
    return out;
  };
  s += "  snapshot factor " + std::to_string(c.request.snapshot_factor) + "\n";
  for (const NodeView& n : c.snapshot.nodes) {
    s += "  node " + n.id + " zone " + std::to_string(n.zone) + (n.usable ? "" : " down") +
         tags(n.tags) + "\n";
  }
  for (const DeviceView& d : c.snapshot.devices) {
    s += "  device " + d.id + " free " + std::to_string(d.free_kib) + " extent " +
         std::to_string(d.extent_kib) + (d.usable ? "" : " down") + tags(d.tags) + "\n";
  }
  return s;
}

// --- the properties ---------------------------------------------------------

constexpr int kSmallCases = 12000;
constexpr int kMediumCases = 1500;

TEST(AllocatorPropertyTest, SmallTopologiesMatchTheBruteForceOracle) {
  int placed = 0, multi_set = 0, refused = 0;
  for (int i = 0; i < kSmallCases; ++i) {
    const Case c = SmallCase(1000 + i);
    const Request& req = c.request;
    const uint64_t seed = static_cast<uint64_t>(i) * 7919;
    SCOPED_TRACE("case " + std::to_string(i) + "\n" + Describe(c));

    std::vector<ODevice> eligible = EligibleDevices(c.snapshot, req);
    std::optional<OStep> first_fit;
    for (const OStep& step : OracleSteps(req)) {
      if (Oracle(eligible, req, step)
              .SetsFit(Oracle(eligible, req, step).InitialFree(), step.sets)) {
        first_fit = step;
        break;
      }
    }

    Result<Placement> p = Allocate(c.snapshot, req, seed);
    if (!first_fit) {
      ++refused;
      ASSERT_FALSE(p.ok()) << "placed what the oracle cannot";
      bool too_few_zones = req.strict_zones && !eligible.empty() &&
                           EligibleZones(eligible) < testing::SetSizeOf(req);
      EXPECT_EQ(p.status().code(), too_few_zones ? Code::kInvalidArgument : Code::kNoSpace)
          << p.status().ToString();
      EXPECT_EQ(p.status().message().rfind(too_few_zones ? "strict" : "No space", 0), 0u)
          << p.status().message();
      continue;
    }
    ++placed;
    ASSERT_TRUE(p.ok()) << "refused a request that fits: " << p.status().ToString();
    ASSERT_EQ(testing::Violations(c.snapshot, req, *p), std::vector<std::string>{});
    ASSERT_EQ(p->set_count, first_fit->sets);
    ASSERT_EQ(p->brick_size_kib, first_fit->brick_kib);
    if (p->set_count > 1) ++multi_set;

    // Each set is the preferred one among those that leave room for the rest.
    Oracle oracle(eligible, req, *first_fit);
    std::map<std::string, int> index;
    for (size_t d = 0; d < oracle.devices().size(); ++d) index[oracle.devices()[d].id] = d;
    std::vector<int64_t> free = oracle.InitialFree();
    const int64_t r = testing::SetSizeOf(req);
    for (int64_t s = 0; s < p->set_count; ++s) {
      std::vector<int> actual;
      for (int64_t q = 0; q < r; ++q) actual.push_back(index.at(p->bricks[s * r + q].device_id));
      std::vector<std::vector<int>> all = oracle.AllSets(free);
      std::sort(all.begin(), all.end(), [&](const auto& a, const auto& b) {
        return oracle.Objective(free, a) > oracle.Objective(free, b);
      });
      const int64_t after = p->set_count - 1 - s;
      auto best = std::find_if(all.begin(), all.end(), [&](const std::vector<int>& a) {
        return after == 0 || oracle.SetsFit(oracle.Minus(free, a), after);
      });
      ASSERT_NE(best, all.end());
      auto want = oracle.Objective(free, *best);
      auto got = oracle.Objective(free, actual);
      EXPECT_EQ(got.first, want.first) << "set " << s << " spans fewer zones than possible";
      EXPECT_EQ(got.second, want.second) << "set " << s << " is not the emptiest choice";
      free = oracle.Minus(free, actual);
    }

    // Determinism: again, and with shuffled vectors.
    Result<Placement> again = Allocate(Shuffled(c.snapshot, i), req, seed);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(testing::Fingerprint(*again), testing::Fingerprint(*p));
  }
  // The generator must exercise every outcome.
  RecordProperty("placed", placed);
  RecordProperty("refused", refused);
  RecordProperty("multi_set", multi_set);
  EXPECT_GT(placed, kSmallCases / 4);
  EXPECT_GT(refused, kSmallCases / 10);
  EXPECT_GT(multi_set, kSmallCases / 20);
}

TEST(AllocatorPropertyTest, LargerTopologiesStayValidAndSpread) {
  int placed = 0, multi_set = 0, strict_refusals = 0;
  for (int i = 0; i < kMediumCases; ++i) {
    const Case c = MediumCase(500000 + i);
    const Request& req = c.request;
    const uint64_t seed = static_cast<uint64_t>(i);
    SCOPED_TRACE("case " + std::to_string(i) + "\n" + Describe(c));
    std::vector<ODevice> eligible = EligibleDevices(c.snapshot, req);
    const int64_t r = testing::SetSizeOf(req);

    Result<Placement> p = Allocate(c.snapshot, req, seed);
    bool too_few_zones = req.strict_zones && !eligible.empty() && EligibleZones(eligible) < r;
    if (too_few_zones) {
      ++strict_refusals;
      EXPECT_EQ(p.status().code(), Code::kInvalidArgument);
      continue;
    }
    if (!p.ok()) {
      EXPECT_EQ(p.status().code(), Code::kNoSpace) << p.status().ToString();
      continue;
    }
    ++placed;
    ASSERT_EQ(testing::Violations(c.snapshot, req, *p), std::vector<std::string>{});
    if (p->set_count > 1) ++multi_set;

    if (p->set_count == 1 && !req.arbiter) {
      Oracle oracle(eligible, req, {1, p->brick_size_kib});
      std::set<int64_t> zones_with_room, used;
      std::vector<int64_t> free = oracle.InitialFree();
      for (size_t d = 0; d < eligible.size(); ++d) {
        if (oracle.Allowed(free, static_cast<int>(d), 0)) zones_with_room.insert(eligible[d].zone);
      }
      std::map<std::string, int64_t> zone_of;
      for (const NodeView& n : c.snapshot.nodes) zone_of[n.id] = n.zone;
      for (const PlacedBrick& b : p->bricks) used.insert(zone_of[b.node_id]);
      EXPECT_EQ(used.size(), std::min<size_t>(r, zones_with_room.size()));
    }

    if (i % 3 == 0) {
      Result<Placement> again = Allocate(Shuffled(c.snapshot, i), req, seed);
      ASSERT_TRUE(again.ok());
      EXPECT_EQ(testing::Fingerprint(*again), testing::Fingerprint(*p));
    }
  }
  RecordProperty("placed", placed);
  RecordProperty("multi_set", multi_set);
  RecordProperty("strict_refusals", strict_refusals);
  EXPECT_GT(placed, kMediumCases / 2);
  EXPECT_GT(multi_set, kMediumCases / 20);
  EXPECT_GT(strict_refusals, 0);
}

}  // namespace
}  // namespace brickyard::placement
