// Volume create: Build places bricks and records the pending volume in one
// transaction; the job creates bricks in parallel, then the Gluster volume,
// and finalises. A failed attempt is rolled back on the nodes and in the
// store, then retried with a fresh placement up to the configured limit.
#include <spdlog/spdlog.h>

#include "common/ids.h"
#include "common/strings.h"
#include "model/sizing.h"
#include "ops/bricks.h"
#include "ops/job_queue.h"
#include "ops/journal.h"
#include "ops/placement_input.h"
#include "ops/resolve.h"
#include "ops/volume_exec.h"
#include "ops/volume_load.h"
#include "ops/volume_ops.h"
#include "placement/allocator.h"

namespace brickyard::ops {
namespace {

// Places the volume in one eligible cluster and writes volume, bricks, space
// claims and the pending operation. Called inside a write transaction.
Status BuildCreate(Context& ctx, store::WriteTx& tx, const VolumeCreateSpec& spec,
                   const std::string& vol_id, const std::string& op_id, uint64_t seed) {
  std::vector<std::string> candidates;
  if (spec.clusters.empty()) {
    BY_ASSIGN_OR_RETURN(candidates, tx.ListClusterIds());
    if (candidates.empty()) return InvalidArgument("No clusters configured");
  } else {
    for (const auto& ref : spec.clusters) {
      auto c = ResolveCluster(tx, ref);
      if (!c.ok()) return InvalidArgument("Cluster id " + ref + " not found");
      candidates.push_back(c->id);
    }
  }

  model::Volume v;
  v.id = vol_id;
  v.name = spec.name.empty() ? "vol_" + vol_id : spec.name;
  v.size_gib = spec.size_gib;
  v.durability = spec.durability;
  v.gid = spec.gid;
  if (v.gid == 0 && ctx.config.glusterfs.auto_gid) {
    auto gid = tx.NextFreeGid(ctx.config.glusterfs.gid_min, ctx.config.glusterfs.gid_max);
    if (!gid.ok()) return NoSpace(gid.status().message());
    v.gid = *gid;
  }
  v.options = AssembleVolumeOptions(ctx.config.glusterfs, spec.options, spec.block);
  v.block = spec.block;
  v.snapshot_enable = spec.snapshot_enable;
  v.snapshot_factor = spec.snapshot_enable ? spec.snapshot_factor : 1.0;
  v.pending_op = op_id;
  if (v.block) {
    v.block_info.free_size = v.size_gib * 98 / 100;
    v.block_info.reserved_size = v.size_gib - v.block_info.free_size;
  }

  std::vector<std::string> errors;
  for (const auto& cid : candidates) {
    BY_ASSIGN_OR_RETURN(model::Cluster c, tx.GetCluster(cid));
    Status why;
    if (v.block ? !c.block : !c.file) {
      why = NoSpace(v.block || c.file || c.block ? "Cluster does not support requested volume type"
                                                 : "Cluster has disabled all volume types");
    }
    if (why.ok()) {
      BY_ASSIGN_OR_RETURN(auto existing, tx.FindVolumeByName(cid, v.name));
      if (existing) why = NoSpace("Volume name '" + v.name + "' already in use");
    }
    int64_t limit = ctx.config.glusterfs.max_volumes_per_cluster;
    if (why.ok() && limit > 0) {
      BY_ASSIGN_OR_RETURN(int64_t count, tx.CountClusterVolumes(cid));
      if (count >= limit) {
        why = NoSpace("Cluster has " + std::to_string(count) + " volumes and limit is " +
                      std::to_string(limit));
      }
    }
    placement::Placement plan;
    if (why.ok()) {
      BY_ASSIGN_OR_RETURN(placement::Snapshot snap, LoadSnapshot(tx, cid, ctx.health));
      if (snap.nodes.empty()) {
        why = NoSpace("No nodes in cluster");
      } else if (snap.devices.empty()) {
        why = NoSpace("No online storage devices in cluster");
      } else {
        auto placed = placement::Allocate(
            snap,
            MakePlacementRequest(ctx.config.glusterfs, v.size_gib, v.durability,
                                 v.snapshot_factor, v.options),
            seed);
        if (placed.ok()) {
          plan = std::move(placed).value();
        } else {
          why = placed.status();
        }
      }
    }
    if (!why.ok()) {
      if (why.code() == Code::kInvalidArgument) return why;
      errors.push_back("Cluster " + cid + ": " + why.message());
      continue;
    }

    v.cluster_id = cid;
    model::PendingOp op;
    op.id = op_id;
    op.type = model::OpType::kCreateVolume;
    op.timestamp = ctx.clock.NowUnix();
    op.changes.push_back({model::ChangeType::kAddVolume, v.id, 0});
    for (const auto& p : plan.bricks) {
      model::Brick b = NewBrick(p, v.id, op_id);
      BY_RETURN_IF_ERROR(ClaimBrick(tx, b));
      op.changes.push_back({model::ChangeType::kAddBrick, b.id, 0});
    }
    BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
    return tx.PutVolume(v);
  }
  if (errors.size() == 1) {
    // Heketi reports a single cluster's failure without the cluster prefix.
    std::string msg = errors.front().substr(errors.front().find(": ") + 2);
    return NoSpace(msg);
  }
  return NoSpace("Unable to create volume on any cluster:\n" + Join(errors, "\n"));
}

// Removes every trace of a create attempt from the store and frees its space.
Status CleanDoneCreate(store::WriteTx& tx, const std::string& vol_id, const std::string& op_id) {
  auto vol = tx.GetVolume(vol_id);
  if (vol.ok()) {
    BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bricks, tx.ListVolumeBricks(vol_id));
    for (const auto& b : bricks) BY_RETURN_IF_ERROR(ReleaseBrick(tx, b));
    BY_RETURN_IF_ERROR(tx.DeleteVolume(vol_id));
  }
  return tx.DeletePendingOp(op_id);
}

// Runs the node steps of one attempt; on failure undoes them on the nodes.
Status ExecCreate(Context& ctx, const std::string& vol_id, const std::string& op_id) {
  model::Volume v;
  std::vector<BrickOnNode> bricks;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(v, tx.GetVolume(vol_id));
    BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bs, tx.ListVolumeBricks(vol_id));
    SortSetOrder(bs);
    BY_ASSIGN_OR_RETURN(bricks, LoadBricksOnNodes(tx, bs));
    return Status::Ok();
  }));
  if (bricks.empty()) return Internal("volume " + vol_id + " has no bricks");

  BY_RETURN_IF_ERROR(CreateBricks(ctx, bricks, v.gid));
  RecordStep(ctx, op_id, "bricks-created", vol_id);
  const std::string& host = bricks.front().node.manage();
  Status st = ctx.executor.VolumeCreate(host, ToVolumeRequest(v, bricks));
  if (!st.ok()) {
    st = st.Prefixed("cannot create gluster volume " + v.name + " on node " + host + ": ");
    Status undo = ctx.executor.VolumeDestroy(host, v.name);
    if (!undo.ok() && undo.code() != Code::kNotFound) {
      spdlog::warn("rollback of volume {}: {}", v.name, undo.message());
    }
    Status bricks_undo = DestroyBricks(ctx, bricks, v.gid);
    if (!bricks_undo.ok()) return st.Prefixed("(rollback incomplete: " + bricks_undo.message() + ") ");
    return st;
  }
  // No step record for the volume itself: Finalize, the next and last
  // action, deletes the journal, and a cleaner that finds only
  // "bricks-created" destroys the volume where it exists anyway.
  return Status::Ok();
}

