// Request bodies of the volume and block-volume endpoints
// (spec heketi-api §6.5–§6.6). See api/requests.h for the Decode/Validate
// contract shared by every request type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "model/volume.h"

namespace brickyard::api {

inline constexpr int64_t kMaxGid = 2147483647;  // gid must be below 2^31 - 1
inline constexpr double kMaxSnapshotFactor = 100;
inline constexpr int64_t kMaxReplica = 3;

// POST /volumes. JSON:
//   {"size","name","clusters","durability":{"type","replicate":{"replica"},
//    "disperse":{"data","redundancy"}},"gid","glustervolumeoptions","block",
//    "snapshot":{"enable","factor"}}
// `clusters` entries are ids or cluster names, resolved by the handler.
//
// Validate() checks, in this order, returning the first failure:
//   1. `validation failed: …` for size (cannot be blank / must be no less
//      than 1) and name (^[a-zA-Z0-9_-]+$; empty = vol_<id>);
//   2. gid < 0: "Bad group id less than zero"; gid >= 2147483647:
//      "Bad group id equal or greater than 2**32";
//   3. durability.type not "", none, replicate, disperse:
//      "Unknown durability type";
//   4. snapshot enabled with factor outside [1, 100]: "Invalid snapshot factor";
//   5. replicate with replica > 3 or < 0: "Invalid replica value";
//   6. disperse pair other than 2+1, 4+2, 8+3, 8+4:
//      "Invalid dispersion combination: D+R";
//   7. `validation failed: glustervolumeoptions: option "x" must be
//      "<key> <value>".` for the first malformed non-empty option.
// All are InvalidArgument. Checks needing the store (clusters exist, name
// unique, minimum size for the durability) belong to the handler.
struct VolumeCreateRequest {
  struct Durability {
    std::string type;
    int64_t replica = 0;     // durability.replicate.replica
    int64_t data = 0;        // durability.disperse.data
    int64_t redundancy = 0;  // durability.disperse.redundancy
  };
  struct Snapshot {
    bool enable = false;
    double factor = 0;
  };

  int64_t size = 0;  // GiB
  std::string name;
  std::vector<std::string> clusters;
  Durability durability;
  int64_t gid = 0;
  std::vector<std::string> glustervolumeoptions;
  bool block = false;
  Snapshot snapshot;

  static Result<VolumeCreateRequest> Decode(std::string_view body);
  Status Validate() const;

  // The durability the volume is built with and stored as (DECISIONS #4):
  // replicate without replica -> 2; disperse defaults 4+2; "" -> none.
  model::Durability EffectiveDurability() const;
  // The snapshot factor stored: `snapshot.factor` when enabled, else 1.
  double EffectiveSnapshotFactor() const;
};

// POST /volumes/{id}/expand {"expand_size"}: required, >= 1 (GiB to add).
struct VolumeExpandRequest {
  int64_t expand_size = 0;
  // Brickyard extension: "add-bricks" (Heketi's behaviour, the default when
  // absent), "grow-bricks" (grow every existing brick in place) or "auto"
  // (grow in place when every device has room, else add bricks).
  std::string method;

  static Result<VolumeExpandRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /volumes/{id}/clone {"name"}: optional name (volume-name pattern);
// a blank body is accepted.
struct VolumeCloneRequest {
  std::string name;

  static Result<VolumeCloneRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /volumes/{id}/block-restriction {"restriction"}: "" (unlock) or
// "locked"; anything else is `restriction: must be a valid value.`
struct BlockRestrictionRequest {
  std::string restriction;

  static Result<BlockRestrictionRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /blockvolumes {"size","name","clusters","hacount","auth"}. size:
// required, >= 1; name: volume-name pattern; hacount: 0 (all hosts) or >= 1.
struct BlockVolumeCreateRequest {
  int64_t size = 0;  // GiB
  std::string name;
  std::vector<std::string> clusters;
  int64_t hacount = 0;
  bool auth = false;

  static Result<BlockVolumeCreateRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /blockvolumes/{id}/expand {"new_size"}: required, >= 1 (new total GiB).
struct BlockVolumeExpandRequest {
  int64_t new_size = 0;

  static Result<BlockVolumeExpandRequest> Decode(std::string_view body);
  Status Validate() const;
};

}  // namespace brickyard::api
