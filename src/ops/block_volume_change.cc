// Block volume delete and expand (spec provisioning §6). Build marks the
// block volume pending (and, for expand, takes the added size from its
// hosting volume); the job runs gluster-block once through the first
// available node; Finalize settles the store. A failed run gives back what
// Build took and clears the marker.
#include <spdlog/spdlog.h>

#include <optional>

#include "common/ids.h"
#include "model/block_volume.h"
#include "ops/block_volume_ops.h"
#include "ops/job_queue.h"
#include "ops/journal.h"
#include "ops/views.h"
#include "ops/volume_exec.h"

namespace brickyard::ops {
namespace {

struct Loaded {
  model::BlockVolume bv;
  model::Volume bhv;
};

// The block volume (visible, not pending) with its hosting volume.
Result<Loaded> LoadSettled(store::ReadTx& tx, const std::string& id, const char* what) {
  Loaded l;
  BY_ASSIGN_OR_RETURN(l.bv, LoadBlockVolumeView(tx, id));
  if (!l.bv.pending_op.empty()) {
    return Conflict(std::string("Failed to set up block volume ") + what + ": block volume " + id +
                    " is in use by another operation");
  }
  BY_ASSIGN_OR_RETURN(l.bhv, tx.GetVolume(l.bv.hosting_volume_id));
  return l;
}

model::PendingOp NewOp(Context& ctx, const std::string& op_id, model::OpType type,
                       model::ChangeType change, const std::string& target, int64_t delta) {
  model::PendingOp op;
  op.id = op_id;
  op.type = type;
  op.timestamp = ctx.clock.NowUnix();
  op.changes.push_back({change, target, delta});
  return op;
}

Status SetMarker(store::WriteTx& tx, const std::string& id, const std::string& op_id) {
  BY_ASSIGN_OR_RETURN(model::BlockVolume bv, tx.GetBlockVolume(id));
  bv.pending_op = op_id;
  return tx.PutBlockVolume(bv);
}

}  // namespace

Result<PreparedOp> BlockVolumeOps::PrepareDelete(const std::string& id) {
  const std::string op_id = NewId();
  Loaded l;
  BY_RETURN_IF_ERROR(ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(l, LoadSettled(tx, id, "delete"));
    BY_RETURN_IF_ERROR(tx.PutPendingOp(NewOp(ctx_, op_id, model::OpType::kDeleteBlockVolume,
                                             model::ChangeType::kDeleteBlockVolume, id, 0)));
    return SetMarker(tx, id, op_id);
  }));
  Context& ctx = ctx_;
  auto undo = [&ctx, id, op_id] {
    Status st = ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_RETURN_IF_ERROR(SetMarker(tx, id, ""));
      return tx.DeletePendingOp(op_id);
    });
    if (!st.ok()) spdlog::error("block volume delete {}: {}", id, st.ToString());
  };
  PreparedOp prepared;
  prepared.run = [&ctx, l, op_id, undo]() -> Result<std::string> {
    Status st = TryOnHosts(ctx, l.bv.cluster_id, /*not_found_ok=*/true, [&](const std::string& host) {
      return ctx.executor.BlockVolumeDelete(host, l.bhv.name, l.bv.name);
    });
    if (!st.ok()) {
      undo();
      return st.Prefixed("cannot delete block volume " + l.bv.name + ": ");
    }
    RecordStep(ctx, op_id, "block-volume-deleted", l.bv.id);
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::Volume bhv, tx.GetVolume(l.bhv.id));
      model::ReturnBlockSpace(&bhv, l.bv.size_gib);
      BY_RETURN_IF_ERROR(tx.PutVolume(bhv));
      BY_RETURN_IF_ERROR(tx.DeleteBlockVolume(l.bv.id));
      return tx.DeletePendingOp(op_id);
    }));
    return std::string();
  };
  prepared.abandon = undo;
  return prepared;
}

