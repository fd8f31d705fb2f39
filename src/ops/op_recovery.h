// Recovery of interrupted operations (spec provisioning §5.6): for each
// operation type, the steps that bring the nodes and the store back into
// agreement after a crash or a failed rollback, using the operation's
// recorded changes and completed steps (ops/journal.h).
//
// Direction per type (the safe one):
//   create-volume  back: destroy the Gluster volume on any reachable node and
//                  the bricks, then drop volume, bricks and claimed space;
//   delete-volume  forward: stop and delete the volume, destroy the bricks,
//                  remove them and credit their space;
//   expand-volume  by new bricks: forward (finalise) when Gluster already
//                  has them (or the "volume-expanded" step is recorded), else
//                  back (destroy and drop the new bricks);
//                  in place: forward: grow every brick again to the recorded
//                  size (growing is idempotent, shrinking impossible), then
//                  finalise; the pre-growth sizes are read from the
//                  "brick-size-before" steps written at Build;
//   clone-volume   back: delete the clone volume on the nodes, then drop it
//                  from the store. Its bricks are never destroyed: until the
//                  clone finalises they carry the origin's paths. So the
//                  clone's snapshot LVs, and a temporary snapshot of a crash
//                  inside VolumeClone, stay on the nodes (as after a failed
//                  clone), for examine/reconcile to report;
//   evict-brick    read the Gluster volume: new brick in it -> forward
//                  (destroy the old brick, keep the new), old brick in it ->
//                  back (destroy the new brick, keep the old);
//   remove-device  recover each child operation, then drop the record: the
//                  device stays offline and a new removal resumes.
//   block volume   create back, delete forward, expand settled at the size
//                  gluster-block reports (ops/block_volume_ops.h).
// Unknown types answer NotImplemented.
//
// Every function is idempotent: what is already gone on a node or in the
// store counts as done, so a recovery interrupted by another crash is simply
// run again. On success the operation record is deleted; on error the store
// is unchanged by the failed step (each store change is one transaction
// that also deletes the record).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "model/operation.h"
#include "model/volume.h"
#include "ops/context.h"

namespace brickyard::ops {

// Name of the step volume_grow.cc records at Build for every brick, with
// target EncodeBrickSizeStep(...).
inline constexpr const char* kBrickSizeBeforeStep = "brick-size-before";

// "<brick id> <size KiB> <thin pool KiB> <pool metadata KiB>".
std::string EncodeBrickSizeStep(const model::Brick& b);

Status RecoverOp(Context& ctx, const model::PendingOp& op, const std::vector<model::OpStep>& steps);

// Per type (op_recovery_*.cc); RecoverOp dispatches on op.type.
Status RecoverCreateVolume(Context& ctx, const model::PendingOp& op);
Status RecoverDeleteVolume(Context& ctx, const model::PendingOp& op);
Status RecoverExpandVolume(Context& ctx, const model::PendingOp& op,
                           const std::vector<model::OpStep>& steps);
Status RecoverCloneVolume(Context& ctx, const model::PendingOp& op);
Status RecoverEvictBrick(Context& ctx, const model::PendingOp& op);
Status RecoverRemoveDevice(Context& ctx, const model::PendingOp& op);

}  // namespace brickyard::ops
