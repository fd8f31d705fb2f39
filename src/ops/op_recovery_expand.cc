// Recovery of volume expansion: by new brick sets (forward when Gluster has
// them, else back) and in place (forward).
#include <map>
#include <sstream>

#include "ops/op_recovery.h"
#include "ops/op_recovery_util.h"

namespace brickyard::ops {
namespace {

using recovery::ChangeIds;
using recovery::FindVolume;
using recovery::HasStep;

Status RecoverAddBricks(Context& ctx, const model::PendingOp& op, const model::OpChange& expand,
                        const std::vector<model::OpStep>& steps) {
  std::optional<model::Volume> vol;
  std::vector<BrickOnNode> added;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(vol, FindVolume(tx, expand.id));
    BY_ASSIGN_OR_RETURN(added, recovery::LoadExistingBricks(tx, ChangeIds(op, model::ChangeType::kAddBrick)));
    return Status::Ok();
  }));
  // Forward only when Gluster uses the new bricks: destroying them then
  // would break the volume.
  bool forward = false;
  if (vol && !added.empty()) {
    forward = HasStep(steps, "volume-expanded");
    if (!forward) {
      BY_ASSIGN_OR_RETURN(auto gv, recovery::ReadGlusterVolume(ctx, vol->cluster_id, vol->name));
      for (const auto& b : added) forward = forward || (gv && recovery::HasBrick(*gv, b));
    }
  }
  if (forward) {
    return ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::Volume cur, tx.GetVolume(vol->id));
      recovery::GrowVolumeSize(cur, expand.delta);
      BY_RETURN_IF_ERROR(tx.PutVolume(cur));
      for (auto b : added) {
        b.brick.pending_op.clear();
        BY_RETURN_IF_ERROR(tx.PutBrick(b.brick));
      }
      return tx.DeletePendingOp(op.id);
    });
  }
  BY_RETURN_IF_ERROR(DestroyBricks(ctx, added, vol ? vol->gid : 0));
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    for (const auto& b : added) BY_RETURN_IF_ERROR(ReleaseBrick(tx, b.brick));
    return tx.DeletePendingOp(op.id);
  });
}

// The pre-growth sizes recorded at Build, by brick id.
Result<std::map<std::string, model::Brick>> SizesBefore(const std::vector<model::OpStep>& steps) {
  std::map<std::string, model::Brick> out;
  for (const auto& s : steps) {
    if (s.name != kBrickSizeBeforeStep) continue;
    model::Brick b;
    std::istringstream in(s.target);
    if (!(in >> b.id >> b.size_kib >> b.tp_size_kib >> b.pool_meta_kib)) {
      return Internal("unreadable step " + s.name + ": " + s.target);
    }
    out[b.id] = b;
  }
  return out;
}

Status RecoverGrowBricks(Context& ctx, const model::PendingOp& op, const model::OpChange& expand,
                         const std::vector<model::OpStep>& steps) {
  model::Volume vol;
  std::vector<BrickOnNode> bricks;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(vol, tx.GetVolume(expand.id));
    BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bs, tx.ListVolumeBricks(vol.id));
    BY_ASSIGN_OR_RETURN(bricks, LoadBricksOnNodes(tx, bs));
    return Status::Ok();
  }));
  if (vol.pending_op != op.id) return Internal("volume " + vol.id + " is not owned by operation " + op.id);
  if (!HasStep(steps, "bricks-grown")) {
    BY_ASSIGN_OR_RETURN(auto before, SizesBefore(steps));
    for (const auto& b : bricks) {
      auto it = before.find(b.brick.id);
      if (it == before.end()) {
        return Internal("no recorded size before growth for brick " + b.brick.id);
      }
      executors::BrickRequest req = ToBrickRequest(b.brick, vol.gid);
      req.size_kib = it->second.size_kib;
      req.tp_size_kib = it->second.tp_size_kib;
      req.pool_meta_kib = it->second.pool_meta_kib;
      executors::BrickSize grown{b.brick.size_kib, b.brick.tp_size_kib, b.brick.pool_meta_kib};
      Status st = ctx.executor.BrickExtend(b.node.manage(), req, grown);
      if (!st.ok()) return st.Prefixed("cannot grow brick " + b.brick.id + " on node " + b.node.manage() + ": ");
    }
  }
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    for (auto b : bricks) {
      b.brick.pending_op.clear();
      BY_RETURN_IF_ERROR(tx.PutBrick(b.brick));
    }
    BY_ASSIGN_OR_RETURN(model::Volume cur, tx.GetVolume(vol.id));
    recovery::GrowVolumeSize(cur, expand.delta);
    cur.pending_op.clear();
    BY_RETURN_IF_ERROR(tx.PutVolume(cur));
    return tx.DeletePendingOp(op.id);
  });
}

}  // namespace

Status RecoverExpandVolume(Context& ctx, const model::PendingOp& op,
                           const std::vector<model::OpStep>& steps) {
  BY_ASSIGN_OR_RETURN(model::OpChange expand, recovery::FirstChange(op, model::ChangeType::kExpandVolume));
  if (ChangeIds(op, model::ChangeType::kAddBrick).empty()) {
    return RecoverGrowBricks(ctx, op, expand, steps);
  }
  return RecoverAddBricks(ctx, op, expand, steps);
}

}  // namespace brickyard::ops
