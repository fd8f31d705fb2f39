// Recovery of brick eviction (the direction Gluster already took), volume
// clone (back) and device removal (children, then the record).
#include <spdlog/spdlog.h>

#include "ops/op_recovery.h"
#include "ops/op_recovery_util.h"

namespace brickyard::ops {

using recovery::ChangeIds;
using recovery::FindVolume;
using recovery::FirstChange;

Status RecoverEvictBrick(Context& ctx, const model::PendingOp& op) {
  BY_ASSIGN_OR_RETURN(model::OpChange del, FirstChange(op, model::ChangeType::kDeleteBrick));
  BY_ASSIGN_OR_RETURN(model::OpChange add, FirstChange(op, model::ChangeType::kAddBrick));
  std::vector<BrickOnNode> olds, news;
  std::optional<model::Volume> vol;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(olds, recovery::LoadExistingBricks(tx, {del.id}));
    BY_ASSIGN_OR_RETURN(news, recovery::LoadExistingBricks(tx, {add.id}));
    const std::vector<BrickOnNode>& any = olds.empty() ? news : olds;
    if (!any.empty()) {
      BY_ASSIGN_OR_RETURN(vol, FindVolume(tx, any.front().brick.volume_id));
    }
    return Status::Ok();
  }));
  if (olds.empty()) return Internal("evicted brick " + del.id + " is missing from the store");
  if (!vol) return Internal("volume of brick " + del.id + " is missing from the store");

  bool forward = false;
  if (!news.empty()) {
    BY_ASSIGN_OR_RETURN(auto gv, recovery::ReadGlusterVolume(ctx, vol->cluster_id, vol->name));
    if (!gv) return Internal("gluster volume " + vol->name + " does not exist");
    forward = recovery::HasBrick(*gv, news.front());
    if (!forward && !recovery::HasBrick(*gv, olds.front())) {
      return Internal("gluster volume " + vol->name + " has neither brick " + del.id + " nor " + add.id);
    }
  }
  if (forward) {
    Status st = DestroyBricks(ctx, olds, vol->gid);
    if (!st.ok()) {
      // A dead node cannot clean its brick; the volume no longer uses it.
      if (ctx.executor.GlusterdCheck(olds.front().node.manage()).ok()) return st;
      spdlog::warn("evicted brick {} not destroyed, its node is down: {}", del.id, st.message());
    }
    return ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_RETURN_IF_ERROR(ReleaseBrick(tx, olds.front().brick));
      BY_ASSIGN_OR_RETURN(model::Brick nb, tx.GetBrick(add.id));
      nb.pending_op.clear();
      BY_RETURN_IF_ERROR(tx.PutBrick(nb));
      return tx.DeletePendingOp(op.id);
    });
  }
  BY_RETURN_IF_ERROR(DestroyBricks(ctx, news, vol->gid));
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    for (const auto& b : news) BY_RETURN_IF_ERROR(ReleaseBrick(tx, b.brick));
    BY_ASSIGN_OR_RETURN(model::Brick old, tx.GetBrick(del.id));
    old.pending_op.clear();
    BY_RETURN_IF_ERROR(tx.PutBrick(old));
    return tx.DeletePendingOp(op.id);
  });
}

Status RecoverCloneVolume(Context& ctx, const model::PendingOp& op) {
  BY_ASSIGN_OR_RETURN(model::OpChange add, FirstChange(op, model::ChangeType::kAddVolumeClone));
  std::optional<model::Volume> clone;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(clone, FindVolume(tx, add.id));
    return Status::Ok();
  }));
  if (clone && clone->pending_op != op.id) {
    return Internal("volume " + clone->id + " is not owned by operation " + op.id);
  }
  if (clone) BY_RETURN_IF_ERROR(recovery::DestroyGlusterVolume(ctx, clone->cluster_id, clone->name));
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    // Clone bricks share the origin's thin pools and hold no space of their own.
    for (const auto& id : ChangeIds(op, model::ChangeType::kAddBrick)) {
      auto b = tx.GetBrick(id);
      if (b.ok()) BY_RETURN_IF_ERROR(tx.DeleteBrick(id));
    }
    if (clone) BY_RETURN_IF_ERROR(tx.DeleteVolume(clone->id));
    for (const auto& id : ChangeIds(op, model::ChangeType::kCloneVolume)) {
      BY_ASSIGN_OR_RETURN(auto origin, FindVolume(tx, id));
      if (origin && origin->pending_op == op.id) {
        origin->pending_op.clear();
        BY_RETURN_IF_ERROR(tx.PutVolume(*origin));
      }
    }
    return tx.DeletePendingOp(op.id);
  });
}

Status RecoverRemoveDevice(Context& ctx, const model::PendingOp& op) {
  for (const auto& child_id : ChangeIds(op, model::ChangeType::kChildOperation)) {
    model::PendingOp child;
    std::vector<model::OpStep> steps;
    bool exists = true;
    BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
      auto c = tx.GetPendingOp(child_id);
      if (!c.ok() && c.status().code() == Code::kNotFound) {
        exists = false;
        return Status::Ok();
      }
      BY_ASSIGN_OR_RETURN(child, std::move(c));
      BY_ASSIGN_OR_RETURN(steps, tx.ListOpSteps(child_id));
      return Status::Ok();
    }));
    if (!exists) continue;
    if (child.type == model::OpType::kRemoveDevice) {
      return Internal("operation " + op.id + " has a remove-device child " + child_id);
    }
    BY_RETURN_IF_ERROR(RecoverOp(ctx, child, steps).Prefixed("child operation " + child_id + ": "));
  }
  return ctx.store.Update([&](store::WriteTx& tx) { return tx.DeletePendingOp(op.id); });
}

}  // namespace brickyard::ops
