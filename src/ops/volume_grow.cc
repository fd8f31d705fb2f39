// Volume expand in place: every brick of the volume grows (thin pool, thin
// LV, then the XFS file system) instead of new brick sets being added. Build
// checks that every device has room for the growth of all its bricks and
// records the grown bricks with the pending operation; the job grows the
// bricks on their nodes in parallel and finalises the new size. On failure the
// old sizes and the space are restored; a brick already grown on its node only
// has spare room, which a retry reuses.
#include <spdlog/spdlog.h>

#include <future>
#include <map>
#include <set>

#include "common/ids.h"
#include "model/sizing.h"
#include "ops/bricks.h"
#include "ops/journal.h"
#include "ops/op_recovery.h"
#include "ops/volume_load.h"
#include "ops/volume_ops.h"

namespace brickyard::ops {
namespace {

struct Growth {
  model::Brick old_brick;
  model::Brick new_brick;  // same id, grown sizes
  model::Node node;
};

// The grown sizes of every brick for `expand_gib` more GiB of `v`.
Result<std::vector<Growth>> PlanGrowth(store::ReadTx& tx, const LoadedVolume& lv, int64_t expand_gib) {
  const model::Volume& v = lv.volume;
  std::set<int64_t> sets;
  for (const auto& b : lv.bricks) sets.insert(b.brick.set_index);
  if (sets.empty()) return Internal("volume " + v.id + " has no bricks");
  int64_t per_set_kib = expand_gib * model::kGiB / static_cast<int64_t>(sets.size());
  if (v.durability.type == model::DurabilityType::kDisperse) per_set_kib /= v.durability.data;
  std::vector<Growth> out;
  for (const auto& b : lv.bricks) {
    Growth g{b.brick, b.brick, b.node};
    if (b.brick.tp_size_kib == 0) {
      return Conflict("Volume " + v.id + " is a clone; its bricks cannot grow in place");
    }
    int64_t data_old = 0;
    for (const auto& o : lv.bricks) {
      if (o.brick.set_index == b.brick.set_index && o.brick.role == model::BrickRole::kData) {
        data_old = o.brick.size_kib;
      }
    }
    if (b.brick.role == model::BrickRole::kArbiter && data_old > 0) {
      // The arbiter keeps its ratio to the data bricks of its set.
      g.new_brick.size_kib = b.brick.size_kib + b.brick.size_kib * per_set_kib / data_old;
    } else {
      g.new_brick.size_kib = b.brick.size_kib + per_set_kib;
    }
    BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(b.brick.device_id));
    model::BrickSpace space = model::ComputeBrickSpace(g.new_brick.size_kib, v.snapshot_factor, d.extent_kib);
    g.new_brick.tp_size_kib = std::max(space.tp_kib, b.brick.tp_size_kib);
    g.new_brick.pool_meta_kib = std::max(space.meta_kib, b.brick.pool_meta_kib);
    out.push_back(std::move(g));
  }
  return out;
}

// The extra device space the growth takes, per device.
std::map<std::string, int64_t> GrowthByDevice(const std::vector<Growth>& growth) {
  std::map<std::string, int64_t> delta;
  for (const auto& g : growth) {
    delta[g.old_brick.device_id] += g.new_brick.AccountedKib() - g.old_brick.AccountedKib();
  }
  return delta;
}

// Claims (sign +1) or releases (sign -1) the growth on the devices. A claim
// is NoSpace when a device lacks room.
Status MoveDeviceSpace(store::WriteTx& tx, const std::vector<Growth>& growth, int sign) {
  for (const auto& [device_id, d] : GrowthByDevice(growth)) {
    BY_ASSIGN_OR_RETURN(model::Device dev, tx.GetDevice(device_id));
    if (sign > 0 && dev.free_kib <= d) {
      return NoSpace("device " + device_id + " has " + std::to_string(dev.free_kib / model::kMiB) +
                     " MiB free; growing its bricks needs " + std::to_string(d / model::kMiB) + " MiB");
    }
    dev.free_kib -= sign * d;
    dev.used_kib += sign * d;
    BY_RETURN_IF_ERROR(tx.PutDevice(dev));
  }
  return Status::Ok();
}

}  // namespace

