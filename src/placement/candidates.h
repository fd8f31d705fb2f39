// The eligible part of a topology snapshot, indexed for the set search:
// usable devices on usable nodes that pass the request's filters, grouped by
// node, with dense zone indexes and a seeded tie-break hash per device.
//
// Indexes follow the snapshot's vector order, so they are only ever used for
// identity; every choice is made with DeviceOrder, a total order that does not
// depend on that order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "placement/allocator.h"
#include "placement/tags.h"

namespace brickyard::placement {

// A 64-bit hash of `s` mixed with `seed`; stable across platforms and runs.
uint64_t SeededHash(std::string_view s, uint64_t seed);

struct EligibleDevice {
  const DeviceView* view = nullptr;
  int64_t free_kib = 0;       // copied from the view
  int64_t extent_kib = 0;     // copied from the view
  int node = 0;               // index into Candidates::nodes
  bool holds_data = true;     // arbiter class allows data bricks
  bool holds_arbiter = true;  // arbiter class allows arbiter bricks
};

struct EligibleNode {
  const NodeView* view = nullptr;
  int zone = 0;   // index into Candidates::zone_ids
  int first = 0;  // its devices are devices[first, last)
  int last = 0;
};

struct CandidateFilter {
  const TagRule* tag_rule = nullptr;               // null: no rule
  bool arbiter_classes = false;                    // apply the `arbiter` device classes
  std::optional<std::string_view> exclude_device;  // never eligible
};

class Candidates {
 public:
  std::vector<EligibleNode> nodes;      // only nodes with an eligible device
  std::vector<EligibleDevice> devices;  // grouped by node
  std::vector<int64_t> zone_ids;        // dense zone index -> zone number

  // What the filters removed, for error messages.
  int64_t snapshot_devices = 0;  // devices in the snapshot
  int64_t usable_devices = 0;    // online devices on online nodes

  // SeededHash of device `d`'s id, computed on first use: only ties in free
  // space need it, and hashing every id of a large cluster up front would
  // cost more than the rest of a placement. Not thread-safe (the index
  // belongs to one call).
  uint64_t Hash(int d) const {
    if (hashed_.empty()) {
      hashed_.assign(devices.size(), 0);
      hashes_.assign(devices.size(), 0);
    }
    if (!hashed_[d]) {
      hashes_[d] = SeededHash(devices[d].view->id, seed_);
      hashed_[d] = 1;
    }
    return hashes_[d];
  }

 private:
  friend Result<Candidates> BuildCandidates(const Snapshot&, const CandidateFilter&, uint64_t);
  uint64_t seed_ = 0;
  mutable std::vector<uint64_t> hashes_;
  mutable std::vector<char> hashed_;
};

// Builds the index. Precondition: node ids and device ids are unique (the
// store guarantees it); a repeated node id is reported as Internal. Devices
// whose node is missing from the snapshot are not eligible.
Result<Candidates> BuildCandidates(const Snapshot& snapshot, const CandidateFilter& filter,
                                   uint64_t seed);

// The order in which devices are preferred for a brick: more free space left
// after placement first (`value` = free minus the brick's accounted space),
// then the seeded hash, then the id. True if (va, a) comes strictly before
// (vb, b).
inline bool PrefersDevice(const Candidates& c, int64_t va, int a, int64_t vb, int b) {
  if (va != vb) return va > vb;
  if (a == b) return false;
  uint64_t ha = c.Hash(a), hb = c.Hash(b);
  if (ha != hb) return ha < hb;
  return c.devices[a].view->id < c.devices[b].view->id;
}

}  // namespace brickyard::placement
