// Volume clone: a Gluster snapshot clone that shares the origin's thin pools,
// so the clone's bricks take no new space. Build records the clone and its
// bricks as pending; the job snapshots and clones on a node and finalises.
#include <spdlog/spdlog.h>

#include "common/ids.h"
#include "ops/bricks.h"
#include "ops/journal.h"
#include "ops/volume_exec.h"
#include "ops/volume_load.h"
#include "ops/volume_ops.h"

namespace brickyard::ops {
namespace {

Status CleanDoneClone(store::WriteTx& tx, const std::string& clone_id, const std::string& op_id) {
  BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bricks, tx.ListVolumeBricks(clone_id));
  for (const auto& b : bricks) BY_RETURN_IF_ERROR(tx.DeleteBrick(b.id));
  auto v = tx.GetVolume(clone_id);
  if (v.ok()) BY_RETURN_IF_ERROR(tx.DeleteVolume(clone_id));
  return tx.DeletePendingOp(op_id);
}

}  // namespace

Result<PreparedOp> VolumeOps::PrepareClone(const std::string& volume_id,
                                           const std::string& clone_name) {
  const std::string op_id = NewId();
  const std::string clone_id = NewId();
  model::Volume origin;
  model::Volume clone;
  Status built = ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(LoadedVolume lv, LoadVisibleVolume(tx, volume_id));
    origin = lv.volume;
    if (origin.block) {
      return Internal("Failed clone volume " + volume_id +
                      ": Cloning of block hosting volumes is not supported");
    }
    if (!origin.pending_op.empty()) return NotFound("Id not found");
    clone = origin;
    clone.id = clone_id;
    clone.name = clone_name.empty() ? "vol_" + clone_id : clone_name;
    clone.pending_op = op_id;
    BY_ASSIGN_OR_RETURN(auto taken, tx.FindVolumeByName(origin.cluster_id, clone.name));
    if (taken) {
      return NoSpace("Failed to allocate new volume: Volume name '" + clone.name + "' already in use");
    }
    model::PendingOp op;
    op.id = op_id;
    op.type = model::OpType::kCloneVolume;
    op.timestamp = ctx_.clock.NowUnix();
    op.changes.push_back({model::ChangeType::kCloneVolume, volume_id, 0});
    op.changes.push_back({model::ChangeType::kAddVolumeClone, clone_id, 0});
    int64_t n = 0;
    for (const auto& src : lv.bricks) {
      model::Brick b = src.brick;
      b.id = NewId();
      b.volume_id = clone_id;
      // Clone bricks live in glusterd's snapshot area and share the origin's
      // thin pool: no space of their own is accounted.
      b.path = "/run/gluster/snaps/" + clone_id + "/brick" + std::to_string(++n) + "/brick";
      b.tp_size_kib = 0;
      b.pool_meta_kib = 0;
      b.pending_op = op_id;
      BY_RETURN_IF_ERROR(tx.PutBrick(b));
      op.changes.push_back({model::ChangeType::kAddBrick, b.id, 0});
    }
    BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
    return tx.PutVolume(clone);
  });
  BY_RETURN_IF_ERROR(built);

  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, origin, clone, op_id]() -> Result<std::string> {
    Status st = TryOnHosts(ctx, origin.cluster_id, /*not_found_ok=*/false,
                           [&](const std::string& host) {
                             return ctx.executor.VolumeClone(host, origin.name, clone.name);
                           });
    if (!st.ok()) {
      BY_RETURN_IF_ERROR(ctx.store.Update(
          [&](store::WriteTx& tx) { return CleanDoneClone(tx, clone.id, op_id); }));
      return st.Prefixed("cannot clone volume " + origin.name + ": ");
    }
    RecordStep(ctx, op_id, "volume-cloned", clone.id);
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(clone.id));
      v.pending_op.clear();
      BY_RETURN_IF_ERROR(tx.PutVolume(v));
      BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bricks, tx.ListVolumeBricks(clone.id));
      for (auto& b : bricks) {
        b.pending_op.clear();
        BY_RETURN_IF_ERROR(tx.PutBrick(b));
      }
      return tx.DeletePendingOp(op_id);
    }));
    return "/volumes/" + clone.id;
  };
  prepared.abandon = [&ctx, clone, op_id] {
    (void)ctx.store.Update([&](store::WriteTx& tx) { return CleanDoneClone(tx, clone.id, op_id); });
  };
  return prepared;
}

}  // namespace brickyard::ops
