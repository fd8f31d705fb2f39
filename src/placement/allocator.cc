// Allocate: the halving loop over brick sizes, and for each size the
// placement of every set (spec provisioning §4.3, §4.7, §4.8).
//
// Sets are placed one after the other, each the preferred set (set_search.h)
// among those that leave room for the remaining sets:
//   * uniform sets (none, replicate, disperse): the room check is exact
//     (UniformSetsFit), so a size is refused only if no placement of all its
//     sets exists;
//   * arbiter sets: a necessary capacity check, then backtracking over the
//     alternatives of earlier sets within a SearchBudget; exhaustive on small
//     clusters, where a wrong early choice is most likely.
#include "placement/allocator.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "model/sizing.h"
#include "placement/brick_sizes.h"
#include "placement/candidates.h"
#include "placement/set_search.h"
#include "placement/tags.h"

namespace brickyard::placement {
namespace {

using model::DurabilityType;

struct Shape {
  int64_t set_size = 1;
  int64_t data_per_set = 1;  // divides the volume per set (disperse data)
  bool arbiter = false;
  bool strict = false;
};

Result<Shape> ShapeOf(const Request& request) {
  Shape shape;
  const model::Durability& d = request.durability;
  switch (d.type) {
    case DurabilityType::kNone:
      break;
    case DurabilityType::kReplicate:
      if (d.replica < 1) {
        return InvalidArgument("replica count must be at least 1, got " +
                               std::to_string(d.replica));
      }
      shape.set_size = d.replica;
      break;
    case DurabilityType::kDisperse:
      if (d.data < 1 || d.redundancy < 0) {
        return InvalidArgument("invalid disperse " + std::to_string(d.data) + "+" +
                               std::to_string(d.redundancy));
      }
      shape.set_size = d.data + d.redundancy;
      shape.data_per_set = d.data;
      break;
  }
  if (request.arbiter && !(d.type == DurabilityType::kReplicate && d.replica == 3)) {
    return InvalidArgument("arbiter volumes must be replica 3");
  }
  shape.arbiter = request.arbiter;
  shape.strict = request.strict_zones;
  if (request.size_gib < 1 ||
      request.size_gib > std::numeric_limits<int64_t>::max() / model::kGiB) {
    return InvalidArgument("invalid volume size " + std::to_string(request.size_gib) + " GiB");
  }
  if (!std::isfinite(request.snapshot_factor) || request.snapshot_factor < 1.0) {
    return InvalidArgument("snapshot factor must be at least 1");
  }
  const Limits& l = request.limits;
  if (l.brick_min_size_gb < 0 || l.brick_max_size_gb < 1 || l.max_bricks_per_volume < 1) {
    return InvalidArgument("invalid placement limits");
  }
  if (request.existing_bricks < 0 || request.first_set_index < 0) {
    return InvalidArgument("invalid expansion position");
  }
  return shape;
}

// Places `sets` uniform sets on `free_kib`; on success appends them to `out`.
bool PlaceUniformSets(const Candidates& c, const std::vector<int64_t>& need, int64_t set_size,
                      int64_t sets, bool strict, std::vector<int64_t>* free_kib,
                      std::vector<SetChoice>* out, SearchBudget* budget) {
  NodeSummary summary;
  Summarize(c, *free_kib, need, &summary);
  budget->Spend(static_cast<int64_t>(c.devices.size()));
  if (sets > 1 && !UniformSetsFit(c, summary, set_size, sets, strict)) return false;
  for (int64_t s = 0; s < sets; ++s) {
    std::optional<SetChoice> choice =
        ChooseUniformSet(c, summary, set_size, sets - 1 - s, strict, budget);
    if (!choice) return false;  // not reached: UniformSetsFit is exact
    for (int d : choice->devices) (*free_kib)[d] -= need[d];
    for (int d : choice->devices) SummarizeNode(c, *free_kib, need, c.devices[d].node, &summary);
    out->push_back(std::move(*choice));
  }
  return true;
}

class ArbiterSetPlacer {
 public:
  ArbiterSetPlacer(const Candidates& c, const BrickNeeds& needs, bool strict, SearchBudget* budget)
      : c_(c), needs_(needs), strict_(strict), budget_(budget) {}

  // Places sets [set, sets) on `free_kib`, appending them to `out`; both are
  // restored when it fails.
  bool Place(int64_t set, int64_t sets, std::vector<int64_t>* free_kib,
             std::vector<SetChoice>* out) {
    if (set == sets) return true;
    NodeSummary data, arbiter;
    Summarize(c_, *free_kib, needs_.data, &data);
    Summarize(c_, *free_kib, needs_.arbiter, &arbiter);
    if (!budget_->Spend(2 * static_cast<int64_t>(c_.devices.size()))) return false;
    if (!ArbiterSetsMayFit(c_, data, arbiter, sets - set, strict_)) return false;
    std::optional<SetChoice> best = ChooseArbiterSet(c_, data, arbiter, strict_);
    if (!best) return false;
    if (Try(*best, set, sets, free_kib, out)) return true;
    if (set + 1 == sets) return false;  // the best single set always fits
    for (const SetChoice& alt : ArbiterSetAlternatives(c_, *free_kib, needs_, strict_, budget_)) {
      if (budget_->exhausted()) return false;
      if (alt.devices == best->devices) continue;
      if (Try(alt, set, sets, free_kib, out)) return true;
    }
    return false;
  }

