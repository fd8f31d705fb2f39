// The storage topology: clusters, nodes and devices. Plain values; membership
// lists (a cluster's nodes, a node's devices) are answered by the store, not
// kept here, so there is one source of truth for every link.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/states.h"

namespace brickyard::model {

using Tags = std::map<std::string, std::string>;

struct Cluster {
  std::string id;
  std::string name;  // optional, unique when set (Brickyard extension)
  bool file = true;
  bool block = true;
};

struct Node {
  std::string id;
  std::string cluster_id;
  int64_t zone = 1;
  std::vector<std::string> manage_hostnames;
  std::vector<std::string> storage_hostnames;
  Tags tags;
  State state = State::kOnline;

  const std::string& manage() const { return manage_hostnames.front(); }
  const std::string& storage() const { return storage_hostnames.front(); }
};

// Device sizes are KiB. Invariant: total_kib == free_kib + used_kib, and
// used_kib equals the sum of the accounted size of the device's bricks.
struct Device {
  std::string id;
  std::string node_id;
  std::string name;
  Tags tags;
  State state = State::kOnline;
  int64_t total_kib = 0;
  int64_t free_kib = 0;
  int64_t used_kib = 0;
  int64_t extent_kib = 4096;
  std::string pv_uuid;
  std::vector<std::string> paths;
};

}  // namespace brickyard::model
