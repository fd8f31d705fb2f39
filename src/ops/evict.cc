#include "ops/evict.h"

#include <spdlog/spdlog.h>

#include "common/ids.h"
#include "ops/bricks.h"
#include "ops/journal.h"
#include "ops/placement_input.h"
#include "ops/volume_load.h"
#include "placement/allocator.h"

namespace brickyard::ops {
namespace {

struct EvictPlan {
  std::string op_id;
  model::Volume volume;
  model::Brick old_brick;
  model::Brick new_brick;
};

Status CheckEvictable(store::ReadTx& tx, const model::Brick& brick, model::Volume* volume) {
  BY_ASSIGN_OR_RETURN(*volume, tx.GetVolume(brick.volume_id));
  if (!brick.pending_op.empty() || !volume->pending_op.empty()) {
    return Conflict("Brick " + brick.id + " belongs to a volume with an operation in progress");
  }
  BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bricks, tx.ListVolumeBricks(brick.volume_id));
  for (const auto& b : bricks) {
    if (!b.pending_op.empty()) {
      return Conflict("Brick " + brick.id + " belongs to a volume with an operation in progress");
    }
  }
  return Status::Ok();
}

// Places the replacement and records the operation in one transaction.
Result<EvictPlan> BuildEvict(Context& ctx, const std::string& brick_id) {
  EvictPlan plan;
  plan.op_id = NewId();
  BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(plan.old_brick, tx.GetBrick(brick_id));
    BY_RETURN_IF_ERROR(CheckEvictable(tx, plan.old_brick, &plan.volume));
    const model::Volume& v = plan.volume;
    BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bricks, tx.ListVolumeBricks(v.id));
    std::vector<std::string> set_nodes;
    std::vector<int64_t> set_zones;
    for (const auto& b : bricks) {
      if (b.set_index != plan.old_brick.set_index || b.id == brick_id) continue;
      BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(b.node_id));
      set_nodes.push_back(n.id);
      set_zones.push_back(n.zone);
    }
    BY_ASSIGN_OR_RETURN(placement::Snapshot snap, LoadSnapshot(tx, v.cluster_id, ctx.health));
    placement::Request req =
        MakePlacementRequest(ctx.config.glusterfs, v.size_gib, v.durability, v.snapshot_factor, v.options);
    placement::PlacedBrick old;
    old.device_id = plan.old_brick.device_id;
    old.node_id = plan.old_brick.node_id;
    old.size_kib = plan.old_brick.size_kib;
    old.tp_size_kib = plan.old_brick.tp_size_kib;
    old.pool_meta_kib = plan.old_brick.pool_meta_kib;
    old.role = plan.old_brick.role;
    old.set_index = plan.old_brick.set_index;
    old.set_position = plan.old_brick.set_position;
    auto placed = placement::Replace(snap, req, old, set_nodes, set_zones, SeedFromId(plan.op_id));
    if (!placed.ok()) {
      return placed.status().Prefixed("Unable to replace brick " + brick_id +
                                      " as no device was found to replace it: ");
    }
    model::Brick nb;
    nb.id = NewId();
    nb.volume_id = v.id;
    nb.device_id = placed->device_id;
    nb.node_id = placed->node_id;
    nb.path = BrickPath(nb.device_id, nb.id);
    nb.size_kib = placed->size_kib;
    nb.tp_size_kib = placed->tp_size_kib;
    nb.pool_meta_kib = placed->pool_meta_kib;
    nb.role = plan.old_brick.role;
    nb.set_index = plan.old_brick.set_index;
    nb.set_position = plan.old_brick.set_position;
    nb.pending_op = plan.op_id;
    BY_RETURN_IF_ERROR(ClaimBrick(tx, nb));
    plan.new_brick = nb;
    plan.old_brick.pending_op = plan.op_id;
    BY_RETURN_IF_ERROR(tx.PutBrick(plan.old_brick));
    model::PendingOp op;
    op.id = plan.op_id;
    op.type = model::OpType::kEvictBrick;
    op.timestamp = ctx.clock.NowUnix();
    op.changes.push_back({model::ChangeType::kDeleteBrick, brick_id, 0});
    op.changes.push_back({model::ChangeType::kAddBrick, nb.id, 0});
    return tx.PutPendingOp(op);
  }));
  return plan;
}

