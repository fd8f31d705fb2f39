// Replace: a new home for one brick of an existing set (spec provisioning
// §4.7 "Replace", §4.8).
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "model/sizing.h"
#include "placement/allocator.h"
#include "placement/brick_sizes.h"
#include "placement/candidates.h"
#include "placement/set_search.h"
#include "placement/tags.h"

namespace brickyard::placement {

Result<PlacedBrick> Replace(const Snapshot& snapshot, const Request& request,
                            const PlacedBrick& old_brick, const std::vector<std::string>& set_nodes,
                            const std::vector<int64_t>& set_zones, uint64_t seed) {
  if (old_brick.size_kib <= 0) {
    return InvalidArgument("brick to replace has no size");
  }
  if (!std::isfinite(request.snapshot_factor) || request.snapshot_factor < 1.0) {
    return InvalidArgument("snapshot factor must be at least 1");
  }
  BY_ASSIGN_OR_RETURN(std::optional<TagRule> rule, ParseTagRule(request.tag_match));
  const bool arbiter_role = old_brick.role == model::BrickRole::kArbiter;
  CandidateFilter filter;
  filter.tag_rule = rule ? &*rule : nullptr;
  filter.arbiter_classes = request.arbiter || arbiter_role;
  filter.exclude_device = old_brick.device_id;
  BY_ASSIGN_OR_RETURN(Candidates c, BuildCandidates(snapshot, filter, seed));

  std::unordered_set<std::string_view> excluded_nodes(set_nodes.begin(), set_nodes.end());
  auto in_set_zone = [&](int64_t zone) {
    return std::find(set_zones.begin(), set_zones.end(), zone) != set_zones.end();
  };

  // Preferred: a zone the set does not use yet, then PrefersDevice.
  int best = -1;
  bool best_new_zone = false;
  int64_t best_value = 0;
  bool any_outside_set_zones = false;
  int64_t largest_free = 0;
  for (size_t n = 0; n < c.nodes.size(); ++n) {
    const EligibleNode& node = c.nodes[n];
    if (excluded_nodes.count(node.view->id) > 0) continue;
    const bool new_zone = !in_set_zone(node.view->zone);
    for (int d = node.first; d < node.last; ++d) {
      const EligibleDevice& dev = c.devices[d];
      if (arbiter_role ? !dev.holds_arbiter : !dev.holds_data) continue;
      any_outside_set_zones = any_outside_set_zones || new_zone;
      largest_free = std::max(largest_free, dev.free_kib);
      if (request.strict_zones && !new_zone) continue;
      int64_t need =
          model::ComputeBrickSpace(old_brick.size_kib, request.snapshot_factor, dev.extent_kib)
              .total();
      if (!Fits(dev.free_kib, need)) continue;
      int64_t value = dev.free_kib - need;
      bool better =
          best < 0 ||
          (new_zone != best_new_zone ? new_zone : PrefersDevice(c, value, d, best_value, best));
      if (better) {
        best = d;
        best_new_zone = new_zone;
        best_value = value;
      }
    }
  }

  if (best < 0) {
    if (request.strict_zones && !any_outside_set_zones) {
      return InvalidArgument(
          "strict zone checking: no usable device outside the zones of the set's other bricks");
    }
    std::string what = std::string(arbiter_role ? "an arbiter" : "a") + " brick of " +
                       FormatKib(old_brick.size_kib);
    return NoSpace("No space: no device can take " + what + " on a node outside the set" +
                   (request.strict_zones ? " in another zone" : "") +
                   (rule ? ", on devices matching '" + rule->ToString() + "'" : "") +
                   "; largest free device there has " + FormatKib(largest_free));
  }

  const EligibleDevice& dev = c.devices[best];
  PlacedBrick out;
  out.device_id = dev.view->id;
  out.node_id = dev.view->node_id;
  out.size_kib = old_brick.size_kib;
  model::BrickSpace space =
      model::ComputeBrickSpace(out.size_kib, request.snapshot_factor, dev.extent_kib);
  out.tp_size_kib = space.tp_kib;
  out.pool_meta_kib = space.meta_kib;
  out.role = old_brick.role;
  out.set_index = old_brick.set_index;
  out.set_position = old_brick.set_position;
  return out;
}

}  // namespace brickyard::placement
