// Volumes and bricks. Sizes: volume GiB, brick KiB (spec heketi-api §1).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace brickyard::model {

enum class DurabilityType { kNone, kReplicate, kDisperse };

std::string_view DurabilityName(DurabilityType t);

struct Durability {
  DurabilityType type = DurabilityType::kNone;
  int64_t replica = 0;     // effective replica count for kReplicate
  int64_t data = 0;        // disperse data bricks
  int64_t redundancy = 0;  // disperse redundancy bricks
  // The bricks in one replica/disperse set.
  int64_t SetSize() const;
};

enum class BrickRole { kData = 1, kArbiter = 2 };

struct Brick {
  std::string id;
  std::string volume_id;
  std::string device_id;
  std::string node_id;
  std::string path;
  int64_t size_kib = 0;        // virtual size of the thin LV
  int64_t tp_size_kib = 0;     // thin pool size
  int64_t pool_meta_kib = 0;   // thin pool metadata size
  BrickRole role = BrickRole::kData;
  int64_t set_index = 0;       // which replica/disperse set
  int64_t set_position = 0;    // position within the set (arbiter is 2)
  std::string pending_op;      // id of the operation that owns it, "" when settled

  // Space this brick takes from its device.
  int64_t AccountedKib() const { return tp_size_kib + pool_meta_kib; }
};

struct BlockInfo {
  int64_t free_size = 0;
  int64_t reserved_size = 0;
  std::string restriction;  // "", "locked", "locked-by-update"
};

struct Volume {
  std::string id;
  std::string cluster_id;
  std::string name;
  int64_t size_gib = 0;
  Durability durability;
  int64_t gid = 0;
  std::vector<std::string> options;  // stored option list, may contain ""
  bool block = false;
  bool snapshot_enable = false;
  double snapshot_factor = 1.0;
  BlockInfo block_info;
  std::string pending_op;  // id of the operation that owns it, "" when settled
};

}  // namespace brickyard::model