Result<PreparedOp> BlockVolumeOps::PrepareExpand(const std::string& id, int64_t new_size) {
  const std::string op_id = NewId();
  Loaded l;
  int64_t delta = 0;
  BY_RETURN_IF_ERROR(ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(l, LoadSettled(tx, id, "expand"));
    const int64_t size = l.bv.size_gib;
    const bool rerun = new_size == size && l.bv.usable_size_gib != 0 && l.bv.usable_size_gib != size;
    if (new_size < size) {
      return InvalidArgument("Requested new-size " + std::to_string(new_size) +
                             " is less than current block volume size " + std::to_string(size));
    }
    if (new_size == size && !rerun) {
      return InvalidArgument("Requested new-size " + std::to_string(new_size) +
                             " is same as current block volume size " + std::to_string(size) +
                             ", nothing to be done.");
    }
    if (!l.bhv.pending_op.empty()) {
      return Conflict("Failed to set up block volume expand: its block hosting volume " +
                      l.bhv.id + " is in use by another operation");
    }
    delta = new_size - size;
    Status room = model::TakeBlockSpace(&l.bhv, delta);
    if (!room.ok()) return room.Prefixed("Failed to allocate block volume expansion: ");
    BY_RETURN_IF_ERROR(tx.PutVolume(l.bhv));
    BY_RETURN_IF_ERROR(tx.PutPendingOp(NewOp(ctx_, op_id, model::OpType::kExpandBlockVolume,
                                             model::ChangeType::kExpandBlockVolume, id, delta)));
    return SetMarker(tx, id, op_id);
  }));
  Context& ctx = ctx_;
  // Settles the store at `size` (usable `usable`) and returns what the BHV
  // holds beyond it.
  auto settle = [&ctx, id, op_id, l, delta](int64_t size, int64_t usable) {
    return ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::BlockVolume bv, tx.GetBlockVolume(id));
      if (size != bv.size_gib + delta) {
        BY_ASSIGN_OR_RETURN(model::Volume bhv, tx.GetVolume(l.bhv.id));
        model::ReturnBlockSpace(&bhv, bv.size_gib + delta - size);
        BY_RETURN_IF_ERROR(tx.PutVolume(bhv));
      }
      bv.size_gib = size;
      bv.usable_size_gib = usable;
      bv.pending_op.clear();
      BY_RETURN_IF_ERROR(tx.PutBlockVolume(bv));
      BY_RETURN_IF_ERROR(tx.DeletePendingOp(op_id));
      if (size == l.bv.size_gib + delta) return JobQueue::RecordSuccess(tx, "/blockvolumes/" + id);
      return Status::Ok();
    });
  };
  PreparedOp prepared;
  prepared.run = [&ctx, l, new_size, settle]() -> Result<std::string> {
    Status st = TryOnHosts(ctx, l.bv.cluster_id, /*not_found_ok=*/false, [&](const std::string& host) {
      return ctx.executor.BlockVolumeExpand(host, l.bhv.name, l.bv.name, new_size);
    });
    if (st.ok()) {
      BY_RETURN_IF_ERROR(settle(new_size, new_size));
      return "/blockvolumes/" + l.bv.id;
    }
    // What did the nodes do? Accept the new size if gluster-block has it.
    int64_t actual = l.bv.size_gib, usable = l.bv.usable_size_gib;
    Status read = TryOnHosts(ctx, l.bv.cluster_id, false, [&](const std::string& host) -> Status {
      BY_ASSIGN_OR_RETURN(auto info, ctx.executor.BlockVolumeInfo(host, l.bhv.name, l.bv.name));
      actual = info.size_gib;
      usable = info.resize_failed_min_gib != 0 ? info.resize_failed_min_gib : info.size_gib;
      return Status::Ok();
    });
    if (read.ok() && actual == new_size) {
      BY_RETURN_IF_ERROR(settle(new_size, usable));
      return "/blockvolumes/" + l.bv.id;
    }
    Status back = settle(l.bv.size_gib, l.bv.usable_size_gib);
    if (!back.ok()) spdlog::error("block volume expand {}: {}", l.bv.id, back.ToString());
    return st.Prefixed("cannot expand block volume " + l.bv.name + ": ");
  };
  prepared.abandon = [settle, l] { (void)settle(l.bv.size_gib, l.bv.usable_size_gib); };
  return prepared;
}

