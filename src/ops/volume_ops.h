// Volume operations: create, delete, expand, clone (spec provisioning §5.3).
//
// Each Prepare* runs the synchronous Build phase: it validates against the
// store, places bricks, claims their space and records the pending operation
// in ONE store transaction, then returns the job that touches the nodes.
// Errors returned by Prepare* are final answers to the request:
//   NotFound      unknown or still-pending volume ("Id not found")
//   Conflict      protected or in-use volume (409)
//   NoSpace       placement failed ("Failed to allocate new volume: ...")
//   InvalidArgument request impossible for this topology
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "model/volume.h"
#include "ops/context.h"
#include "ops/prepared.h"

namespace brickyard::ops {

struct VolumeCreateSpec {
  int64_t size_gib = 0;
  std::string name;                   // "" = vol_<id>
  std::vector<std::string> clusters;  // ids or names; empty = all clusters
  model::Durability durability;       // effective
  int64_t gid = 0;
  std::vector<std::string> options;   // request's glustervolumeoptions
  bool block = false;
  bool snapshot_enable = false;
  double snapshot_factor = 1.0;
};

// How an expansion adds capacity.
enum class ExpandMethod {
  kAddBricks,   // new brick sets (Heketi's behaviour)
  kGrowBricks,  // every existing brick grows in place (lvextend + xfs_growfs)
  kAuto,        // grow in place when every device has room, else add sets
};

class VolumeOps {
 public:
  explicit VolumeOps(Context& ctx) : ctx_(ctx) {}

  Result<PreparedOp> PrepareCreate(const VolumeCreateSpec& spec);
  Result<PreparedOp> PrepareDelete(const std::string& volume_id);
  Result<PreparedOp> PrepareExpand(const std::string& volume_id, int64_t expand_gib,
                                   ExpandMethod method = ExpandMethod::kAddBricks);
  Result<PreparedOp> PrepareClone(const std::string& volume_id, const std::string& clone_name);
  // Locks ("locked") or unlocks ("") a block-hosting volume for new block
  // volumes. InvalidArgument for a volume that is not block-hosting.
  Result<PreparedOp> PrepareBlockRestriction(const std::string& volume_id,
                                             const std::string& restriction);

 private:
  Result<PreparedOp> PrepareAddBricks(const std::string& volume_id, int64_t expand_gib);
  // NoSpace when some device lacks room to grow its bricks.
  Result<PreparedOp> PrepareGrowBricks(const std::string& volume_id, int64_t expand_gib);

  Context& ctx_;
};

// The option list stored for a new volume (spec provisioning §4.11):
// pre-request options, block-hosting options (block volumes only), the
// request's options, post-request options. Unset settings contribute one ""
// entry as Heketi stores them.
std::vector<std::string> AssembleVolumeOptions(const config::GlusterfsConfig& cfg,
                                               const std::vector<std::string>& request,
                                               bool block);

// Looks up a "key value" option by key in an option list; later entries win.
std::string FindOption(const std::vector<std::string>& options, const std::string& key);

}  // namespace brickyard::ops
