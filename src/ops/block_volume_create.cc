// Block volume create: Build picks a block-hosting volume (BHV) with room at
// random, takes the space and records the pending block volume; the job runs
// `gluster-block create` on one node and finalises. When no BHV has room and
// auto-creation is on, a new BHV is created first, as its own journaled
// volume create, then the block volume is built on it.
#include <spdlog/spdlog.h>

#include <future>
#include <optional>
#include <random>

#include "common/ids.h"
#include "common/strings.h"
#include "model/block_volume.h"
#include "ops/block_volume_ops.h"
#include "ops/job_queue.h"
#include "ops/journal.h"
#include "ops/placement_input.h"
#include "ops/resolve.h"
#include "ops/volume_exec.h"

namespace brickyard::ops {
namespace {

// Build found no BHV with room; auto-creation may make one.
constexpr char kNeedsHostingVolume[] = "no block hosting volume has room";

Result<std::vector<std::string>> CandidateClusters(store::WriteTx& tx,
                                                   const std::vector<std::string>& refs) {
  std::vector<std::string> out;
  if (refs.empty()) {
    BY_ASSIGN_OR_RETURN(out, tx.ListClusterIds());
    if (out.empty()) return InvalidArgument("No clusters configured");
    return out;
  }
  for (const auto& ref : refs) {
    auto c = ResolveCluster(tx, ref);
    if (!c.ok()) return InvalidArgument("Cluster id " + ref + " not found");
    out.push_back(c->id);
  }
  return out;
}

// Records the pending block volume on a BHV chosen among those with room.
// NotFound(kNeedsHostingVolume) when none has room.
Status BuildCreate(Context& ctx, store::WriteTx& tx, const BlockVolumeCreateSpec& spec,
                   const std::string& bv_id, const std::string& op_id, uint64_t seed) {
  BY_ASSIGN_OR_RETURN(std::vector<std::string> clusters, CandidateClusters(tx, spec.clusters));
  const std::string name = spec.name.empty() ? "blockvol_" + bv_id : spec.name;
  std::vector<model::Volume> fits;
  for (const auto& cid : clusters) {
    BY_ASSIGN_OR_RETURN(model::Cluster c, tx.GetCluster(cid));
    if (!c.block) continue;
    BY_ASSIGN_OR_RETURN(auto ids, tx.ListClusterVolumeIds(cid, /*include_pending=*/true));
    for (const auto& vid : ids) {
      BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(vid));
      if (!model::CanHost(v, spec.size_gib)) continue;
      BY_ASSIGN_OR_RETURN(auto same_name, tx.FindBlockVolumeByName(vid, name));
      if (!same_name) fits.push_back(std::move(v));
    }
  }
  if (fits.empty()) return NotFound(kNeedsHostingVolume);
  std::mt19937_64 rng(seed);
  model::Volume bhv = fits[rng() % fits.size()];
  BY_RETURN_IF_ERROR(model::TakeBlockSpace(&bhv, spec.size_gib));
  BY_RETURN_IF_ERROR(tx.PutVolume(bhv));