Result<PreparedOp> VolumeOps::PrepareGrowBricks(const std::string& volume_id, int64_t expand_gib) {
  const std::string op_id = NewId();
  LoadedVolume lv;
  std::vector<Growth> growth;
  Status built = ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(lv, LoadVisibleVolume(tx, volume_id));
    if (!lv.volume.pending_op.empty()) {
      return Conflict("Volume " + volume_id + " has an operation in progress");
    }
    BY_ASSIGN_OR_RETURN(growth, PlanGrowth(tx, lv, expand_gib));
    for (auto& g : growth) g.old_brick.pending_op = g.new_brick.pending_op = op_id;
    // Claim the space now and record the grown sizes, so the accounting
    // identities hold while the operation runs; a rollback restores the old.
    BY_RETURN_IF_ERROR(MoveDeviceSpace(tx, growth, +1));
    for (const auto& g : growth) BY_RETURN_IF_ERROR(tx.PutBrick(g.new_brick));
    model::Volume v = lv.volume;
    v.pending_op = op_id;
    BY_RETURN_IF_ERROR(tx.PutVolume(v));
    model::PendingOp op;
    op.id = op_id;
    op.type = model::OpType::kExpandVolume;
    op.timestamp = ctx_.clock.NowUnix();
    op.changes.push_back({model::ChangeType::kExpandVolume, volume_id, expand_gib});
    BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
    // The sizes before growth, so a cleanup after a crash can resume it.
    for (const auto& g : growth) {
      BY_RETURN_IF_ERROR(tx.AppendOpStep(
          op_id, {0, kBrickSizeBeforeStep, EncodeBrickSizeStep(g.old_brick), op.timestamp}));
    }
    return Status::Ok();
  });
  if (!built.ok()) {
    if (built.code() == Code::kNoSpace) return built.Prefixed("Failed to allocate volume expansion: ");
    return built;
  }

  Context& ctx = ctx_;
  // Releases the claim: devices back to the old accounting, bricks and
  // volume settled at their old sizes.
  auto release = [&ctx, growth, volume_id, op_id]() {
    return ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_RETURN_IF_ERROR(MoveDeviceSpace(tx, growth, -1));
      for (auto g : growth) {
        g.old_brick.pending_op.clear();
        BY_RETURN_IF_ERROR(tx.PutBrick(g.old_brick));
      }
      BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(volume_id));
      v.pending_op.clear();
      BY_RETURN_IF_ERROR(tx.PutVolume(v));
      return tx.DeletePendingOp(op_id);
    });
  };
  PreparedOp prepared;
  prepared.run = [&ctx, lv, growth, op_id, expand_gib, release]() -> Result<std::string> {
    const model::Volume& v = lv.volume;
    std::vector<std::future<Status>> futures;
    for (const auto& g : growth) {
      futures.push_back(std::async(std::launch::async, [&ctx, &g, &v] {
        executors::BrickSize size{g.new_brick.size_kib, g.new_brick.tp_size_kib, g.new_brick.pool_meta_kib};
        Status st = ctx.executor.BrickExtend(g.node.manage(), ToBrickRequest(g.old_brick, v.gid), size);
        if (!st.ok()) st = st.Prefixed("cannot grow brick " + g.old_brick.id + " on node " + g.node.manage() + ": ");
        return st;
      }));
    }
    Status first;
    for (auto& f : futures) {
      Status st = f.get();
      if (!st.ok() && first.ok()) first = st;
    }
    if (!first.ok()) {
      Status undo = release();
      if (!undo.ok()) spdlog::error("grow rollback of {}: {}", v.id, undo.ToString());
      return first;
    }
    RecordStep(ctx, op_id, "bricks-grown", v.id);
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      for (auto g : growth) {
        g.new_brick.pending_op.clear();
        BY_RETURN_IF_ERROR(tx.PutBrick(g.new_brick));
      }
      BY_ASSIGN_OR_RETURN(model::Volume cur, tx.GetVolume(v.id));
      cur.size_gib += expand_gib;
      if (cur.block) {
        int64_t free_add = expand_gib * 98 / 100;
        cur.block_info.free_size += free_add;
        cur.block_info.reserved_size += expand_gib - free_add;
      }
      cur.pending_op.clear();
      BY_RETURN_IF_ERROR(tx.PutVolume(cur));
      return tx.DeletePendingOp(op_id);
    }));
    return "/volumes/" + v.id;
  };
  prepared.abandon = [release] { (void)release(); };
  return prepared;
}

}  // namespace brickyard::ops
