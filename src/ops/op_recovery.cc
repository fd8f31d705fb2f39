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

Status RecoverCreateVolume(Context& ctx, const model::PendingOp& op) {
  BY_ASSIGN_OR_RETURN(model::OpChange add, FirstChange(op, model::ChangeType::kAddVolume));
  std::optional<model::Volume> vol;
  std::vector<BrickOnNode> bricks;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(vol, FindVolume(tx, add.id));
    BY_ASSIGN_OR_RETURN(bricks, LoadExistingBricks(tx, ChangeIds(op, model::ChangeType::kAddBrick)));
    return Status::Ok();
  }));
  if (vol && vol->pending_op != op.id) {
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

Status RecoverDeleteVolume(Context& ctx, const model::PendingOp& op) {
  BY_ASSIGN_OR_RETURN(model::OpChange del, FirstChange(op, model::ChangeType::kDeleteVolume));
  std::optional<model::Volume> vol;
  std::vector<BrickOnNode> bricks;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(vol, FindVolume(tx, del.id));
    BY_ASSIGN_OR_RETURN(bricks, LoadExistingBricks(tx, ChangeIds(op, model::ChangeType::kDeleteBrick)));
    return Status::Ok();
  }));
  const int64_t gid = vol ? vol->gid : 0;
  if (vol) BY_RETURN_IF_ERROR(recovery::DestroyGlusterVolume(ctx, vol->cluster_id, vol->name));
  BY_RETURN_IF_ERROR(DestroyBricks(ctx, bricks, gid));
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    for (const auto& b : bricks) BY_RETURN_IF_ERROR(ReleaseBrick(tx, b.brick));
    if (vol) BY_RETURN_IF_ERROR(tx.DeleteVolume(vol->id));
    return tx.DeletePendingOp(op.id);
  });
}

}  // namespace brickyard::ops