  model::BlockVolume bv;
  bv.id = bv_id;
  bv.name = name;
  bv.size_gib = spec.size_gib;
  bv.cluster_id = bhv.cluster_id;
  bv.hosting_volume_id = bhv.id;
  bv.ha_count = spec.ha_count;
  bv.auth = spec.auth;
  bv.pending_op = op_id;
  model::PendingOp op;
  op.id = op_id;
  op.type = model::OpType::kCreateBlockVolume;
  op.timestamp = ctx.clock.NowUnix();
  op.changes.push_back({model::ChangeType::kAddBlockVolume, bv_id, 0});
  BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
  return tx.PutBlockVolume(bv);
}

// Why no BHV can be created for the request, or OK when one may be.
Status CheckAutoCreate(Context& ctx, store::WriteTx& tx, int64_t size_gib) {
  const auto& g = ctx.config.glusterfs;
  const int64_t usable = g.block_hosting_volume_size * 98 / 100;
  if (size_gib > usable) {
    return NoSpace("The size configured for automatic creation of block hosting volumes (" +
                   std::to_string(g.block_hosting_volume_size) +
                   ") is too small to host the requested block volume of size " +
                   std::to_string(size_gib) + ". The available size on this block hosting "
                   "volume, minus overhead, is " + std::to_string(usable) +
                   ". Please create a sufficiently large block hosting volume manually.");
  }
  // One BHV creation at a time: another one in flight may soon have room.
  BY_ASSIGN_OR_RETURN(auto ops, tx.ListPendingOps());
  for (const auto& op : ops) {
    if (op.type != model::OpType::kCreateVolume || op.status != model::OpStatus::kNew) continue;
    for (const auto& c : op.changes) {
      if (c.change != model::ChangeType::kAddVolume) continue;
      auto v = tx.GetVolume(c.id);
      if (v.ok() && v->block) {
        return Busy("A block hosting volume is being created; try again shortly");
      }
    }
  }
  if (!g.auto_create_block_hosting_volume) {
    return NoSpace("Block Hosting Volume Creation is disabled. Create a Block hosting volume "
                   "and try again.");
  }
  return Status::Ok();
}

Status CleanDoneCreate(store::WriteTx& tx, const std::string& bv_id, const std::string& op_id) {
  auto bv = tx.GetBlockVolume(bv_id);
  if (bv.ok()) {
    auto bhv = tx.GetVolume(bv->hosting_volume_id);
    if (bhv.ok()) {
      model::ReturnBlockSpace(&bhv.value(), bv->size_gib);
      BY_RETURN_IF_ERROR(tx.PutVolume(*bhv));
    }
    BY_RETURN_IF_ERROR(tx.DeleteBlockVolume(bv_id));
  }
  return tx.DeletePendingOp(op_id);
}

struct ExportHost {
  std::string storage;
  std::string manage;
};

// The hosts that export the block volume (spec §6 Exec step 2): with
// 0 < ha <= hosts, `ha` hosts in random order whose glusterd answers; else
// every host.
Result<std::vector<ExportHost>> ChooseHosts(Context& ctx, const std::string& cluster_id,
                                            int64_t ha, uint64_t seed) {
  std::vector<ExportHost> all;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(auto nodes, tx.ListClusterNodes(cluster_id));
    for (const auto& n : nodes) {
      if (n.state == model::State::kOnline) all.push_back({n.storage(), n.manage()});
    }
    return Status::Ok();
  }));
  if (all.empty()) return Unavailable("no hosts available");
  if (ha <= 0 || ha > static_cast<int64_t>(all.size())) return all;
  std::shuffle(all.begin(), all.end(), std::mt19937_64(seed));
  std::vector<ExportHost> chosen;
  for (const auto& h : all) {
    if (ctx.executor.GlusterdCheck(h.manage).ok()) chosen.push_back(h);
    if (static_cast<int64_t>(chosen.size()) == ha) return chosen;
  }
  return Unavailable("insufficient block hosts online");
}

// The node steps; on failure nothing is left on the nodes.
Result<std::string> ExecCreate(Context& ctx, const std::string& bv_id, const std::string& op_id) {
  model::BlockVolume bv;
  model::Volume bhv;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(bv, tx.GetBlockVolume(bv_id));
    BY_ASSIGN_OR_RETURN(bhv, tx.GetVolume(bv.hosting_volume_id));
    return Status::Ok();
  }));
  BY_ASSIGN_OR_RETURN(std::vector<ExportHost> hosts,
                      ChooseHosts(ctx, bv.cluster_id, bv.ha_count, SeedFromId(op_id)));
  executors::BlockVolumeRequest req;
  req.hosting_volume = bhv.name;
  req.name = bv.name;
  req.auth = bv.auth;
  for (const auto& h : hosts) req.hosts.push_back(h.storage);
  req.ha_count = static_cast<int64_t>(req.hosts.size());
  req.size_gib = bv.size_gib;
  const std::string& exec_host = hosts.front().manage;
  auto made = ctx.executor.BlockVolumeCreate(exec_host, req);
  if (!made.ok()) {
    Status undo = ctx.executor.BlockVolumeDelete(exec_host, bhv.name, bv.name);
    if (!undo.ok() && undo.code() != Code::kNotFound) {
      spdlog::warn("rollback of block volume {}: {}", bv.name, undo.message());
    }
    return made.status().Prefixed("cannot create block volume " + bv.name + " on node " +
                                  exec_host + ": ");
  }
  RecordStep(ctx, op_id, "block-volume-created", bv_id);
  const std::string location = "/blockvolumes/" + bv_id;
  BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::BlockVolume done, tx.GetBlockVolume(bv_id));
    done.hosts = req.hosts;
    done.ha_count = req.ha_count;
    done.iqn = made->iqn;
    done.lun = 0;
    done.username = made->username;
    done.password = made->password;
    done.usable_size_gib = done.size_gib;
    done.pending_op.clear();
    BY_RETURN_IF_ERROR(tx.PutBlockVolume(done));
    BY_RETURN_IF_ERROR(tx.DeletePendingOp(op_id));
    return JobQueue::RecordSuccess(tx, location);
  }));
  return location;
}

