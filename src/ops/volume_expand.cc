// Volume expand by new brick sets: Build places the new sets in the volume's
// cluster and claims their space with the pending operation; the job creates
// the bricks, adds them to the Gluster volume, and finalises the new size.
#include <spdlog/spdlog.h>

#include "common/ids.h"
#include "ops/bricks.h"
#include "ops/journal.h"
#include "ops/placement_input.h"
#include "ops/volume_exec.h"
#include "ops/volume_load.h"
#include "ops/volume_ops.h"
#include "placement/allocator.h"

namespace brickyard::ops {
namespace {

Status CleanDoneExpand(store::WriteTx& tx, const std::vector<std::string>& brick_ids,
                       const std::string& op_id) {
  for (const auto& id : brick_ids) {
    auto b = tx.GetBrick(id);
    if (b.ok()) BY_RETURN_IF_ERROR(ReleaseBrick(tx, *b));
  }
  return tx.DeletePendingOp(op_id);
}

}  // namespace

Result<PreparedOp> VolumeOps::PrepareExpand(const std::string& volume_id, int64_t expand_gib,
                                            ExpandMethod method) {
  if (method == ExpandMethod::kAddBricks) return PrepareAddBricks(volume_id, expand_gib);
  auto grown = PrepareGrowBricks(volume_id, expand_gib);
  if (grown.ok() || method == ExpandMethod::kGrowBricks || grown.status().code() != Code::kNoSpace) {
    return grown;
  }
  return PrepareAddBricks(volume_id, expand_gib);
}

Result<PreparedOp> VolumeOps::PrepareAddBricks(const std::string& volume_id, int64_t expand_gib) {
  const std::string op_id = NewId();
  LoadedVolume lv;
  std::vector<model::Brick> added;
  Status built = ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(lv, LoadVisibleVolume(tx, volume_id));
    if (!lv.volume.pending_op.empty()) {
      return Conflict("Volume " + volume_id + " has an operation in progress");
    }
    const model::Volume& v = lv.volume;
    BY_ASSIGN_OR_RETURN(placement::Snapshot snap, LoadSnapshot(tx, v.cluster_id, ctx_.health));
    placement::Request req = MakePlacementRequest(ctx_.config.glusterfs, expand_gib, v.durability,
                                                  v.snapshot_factor, v.options);
    req.existing_bricks = static_cast<int64_t>(lv.bricks.size());
    int64_t next_set = 0;
    for (const auto& b : lv.bricks) next_set = std::max(next_set, b.brick.set_index + 1);
    req.first_set_index = next_set;
    auto plan = placement::Allocate(snap, req, SeedFromId(op_id));
    if (!plan.ok()) {
      if (plan.status().code() == Code::kNoSpace) {
        return plan.status().Prefixed("Failed to allocate volume expansion: ");
      }
      return plan.status();
    }
    model::PendingOp op;
    op.id = op_id;
    op.type = model::OpType::kExpandVolume;
    op.timestamp = ctx_.clock.NowUnix();
    op.changes.push_back({model::ChangeType::kExpandVolume, volume_id, expand_gib});
    for (const auto& p : plan->bricks) {
      model::Brick b = NewBrick(p, volume_id, op_id);
      BY_RETURN_IF_ERROR(ClaimBrick(tx, b));
      op.changes.push_back({model::ChangeType::kAddBrick, b.id, 0});
      added.push_back(b);
    }
    return tx.PutPendingOp(op);
  });
  BY_RETURN_IF_ERROR(built);

  std::vector<std::string> added_ids;
  for (const auto& b : added) added_ids.push_back(b.id);
  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, lv, added, added_ids, op_id, expand_gib]() -> Result<std::string> {
    const model::Volume& v = lv.volume;
    std::vector<BrickOnNode> bricks;
    Status st = ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(bricks, LoadBricksOnNodes(tx, added));
      return Status::Ok();
    });
    if (st.ok()) st = CreateBricks(ctx, bricks, v.gid);
    if (st.ok()) {
      RecordStep(ctx, op_id, "bricks-created", v.id);
      const std::string& host = bricks.front().node.manage();
      st = ctx.executor.VolumeExpand(host, ToVolumeRequest(v, bricks));
      if (!st.ok()) {
        st = st.Prefixed("cannot add bricks to gluster volume " + v.name + " on node " + host + ": ");
        Status undo = DestroyBricks(ctx, bricks, v.gid);
        if (!undo.ok()) spdlog::error("expand rollback of {}: {}", v.id, undo.message());
      }
    }
    if (!st.ok()) {
      BY_RETURN_IF_ERROR(ctx.store.Update(
          [&](store::WriteTx& tx) { return CleanDoneExpand(tx, added_ids, op_id); }));
      return st;
    }
    RecordStep(ctx, op_id, "volume-expanded", v.id);
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::Volume cur, tx.GetVolume(v.id));
      cur.size_gib += expand_gib;
      if (cur.block) {
        int64_t free_add = expand_gib * 98 / 100;
        cur.block_info.free_size += free_add;
        cur.block_info.reserved_size += expand_gib - free_add;
      }
      BY_RETURN_IF_ERROR(tx.PutVolume(cur));
      for (const auto& id : added_ids) {
        BY_ASSIGN_OR_RETURN(model::Brick b, tx.GetBrick(id));
        b.pending_op.clear();
        BY_RETURN_IF_ERROR(tx.PutBrick(b));
      }
      return tx.DeletePendingOp(op_id);
    }));
    return "/volumes/" + v.id;
  };
  prepared.abandon = [&ctx, added_ids, op_id] {
    (void)ctx.store.Update([&](store::WriteTx& tx) { return CleanDoneExpand(tx, added_ids, op_id); });
  };
  return prepared;
}

}  // namespace brickyard::ops