 private:
  int64_t Need(const SetChoice& s, size_t position) const {
    int d = s.devices[position];
    return position == 2 ? needs_.arbiter[d] : needs_.data[d];
  }

  bool Try(const SetChoice& choice, int64_t set, int64_t sets, std::vector<int64_t>* free_kib,
           std::vector<SetChoice>* out) {
    for (size_t p = 0; p < choice.devices.size(); ++p) {
      (*free_kib)[choice.devices[p]] -= Need(choice, p);
    }
    out->push_back(choice);
    if (Place(set + 1, sets, free_kib, out)) return true;
    out->pop_back();
    for (size_t p = 0; p < choice.devices.size(); ++p) {
      (*free_kib)[choice.devices[p]] += Need(choice, p);
    }
    return false;
  }

  const Candidates& c_;
  const BrickNeeds& needs_;
  bool strict_;
  SearchBudget* budget_;
};

Placement BuildPlacement(const Candidates& c, const std::vector<SetChoice>& sets,
                         const Request& request, const Shape& shape, int64_t brick_kib,
                         int64_t arbiter_kib) {
  Placement p;
  p.brick_size_kib = brick_kib;
  p.set_count = static_cast<int64_t>(sets.size());
  for (size_t s = 0; s < sets.size(); ++s) {
    for (size_t pos = 0; pos < sets[s].devices.size(); ++pos) {
      const EligibleDevice& dev = c.devices[sets[s].devices[pos]];
      PlacedBrick b;
      b.device_id = dev.view->id;
      b.node_id = dev.view->node_id;
      b.role = shape.arbiter && pos == 2 ? model::BrickRole::kArbiter : model::BrickRole::kData;
      b.size_kib = b.role == model::BrickRole::kArbiter ? arbiter_kib : brick_kib;
      model::BrickSpace space =
          model::ComputeBrickSpace(b.size_kib, request.snapshot_factor, dev.extent_kib);
      b.tp_size_kib = space.tp_kib;
      b.pool_meta_kib = space.meta_kib;
      b.set_index = request.first_set_index + static_cast<int64_t>(s);
      b.set_position = static_cast<int64_t>(pos);
      p.bricks.push_back(std::move(b));
    }
  }
  return p;
}

std::string Plural(int64_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// "8 sets of 3 bricks of 12.5 GiB on distinct nodes" and the like.
std::string DescribeRequest(const Shape& shape, const BrickSizeStep& step, int64_t arbiter_kib,
                            const std::optional<TagRule>& rule) {
  std::string bricks;
  if (shape.arbiter) {
    bricks = "2 data bricks of " + FormatKib(step.brick_kib) + " and 1 arbiter brick of " +
             FormatKib(arbiter_kib);
  } else {
    bricks = Plural(shape.set_size, "brick") + " of " + FormatKib(step.brick_kib);
  }
  std::string s = step.sets == 1 ? bricks : std::to_string(step.sets) + " sets of " + bricks;
  if (shape.set_size > 1) {
    s += step.sets == 1 ? " on distinct nodes" : ", each set on distinct nodes";
    if (shape.strict) s += " in distinct zones";
  }
  if (rule) s += ", on devices matching '" + rule->ToString() + "'";
  return s;
}

// What the cluster offers for one size, measured on the snapshot's free space.
std::string DescribeShortfall(const Candidates& c, const std::vector<int64_t>& free_kib,
                              const BrickNeeds& needs, const Shape& shape) {
  NodeSummary data;
  Summarize(c, free_kib, needs.data, &data);
  int64_t nodes = 0, bricks = 0;
  std::vector<char> zone_seen(c.zone_ids.size(), 0);
  int64_t zones = 0;
  for (size_t n = 0; n < c.nodes.size(); ++n) {
    if (data.best[n] < 0) continue;
    ++nodes;
    bricks += data.cap[n];
    if (!zone_seen[c.nodes[n].zone]) {
      zone_seen[c.nodes[n].zone] = 1;
      ++zones;
    }
  }
  int largest = 0;
  for (size_t d = 1; d < c.devices.size(); ++d) {
    if (free_kib[d] > free_kib[largest] ||
        (free_kib[d] == free_kib[largest] && c.Hash(static_cast<int>(d)) < c.Hash(largest))) {
      largest = static_cast<int>(d);
    }
  }
  std::string what = shape.arbiter ? "a data brick" : "one";
  std::string s;
  if (nodes == 0) {
    s = "no device has room for " + what;
  } else {
    s = Plural(nodes, "node") + (shape.strict ? " in " + Plural(zones, "zone") : "") +
        (nodes == 1 ? " has" : " have") + " room for " + what + " (" + std::to_string(bricks) +
        " in all)";
  }
  if (shape.arbiter) {
    NodeSummary arb;
    Summarize(c, free_kib, needs.arbiter, &arb);
    int64_t arb_nodes =
        std::count_if(arb.best.begin(), arb.best.end(), [](int b) { return b >= 0; });
    s += ", " + Plural(arb_nodes, "node") + " for an arbiter brick";
  }
  s += "; largest free device has " + FormatKib(free_kib[largest]);
  if (needs.data[largest] > 0) {
    s += " (a data brick takes " + FormatKib(needs.data[largest]) + " with its thin pool)";
  }
  return s;
}

std::string NoDevicesMessage(const Candidates& c, const std::optional<TagRule>& rule) {
  std::string s = "No space: no usable device: " + std::to_string(c.usable_devices) + " of " +
                  Plural(c.snapshot_devices, "device") + " are online on online nodes";
  if (rule) s += ", none of them matching '" + rule->ToString() + "'";
  return s;
}

}  // namespace

Result<Placement> Allocate(const Snapshot& snapshot, const Request& request, uint64_t seed) {
  BY_ASSIGN_OR_RETURN(Shape shape, ShapeOf(request));
  BY_ASSIGN_OR_RETURN(std::optional<TagRule> rule, ParseTagRule(request.tag_match));
  CandidateFilter filter;
  filter.tag_rule = rule ? &*rule : nullptr;
  filter.arbiter_classes = shape.arbiter;
  BY_ASSIGN_OR_RETURN(Candidates c, BuildCandidates(snapshot, filter, seed));
  if (c.devices.empty()) return NoSpace(NoDevicesMessage(c, rule));
  const int64_t zones = static_cast<int64_t>(c.zone_ids.size());
  if (shape.strict && zones < shape.set_size) {
    return InvalidArgument("strict zone checking needs " + Plural(shape.set_size, "zone") +
                           " for a set of " + std::to_string(shape.set_size) +
                           " bricks, but usable devices are in only " + Plural(zones, "zone"));
  }

  const int64_t volume_kib = request.size_gib * model::kGiB;
  BrickSizePlan plan = PlanBrickSizes(volume_kib, shape.data_per_set, shape.set_size,
                                      request.existing_bricks, request.limits);
  std::vector<int64_t> initial_free(c.devices.size());
  for (size_t d = 0; d < c.devices.size(); ++d) initial_free[d] = c.devices[d].free_kib;

  std::string shortfall;
  for (const BrickSizeStep& step : plan.steps) {
    int64_t arbiter_kib = 0;
    if (shape.arbiter) {
      BY_ASSIGN_OR_RETURN(arbiter_kib,
                          ArbiterBrickKib(step.brick_kib, request.average_file_size_kb));
    }
    BrickNeeds needs = ComputeNeeds(c, step.brick_kib, arbiter_kib, request.snapshot_factor);
    std::vector<int64_t> free_kib = initial_free;
    std::vector<SetChoice> sets;
    SearchBudget budget;
    bool placed = shape.arbiter ? ArbiterSetPlacer(c, needs, shape.strict, &budget)
                                      .Place(0, step.sets, &free_kib, &sets)
                                : PlaceUniformSets(c, needs.data, shape.set_size, step.sets,
                                                   shape.strict, &free_kib, &sets, &budget);
    if (placed) return BuildPlacement(c, sets, request, shape, step.brick_kib, arbiter_kib);
    shortfall = "No space: needed " + DescribeRequest(shape, step, arbiter_kib, rule) + "; " +
                DescribeShortfall(c, initial_free, needs, shape);
  }

  const Limits& limits = request.limits;
  if (shortfall.empty()) {
    if (plan.stop == SizeStop::kMaxBricks) {
      return NoSpace("No space: Maximum number of bricks reached: " +
                     (request.existing_bricks > 0
                          ? std::to_string(request.existing_bricks) + " existing and "
                          : std::string()) +
                     std::to_string(plan.stop_step.sets * shape.set_size) +
                     " new bricks exceed the limit of " +
                     std::to_string(limits.max_bricks_per_volume) + " bricks per volume");
    }
    return NoSpace("No space: Minimum brick size limit reached: bricks of " +
                   FormatKib(plan.stop_step.brick_kib) + " would be under the minimum of " +
                   std::to_string(limits.brick_min_size_gb) + " GiB");
  }
  if (plan.stop == SizeStop::kMaxBricks) {
    return NoSpace(shortfall + "; smaller bricks would exceed the limit of " +
                   std::to_string(limits.max_bricks_per_volume) + " bricks per volume");
  }
  return NoSpace(shortfall + "; smaller bricks would be under the minimum brick size of " +
                 std::to_string(limits.brick_min_size_gb) + " GiB");
}

}  // namespace brickyard::placement