PreparedOp Job(Context& ctx, const std::string& bv_id, const std::string& op_id) {
  PreparedOp prepared;
  prepared.run = [&ctx, bv_id, op_id]() -> Result<std::string> {
    auto done = ExecCreate(ctx, bv_id, op_id);
    if (!done.ok()) {
      Status clean = ctx.store.Update([&](store::WriteTx& tx) { return CleanDoneCreate(tx, bv_id, op_id); });
      if (!clean.ok()) spdlog::error("block volume create {}: {}", bv_id, clean.ToString());
    }
    return done;
  };
  prepared.abandon = [&ctx, bv_id, op_id] {
    Status st = ctx.store.Update([&](store::WriteTx& tx) { return CleanDoneCreate(tx, bv_id, op_id); });
    if (!st.ok()) spdlog::error("block volume create {}: {}", bv_id, st.ToString());
  };
  return prepared;
}

}  // namespace

Result<PreparedOp> BlockVolumeOps::PrepareCreate(const BlockVolumeCreateSpec& spec) {
  const std::string bv_id = NewId();
  const std::string op_id = NewId();
  bool needs_bhv = false;
  Status built = ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    Status st = BuildCreate(ctx_, tx, spec, bv_id, op_id, SeedFromId(op_id));
    if (st.code() == Code::kNotFound && st.message() == kNeedsHostingVolume) {
      BY_RETURN_IF_ERROR(CheckAutoCreate(ctx_, tx, spec.size_gib));
      needs_bhv = true;
      return Status::Ok();
    }
    return st;
  });
  if (!built.ok()) {
    if (built.code() == Code::kNoSpace) return built.Prefixed("Failed to allocate new block volume: ");
    return built;
  }
  if (!needs_bhv) return Job(ctx_, bv_id, op_id);

  VolumeCreateSpec bhv;
  bhv.size_gib = ctx_.config.glusterfs.block_hosting_volume_size;
  bhv.clusters = spec.clusters;
  bhv.durability = {model::DurabilityType::kReplicate, 3, 0, 0};
  bhv.block = true;
  BY_ASSIGN_OR_RETURN(PreparedOp make_bhv, volumes_.PrepareCreate(bhv));
  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, spec, bv_id, op_id, make_bhv]() -> Result<std::string> {
    // The volume create records its own success on the job of the calling
    // thread; run it on another thread so this job's result stays the block
    // volume's.
    Result<std::string> made = std::async(std::launch::async, make_bhv.run).get();
    if (!made.ok()) return made.status().Prefixed("cannot create a block hosting volume: ");
    Status built = ctx.store.Update([&](store::WriteTx& tx) {
      return BuildCreate(ctx, tx, spec, bv_id, op_id, SeedFromId(op_id));
    });
    if (!built.ok()) return built.Prefixed("Failed to allocate new block volume: ");
    return Job(ctx, bv_id, op_id).run();
  };
  prepared.abandon = make_bhv.abandon;
  return prepared;
}

Status RecoverCreateBlockVolume(Context& ctx, const model::PendingOp& op) {
  std::string bv_id;
  for (const auto& c : op.changes) {
    if (c.change == model::ChangeType::kAddBlockVolume) bv_id = c.id;
  }
  std::optional<model::BlockVolume> bv;
  std::optional<model::Volume> bhv;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    auto found = tx.GetBlockVolume(bv_id);
    if (!found.ok()) return found.status().code() == Code::kNotFound ? Status::Ok() : found.status();
    bv = *found;
    auto host = tx.GetVolume(bv->hosting_volume_id);
    if (host.ok()) bhv = *host;
    return Status::Ok();
  }));
  if (bv && bv->pending_op != op.id) {
    return Internal("block volume " + bv->id + " is not owned by operation " + op.id);
  }
  if (bv && bhv) {
    BY_RETURN_IF_ERROR(TryOnHosts(ctx, bv->cluster_id, /*not_found_ok=*/true,
                                  [&](const std::string& host) {
                                    return ctx.executor.BlockVolumeDelete(host, bhv->name, bv->name);
                                  }));
  }
  return ctx.store.Update([&](store::WriteTx& tx) { return CleanDoneCreate(tx, bv_id, op.id); });
}

}  // namespace brickyard::ops
