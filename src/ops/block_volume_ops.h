// Block volume operations: create, delete, expand (spec provisioning §6).
//
// As for VolumeOps, each Prepare* runs the synchronous Build phase in one
// store transaction (validation, choice of the block-hosting volume, space
// taken from it, pending operation recorded) and returns the job that runs
// gluster-block on a node. Errors returned by Prepare* are final answers:
//   NotFound        unknown block volume or cluster ("Id not found")
//   Conflict        block volume or its hosting volume busy with another operation
//   NoSpace         no block-hosting volume can take it ("Failed to allocate new
//                   block volume: ...")
//   Busy            a block-hosting volume is being created (429; retry)
//   InvalidArgument impossible request (e.g. a smaller expand size)
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "model/operation.h"
#include "ops/context.h"
#include "ops/prepared.h"
#include "ops/volume_ops.h"

namespace brickyard::ops {

struct BlockVolumeCreateSpec {
  int64_t size_gib = 0;
  std::string name;                   // "" = blockvol_<id>
  std::vector<std::string> clusters;  // ids or names; empty = all clusters
  int64_t ha_count = 0;               // 0 = every host of the hosting volume
  bool auth = false;
};

class BlockVolumeOps {
 public:
  // `volumes` creates block-hosting volumes when auto-creation is on.
  BlockVolumeOps(Context& ctx, VolumeOps& volumes) : ctx_(ctx), volumes_(volumes) {}

  Result<PreparedOp> PrepareCreate(const BlockVolumeCreateSpec& spec);
  Result<PreparedOp> PrepareDelete(const std::string& id);
  Result<PreparedOp> PrepareExpand(const std::string& id, int64_t new_size_gib);

 private:
  Context& ctx_;
  VolumeOps& volumes_;
};

// Recovery of an interrupted block volume operation (spec provisioning §5.6),
// for the operation cleaner: a create is undone (gluster-block delete, space
// given back), a delete is finished, an expand is settled at the size
// gluster-block reports. Each ends by deleting the operation; what is
// already gone counts as done, so a recovery may be repeated.
Status RecoverCreateBlockVolume(Context& ctx, const model::PendingOp& op);
Status RecoverDeleteBlockVolume(Context& ctx, const model::PendingOp& op);
Status RecoverExpandBlockVolume(Context& ctx, const model::PendingOp& op);

}  // namespace brickyard::ops
