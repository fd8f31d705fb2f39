// Dispatch, and the recovery of volume create (back) and delete (forward).
#include "ops/op_recovery.h"

#include "ops/block_volume_ops.h"
#include "ops/op_recovery_util.h"

namespace brickyard::ops {

using recovery::ChangeIds;
using recovery::FindVolume;
using recovery::FirstChange;
using recovery::LoadExistingBricks;

std::string EncodeBrickSizeStep(const model::Brick& b) {
  return b.id + " " + std::to_string(b.size_kib) + " " + std::to_string(b.tp_size_kib) + " " +
         std::to_string(b.pool_meta_kib);
}

Status RecoverOp(Context& ctx, const model::PendingOp& op, const std::vector<model::OpStep>& steps) {
  switch (op.type) {
    case model::OpType::kCreateVolume: return RecoverCreateVolume(ctx, op);
    case model::OpType::kDeleteVolume: return RecoverDeleteVolume(ctx, op);
    case model::OpType::kExpandVolume: return RecoverExpandVolume(ctx, op, steps);
    case model::OpType::kCloneVolume: return RecoverCloneVolume(ctx, op);
    case model::OpType::kEvictBrick: return RecoverEvictBrick(ctx, op);
    case model::OpType::kRemoveDevice: return RecoverRemoveDevice(ctx, op);
    case model::OpType::kCreateBlockVolume: return RecoverCreateBlockVolume(ctx, op);
    case model::OpType::kDeleteBlockVolume: return RecoverDeleteBlockVolume(ctx, op);
    case model::OpType::kExpandBlockVolume: return RecoverExpandBlockVolume(ctx, op);
    default: break;
  }
  return NotImplemented("operations of type " + std::string(model::OpTypeName(op.type)) +
                        " cannot be cleaned up automatically");
}

namespace {

// Removes what the operation names from nodes and store: the gluster volume
// (the `volume_change` entry, when it still exists), the bricks of its
// `brick_change` entries, their space, the volume record and the operation.
// Idempotent: what is gone already counts as removed. With `owned`, a volume
// that another operation holds is refused instead.
Status RemoveVolumeAndBricks(Context& ctx, const model::PendingOp& op, model::ChangeType volume_change,
                             model::ChangeType brick_change, bool owned) {
  BY_ASSIGN_OR_RETURN(model::OpChange change, FirstChange(op, volume_change));
  std::optional<model::Volume> vol;
  std::vector<BrickOnNode> bricks;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(vol, FindVolume(tx, change.id));
    BY_ASSIGN_OR_RETURN(bricks, LoadExistingBricks(tx, ChangeIds(op, brick_change)));
    return Status::Ok();
  }));
  if (owned && vol && vol->pending_op != op.id) {
    return Internal("volume " + vol->id + " is not owned by operation " + op.id);
  }
  const int64_t gid = vol ? vol->gid : 0;
  if (vol) BY_RETURN_IF_ERROR(recovery::DestroyGlusterVolume(ctx, vol->cluster_id, vol->name));
  BY_RETURN_IF_ERROR(DestroyBricks(ctx, bricks, gid));
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    for (const auto& b : bricks) BY_RETURN_IF_ERROR(ReleaseBrick(tx, b.brick));
    if (vol) BY_RETURN_IF_ERROR(tx.DeleteVolume(vol->id));
    return tx.DeletePendingOp(op.id);
  });
}

}  // namespace

// A create rolls back.
Status RecoverCreateVolume(Context& ctx, const model::PendingOp& op) {
  return RemoveVolumeAndBricks(ctx, op, model::ChangeType::kAddVolume, model::ChangeType::kAddBrick,
                               /*owned=*/true);
}

// A delete rolls forward.
Status RecoverDeleteVolume(Context& ctx, const model::PendingOp& op) {
  return RemoveVolumeAndBricks(ctx, op, model::ChangeType::kDeleteVolume, model::ChangeType::kDeleteBrick,
                               /*owned=*/false);
}

}  // namespace brickyard::ops