Status CleanDoneEvict(Context& ctx, const EvictPlan& plan) {
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    auto nb = tx.GetBrick(plan.new_brick.id);
    if (nb.ok()) BY_RETURN_IF_ERROR(ReleaseBrick(tx, *nb));
    BY_ASSIGN_OR_RETURN(model::Brick old, tx.GetBrick(plan.old_brick.id));
    old.pending_op.clear();
    BY_RETURN_IF_ERROR(tx.PutBrick(old));
    return tx.DeletePendingOp(plan.op_id);
  });
}

Status ExecEvict(Context& ctx, const EvictPlan& plan) {
  std::vector<BrickOnNode> olds, news;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(olds, LoadBricksOnNodes(tx, {plan.old_brick}));
    BY_ASSIGN_OR_RETURN(news, LoadBricksOnNodes(tx, {plan.new_brick}));
    return Status::Ok();
  }));
  Status st = CreateBricks(ctx, news, plan.volume.gid);
  if (!st.ok()) {
    BY_RETURN_IF_ERROR(CleanDoneEvict(ctx, plan));
    return st;
  }
  RecordStep(ctx, plan.op_id, "brick-created", plan.new_brick.id);
  const auto& o = olds.front();
  const auto& n = news.front();
  st = ctx.executor.VolumeReplaceBrick(n.node.manage(), plan.volume.name,
                                       {o.node.storage(), o.brick.path}, {n.node.storage(), n.brick.path});
  if (!st.ok()) {
    Status undo = DestroyBricks(ctx, news, plan.volume.gid);
    if (!undo.ok()) spdlog::error("evict rollback: {}", undo.message());
    BY_RETURN_IF_ERROR(CleanDoneEvict(ctx, plan));
    return st.Prefixed("replace-brick on " + n.node.manage() + " failed: ");
  }
  RecordStep(ctx, plan.op_id, "brick-replaced", plan.new_brick.id);
  st = DestroyBricks(ctx, olds, plan.volume.gid);
  if (!st.ok()) {
    // The volume no longer uses the old brick; a dead node cannot clean it.
    spdlog::warn("evicted brick {} not destroyed: {}", plan.old_brick.id, st.message());
  }
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::Brick old, tx.GetBrick(plan.old_brick.id));
    BY_RETURN_IF_ERROR(ReleaseBrick(tx, old));
    BY_ASSIGN_OR_RETURN(model::Brick nb, tx.GetBrick(plan.new_brick.id));
    nb.pending_op.clear();
    BY_RETURN_IF_ERROR(tx.PutBrick(nb));
    return tx.DeletePendingOp(plan.op_id);
  });
}

}  // namespace

Status EvictBrick(Context& ctx, const std::string& brick_id) {
  BY_ASSIGN_OR_RETURN(EvictPlan plan, BuildEvict(ctx, brick_id));
  return ExecEvict(ctx, plan);
}

Result<PreparedOp> PrepareEvict(Context& ctx, const std::string& brick_id) {
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::Brick b, tx.GetBrick(brick_id));
    model::Volume v;
    return CheckEvictable(tx, b, &v);
  }));
  PreparedOp prepared;
  prepared.run = [&ctx, brick_id]() -> Result<std::string> {
    BY_RETURN_IF_ERROR(EvictBrick(ctx, brick_id));
    return std::string();
  };
  return prepared;
}

Status RemoveDevice(Context& ctx, const std::string& device_id, bool take_offline) {
  std::vector<model::Brick> bricks;
  BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(device_id));
    if (d.state == model::State::kOnline && take_offline) {
      d.state = model::State::kOffline;
      BY_RETURN_IF_ERROR(tx.PutDevice(d));
    }
    if (d.state == model::State::kOnline) {
      return Conflict("Device must be offline before remove operation is performed, device:" +
                      device_id);
    }
    BY_ASSIGN_OR_RETURN(bricks, tx.ListDeviceBricks(device_id));
    return Status::Ok();
  }));
  for (const auto& b : bricks) {
    Status st = EvictBrick(ctx, b.id);
    if (!st.ok()) return st;
  }
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(device_id));
    BY_ASSIGN_OR_RETURN(auto left, tx.ListDeviceBricks(device_id));
    if (!left.empty()) return Conflict("Device " + device_id + " still holds bricks");
    d.state = model::State::kFailed;
    return tx.PutDevice(d);
  });
}

}  // namespace brickyard::ops