Status FinalizeCreate(store::WriteTx& tx, const std::string& vol_id, const std::string& op_id) {
  BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(vol_id));
  v.pending_op.clear();
  BY_RETURN_IF_ERROR(tx.PutVolume(v));
  BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bricks, tx.ListVolumeBricks(vol_id));
  for (auto& b : bricks) {
    b.pending_op.clear();
    BY_RETURN_IF_ERROR(tx.PutBrick(b));
  }
  return tx.DeletePendingOp(op_id);
}

}  // namespace

Result<PreparedOp> VolumeOps::PrepareCreate(const VolumeCreateSpec& spec) {
  const std::string vol_id = NewId();
  std::string op_id = NewId();
  Status built = ctx_.store.Update([&](store::WriteTx& tx) {
    return BuildCreate(ctx_, tx, spec, vol_id, op_id, SeedFromId(op_id));
  });
  if (!built.ok()) {
    if (built.code() == Code::kNoSpace) return built.Prefixed("Failed to allocate new volume: ");
    return built;
  }

  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, spec, vol_id, op_id]() mutable -> Result<std::string> {
    const int64_t attempts = 1 + std::max<int64_t>(0, ctx.config.glusterfs.volume_create_retry_limit);
    Status last;
    for (int64_t attempt = 1; attempt <= attempts; ++attempt) {
      if (attempt > 1) {
        op_id = NewId();
        Status rebuilt = ctx.store.Update([&](store::WriteTx& tx) {
          return BuildCreate(ctx, tx, spec, vol_id, op_id, SeedFromId(op_id));
        });
        if (!rebuilt.ok()) return rebuilt.Prefixed(last.message() + "; retry placement failed: ");
      }
      last = ExecCreate(ctx, vol_id, op_id);
      if (last.ok()) {
        const std::string location = "/volumes/" + vol_id;
        BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
          BY_RETURN_IF_ERROR(FinalizeCreate(tx, vol_id, op_id));
          return JobQueue::RecordSuccess(tx, location);
        }));
        return location;
      }
      spdlog::warn("volume create {} attempt {}/{} failed: {}", vol_id, attempt, attempts,
                   last.message());
      BY_RETURN_IF_ERROR(ctx.store.Update(
          [&](store::WriteTx& tx) { return CleanDoneCreate(tx, vol_id, op_id); }));
    }
    return last;
  };
  prepared.abandon = [&ctx, vol_id, op_id] {
    Status st = ctx.store.Update([&](store::WriteTx& tx) { return CleanDoneCreate(tx, vol_id, op_id); });
    if (!st.ok()) spdlog::error("cannot release abandoned volume {}: {}", vol_id, st.ToString());
  };
  return prepared;
}

}  // namespace brickyard::ops
