// Volume delete: Build marks the volume and its bricks as owned by a delete
// operation; the job stops and deletes the Gluster volume, destroys the
// bricks, and finalises by removing them and crediting their space. If the
// node steps fail, the markers are cleared and the volume stays.
#include <spdlog/spdlog.h>

#include "common/ids.h"
#include "ops/bricks.h"
#include "ops/journal.h"
#include "ops/volume_exec.h"
#include "ops/volume_load.h"
#include "ops/volume_ops.h"

namespace brickyard::ops {
namespace {

Status SetPending(store::WriteTx& tx, const std::string& vol_id, const std::string& op_id) {
  BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(vol_id));
  v.pending_op = op_id;
  BY_RETURN_IF_ERROR(tx.PutVolume(v));
  BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bricks, tx.ListVolumeBricks(vol_id));
  for (auto& b : bricks) {
    b.pending_op = op_id;
    BY_RETURN_IF_ERROR(tx.PutBrick(b));
  }
  return Status::Ok();
}

}  // namespace

Result<PreparedOp> VolumeOps::PrepareDelete(const std::string& volume_id) {
  const std::string op_id = NewId();
  LoadedVolume lv;
  Status built = ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(lv, LoadVisibleVolume(tx, volume_id));
    if (lv.volume.name == "heketidbstorage") {
      return Conflict("Cannot delete volume containing the Heketi database");
    }
    BY_ASSIGN_OR_RETURN(auto hosted, tx.ListHostedBlockVolumeIds(volume_id, /*include_pending=*/true));
    if (!hosted.empty()) {
      return Conflict("Cannot delete a block hosting volume containing block volumes");
    }
    if (!lv.volume.pending_op.empty()) {
      return Internal(
          "Failed to set up volume delete: The target exists, contains other items, or is in use.");
    }
    for (const auto& b : lv.bricks) {
      if (!b.brick.pending_op.empty()) {
        return Internal(
            "Failed to set up volume delete: The target exists, contains other items, or is in "
            "use.");
      }
    }
    model::PendingOp op;
    op.id = op_id;
    op.type = model::OpType::kDeleteVolume;
    op.timestamp = ctx_.clock.NowUnix();
    op.changes.push_back({model::ChangeType::kDeleteVolume, volume_id, 0});
    for (const auto& b : lv.bricks) op.changes.push_back({model::ChangeType::kDeleteBrick, b.brick.id, 0});
    BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
    return SetPending(tx, volume_id, op_id);
  });
  BY_RETURN_IF_ERROR(built);

  Context& ctx = ctx_;
  PreparedOp prepared;
  auto undo_markers = [&ctx, volume_id, op_id] {
    return ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_RETURN_IF_ERROR(SetPending(tx, volume_id, ""));
      return tx.DeletePendingOp(op_id);
    });
  };
  prepared.run = [&ctx, lv, op_id, undo_markers]() -> Result<std::string> {
    const model::Volume& v = lv.volume;
    Status st = TryOnHosts(ctx, v.cluster_id, /*not_found_ok=*/true, [&](const std::string& host) {
      return ctx.executor.VolumeDestroy(host, v.name);
    });
    if (!st.ok()) {
      Status undo = undo_markers();
      if (!undo.ok()) spdlog::error("volume delete {}: {}", v.id, undo.ToString());
      return st.Prefixed("cannot delete gluster volume " + v.name + ": ");
    }
    RecordStep(ctx, op_id, "volume-destroyed", v.id);
    st = DestroyBricks(ctx, lv.bricks, v.gid);
    if (!st.ok()) {
      // The Gluster volume is gone; keep the operation so a later cleanup can
      // finish destroying the bricks instead of leaking them.
      (void)ctx.store.Update([&](store::WriteTx& tx) -> Status {
        BY_ASSIGN_OR_RETURN(model::PendingOp op, tx.GetPendingOp(op_id));
        op.status = model::OpStatus::kFailed;
        return tx.PutPendingOp(op);
      });
      return st;
    }
    RecordStep(ctx, op_id, "bricks-destroyed", v.id);
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      for (const auto& b : lv.bricks) BY_RETURN_IF_ERROR(ReleaseBrick(tx, b.brick));
      BY_RETURN_IF_ERROR(tx.DeleteVolume(v.id));
      return tx.DeletePendingOp(op_id);
    }));
    return std::string();
  };
  prepared.abandon = [undo_markers] { (void)undo_markers(); };
  return prepared;
}

}  // namespace brickyard::ops
