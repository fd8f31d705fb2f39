// Placement: a pure function from a topology snapshot and a request to a set
// of brick positions (spec provisioning §4). It reads nothing and writes
// nothing; the caller applies the returned accounting inside the same store
// transaction that records the pending operation, so two concurrent
// operations can never claim the same free space.
//
// Deterministic: the same snapshot, request and seed give the same result.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "model/topology.h"
#include "model/volume.h"

namespace brickyard::placement {

// A node as placement sees it.
struct NodeView {
  std::string id;
  int64_t zone = 1;
  model::Tags tags;
  bool usable = true;  // online, and not known to be down by the health monitor
};

// A device as placement sees it (free space already net of pending claims).
struct DeviceView {
  std::string id;
  std::string node_id;
  model::Tags tags;
  bool usable = true;  // online
  int64_t free_kib = 0;
  int64_t extent_kib = 4096;
};

struct Snapshot {
  std::vector<NodeView> nodes;
  std::vector<DeviceView> devices;
};

struct Limits {
  int64_t brick_min_size_gb = 1;
  int64_t brick_max_size_gb = 4096;
  int64_t max_bricks_per_volume = 32;
};

struct Request {
  int64_t size_gib = 0;
  model::Durability durability;   // effective (replica filled in)
  double snapshot_factor = 1.0;
  bool arbiter = false;           // user.heketi.arbiter true (replica 3)
  int64_t average_file_size_kb = 64;
  bool strict_zones = false;      // zone_checking strict
  std::string tag_match;          // user.heketi.device-tag-match rule, "" = none
  int64_t existing_bricks = 0;    // for expansion: bricks already in the volume
  int64_t first_set_index = 0;    // for expansion: index of the first new set
  Limits limits;
};

struct PlacedBrick {
  std::string device_id;
  std::string node_id;
  int64_t size_kib = 0;
  int64_t tp_size_kib = 0;
  int64_t pool_meta_kib = 0;
  model::BrickRole role = model::BrickRole::kData;
  int64_t set_index = 0;
  int64_t set_position = 0;
};

struct Placement {
  std::vector<PlacedBrick> bricks;  // in set order
  int64_t brick_size_kib = 0;       // data brick size chosen
  int64_t set_count = 0;
};

// Places a new volume (or the new sets of an expansion).
// Errors: NoSpace("No space") when nothing fits within the limits, with the
// precise reason in the message; InvalidArgument for an impossible request
// (e.g. bad tag-match rule, fewer zones than the set size in strict mode).
//
// Brick sizes are tried largest first (1, 2, 4, ... sets). For each size,
// if any placement of all its sets exists the size is used: exactly so for
// none/replicate/disperse; for arbiter volumes up to a fixed search budget
// that small clusters never reach. Within a size, each set (in order) is the
// preferred one among those that leave room for the remaining sets: the most
// distinct zones, then the most free space left on its devices compared from
// the worst brick up, then the seeded tie-break. Arbiter device classes (tag
// `arbiter`) apply to arbiter volumes only, as in Heketi. The result does not
// depend on the order of the snapshot's vectors.
// Also InvalidArgument: arbiter without replica 3, an average file size above
// the data brick size, a non-positive size or replica, a snapshot factor
// under 1. Internal: a node id repeated in the snapshot. Device ids must be
// unique.
Result<Placement> Allocate(const Snapshot& snapshot, const Request& request, uint64_t seed);

// Finds a replacement for one brick of an existing set: `set_nodes` are the
// nodes of the other bricks of the set (excluded), `old_device_id` is never
// chosen. Same filters as Allocate.
//
// The new brick has old_brick's size, role, set index and position; an
// arbiter brick goes only to a device that may hold arbiter bricks. A zone
// outside `set_zones` is preferred, and required with strict zones
// (InvalidArgument when no usable device lies outside them). Among the rest
// the device with the most free space left wins. NoSpace when nothing fits.
Result<PlacedBrick> Replace(const Snapshot& snapshot, const Request& request,
                            const PlacedBrick& old_brick,
                            const std::vector<std::string>& set_nodes,
                            const std::vector<int64_t>& set_zones, uint64_t seed);

}  // namespace brickyard::placement