namespace {

// The block volume an operation changes, with its hosting volume; nullopt
// when it is gone.
Result<std::optional<Loaded>> LoadChanged(Context& ctx, const model::PendingOp& op,
                                          model::ChangeType change) {
  std::string id;
  for (const auto& c : op.changes) {
    if (c.change == change) id = c.id;
  }
  std::optional<Loaded> out;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    auto bv = tx.GetBlockVolume(id);
    if (!bv.ok()) return bv.status().code() == Code::kNotFound ? Status::Ok() : bv.status();
    Loaded l;
    l.bv = *bv;
    BY_ASSIGN_OR_RETURN(l.bhv, tx.GetVolume(l.bv.hosting_volume_id));
    out = std::move(l);
    return Status::Ok();
  }));
  if (out && out->bv.pending_op != op.id) {
    return Internal("block volume " + out->bv.id + " is not owned by operation " + op.id);
  }
  return out;
}

}  // namespace

Status RecoverDeleteBlockVolume(Context& ctx, const model::PendingOp& op) {
  BY_ASSIGN_OR_RETURN(auto l, LoadChanged(ctx, op, model::ChangeType::kDeleteBlockVolume));
  if (!l) return ctx.store.Update([&](store::WriteTx& tx) { return tx.DeletePendingOp(op.id); });
  BY_RETURN_IF_ERROR(TryOnHosts(ctx, l->bv.cluster_id, /*not_found_ok=*/true,
                                [&](const std::string& host) {
                                  return ctx.executor.BlockVolumeDelete(host, l->bhv.name, l->bv.name);
                                }));
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::Volume bhv, tx.GetVolume(l->bhv.id));
    model::ReturnBlockSpace(&bhv, l->bv.size_gib);
    BY_RETURN_IF_ERROR(tx.PutVolume(bhv));
    BY_RETURN_IF_ERROR(tx.DeleteBlockVolume(l->bv.id));
    return tx.DeletePendingOp(op.id);
  });
}

Status RecoverExpandBlockVolume(Context& ctx, const model::PendingOp& op) {
  BY_ASSIGN_OR_RETURN(auto l, LoadChanged(ctx, op, model::ChangeType::kExpandBlockVolume));
  if (!l) return ctx.store.Update([&](store::WriteTx& tx) { return tx.DeletePendingOp(op.id); });
  int64_t delta = 0;
  for (const auto& c : op.changes) {
    if (c.change == model::ChangeType::kExpandBlockVolume) delta = c.delta;
  }
  int64_t actual = 0, usable = 0;
  BY_RETURN_IF_ERROR(TryOnHosts(ctx, l->bv.cluster_id, false, [&](const std::string& host) -> Status {
    BY_ASSIGN_OR_RETURN(auto info, ctx.executor.BlockVolumeInfo(host, l->bhv.name, l->bv.name));
    actual = info.size_gib;
    usable = info.resize_failed_min_gib != 0 ? info.resize_failed_min_gib : info.size_gib;
    return Status::Ok();
  }));
  const int64_t target = l->bv.size_gib + delta;
  const bool grown = actual == target;
  return ctx.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::BlockVolume bv, tx.GetBlockVolume(l->bv.id));
    if (grown) {
      bv.size_gib = target;
      bv.usable_size_gib = usable;
    } else {
      BY_ASSIGN_OR_RETURN(model::Volume bhv, tx.GetVolume(l->bhv.id));
      model::ReturnBlockSpace(&bhv, delta);
      BY_RETURN_IF_ERROR(tx.PutVolume(bhv));
    }
    bv.pending_op.clear();
    BY_RETURN_IF_ERROR(tx.PutBlockVolume(bv));
    return tx.DeletePendingOp(op.id);
  });
}

}  // namespace brickyard::ops
