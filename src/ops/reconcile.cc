#include "ops/reconcile.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "common/ids.h"
#include "common/strings.h"
#include "executors/commands/naming.h"
#include "ops/adopt.h"
#include "ops/bricks.h"
#include "ops/examine_input.h"
#include "ops/volume_exec.h"

namespace brickyard::ops {
namespace {

constexpr int kHealAttempts = 10;

// The brick, its node and its volume's gid, when no operation owns them.
struct SettledBrick {
  BrickOnNode brick;
  model::Volume volume;
};

Result<SettledBrick> LoadSettledBrick(Context& ctx, const std::string& brick_id) {
  SettledBrick out;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::Brick b, tx.GetBrick(brick_id));
    BY_ASSIGN_OR_RETURN(out.volume, tx.GetVolume(b.volume_id));
    if (!b.pending_op.empty() || !out.volume.pending_op.empty()) {
      return Conflict("brick " + brick_id + " belongs to an operation in progress; left alone");
    }
    BY_ASSIGN_OR_RETURN(std::vector<model::PendingOp> ops, tx.ListPendingOps());
    for (const auto& op : ops) {
      for (const auto& c : op.changes) {
        if (c.id == brick_id || c.id == out.volume.id) {
          return Conflict("brick " + brick_id + " is named by pending operation " + op.id + "; left alone");
        }
      }
    }
    BY_ASSIGN_OR_RETURN(auto loaded, LoadBricksOnNodes(tx, {b}));
    out.brick = loaded.front();
    return Status::Ok();
  }));
  return out;
}

// Conflict when the store now knows the brick id (a new operation took it).
Status CheckStillLeaked(Context& ctx, const std::string& brick_id) {
  return ctx.store.View([&](store::ReadTx& tx) -> Status {
    if (tx.GetBrick(brick_id).ok()) return Conflict("brick " + brick_id + " is now in the database");
    BY_ASSIGN_OR_RETURN(std::vector<model::PendingOp> ops, tx.ListPendingOps());
    for (const auto& op : ops) {
      for (const auto& c : op.changes) {
        if (c.id == brick_id) return Conflict("brick " + brick_id + " is named by pending operation " + op.id);
      }
    }
    return Status::Ok();
  });
}

Status StartVolume(Context& ctx, const Finding& f, bool force) {
  return TryOnHosts(ctx, f.cluster_id, /*not_found_ok=*/false, [&](const std::string& host) {
    Status st = ctx.executor.VolumeStart(host, f.volume, force);
    return st.code() == Code::kConflict ? Status::Ok() : st;  // already started
  });
}

Status RemountBrick(Context& ctx, const Finding& f) {
  BY_ASSIGN_OR_RETURN(SettledBrick b, LoadSettledBrick(ctx, f.brick_id));
  BY_RETURN_IF_ERROR(ctx.executor.BrickRemount(b.brick.node.manage(),
                                               ToBrickRequest(b.brick.brick, b.volume.gid)));
  return StartVolume(ctx, f, /*force=*/true);
}

Status RecreateBrick(Context& ctx, const Finding& f) {
  BY_ASSIGN_OR_RETURN(SettledBrick b, LoadSettledBrick(ctx, f.brick_id));
  const std::string& host = b.brick.node.manage();
  const executors::BrickRequest req = ToBrickRequest(b.brick.brick, b.volume.gid);
  // Never rebuild a brick whose LV is there (a create that finished after
  // the examination read the node).
  BY_ASSIGN_OR_RETURN(std::vector<executors::commands::NodeLv> lvs, ctx.executor.BrickLvs(host));
  const std::string vg = executors::commands::VgName(req.device_id);
  for (const auto& lv : lvs) {
    if (lv.vg == vg && lv.name == req.lv_name) {
      return Conflict("brick " + f.brick_id + " has its LV " + vg + "/" + lv.name + " again; left alone");
    }
  }
  // What is left of the old brick (mount, fstab line, pool) goes first.
  auto destroyed = ctx.executor.BrickDestroy(host, req);
  if (!destroyed.ok() && destroyed.status().code() != Code::kNotFound) {
    return destroyed.status().Prefixed("removing what is left of brick " + f.brick_id + ": ");
  }
  BY_RETURN_IF_ERROR(ctx.executor.BrickCreate(host, req).Prefixed("recreating brick " + f.brick_id + ": "));
  const executors::BrickAddress addr{b.brick.node.storage(), b.brick.brick.path};
  BY_RETURN_IF_ERROR(ctx.executor.VolumeResetBrick(host, b.volume.name, addr)
                         .Prefixed("reset-brick of " + addr.host + ":" + addr.path + ": "));
  if (b.volume.durability.type == model::DurabilityType::kNone) return Status::Ok();
  // The self-heal daemon refuses a heal until it has reconnected to the
  // restarted brick, which takes a few seconds.
  Status heal;
  for (int attempt = 0; attempt < kHealAttempts; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::seconds(3));
    heal = ctx.executor.VolumeHealFull(host, b.volume.name);
    if (heal.ok()) break;
  }
  return heal.Prefixed("starting the heal: ");
}

// Conflict when a gluster volume of the cluster now has a brick on the
// leaked brick's node at or below its mount point; the error of the last
// node tried when none answers (whether a volume uses it is then unknown).
Status CheckNotInUse(Context& ctx, const Finding& f) {
  model::Node node;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(node, tx.GetNode(f.node_id));
    return Status::Ok();
  }));
  const std::string mount_point = executors::commands::BrickMountPoint(f.device_id, f.brick_id);
  std::vector<executors::commands::GlusterVolume> volumes;
  BY_RETURN_IF_ERROR(TryOnHosts(ctx, f.cluster_id, /*not_found_ok=*/false, [&](const std::string& host) -> Status {
    BY_ASSIGN_OR_RETURN(volumes, ctx.executor.VolumesInfo(host));
    return Status::Ok();
  }).Prefixed("cannot tell whether a gluster volume uses brick " + f.brick_id + ": "));
  for (const auto& v : volumes) {
    for (const auto& g : v.bricks) {
      const std::string path = PathOf(g.name);
      if ((path == mount_point || path.starts_with(mount_point + "/")) && NamesNode(node, HostOf(g.name))) {
        return Conflict("brick " + f.brick_id + " is in use by gluster volume " + v.name + "; left alone");
      }
    }
  }
  return Status::Ok();
}

Status RemoveLeaked(Context& ctx, const Finding& f) {
  BY_RETURN_IF_ERROR(CheckStillLeaked(ctx, f.brick_id));
  BY_RETURN_IF_ERROR(CheckNotInUse(ctx, f));
  model::Brick b;
  b.id = f.brick_id;
  b.device_id = f.device_id;
  b.path = executors::commands::BrickPath(f.device_id, f.brick_id);
  auto destroyed = ctx.executor.BrickDestroy(f.host, ToBrickRequest(b, 0));
  if (!destroyed.ok() && destroyed.status().code() != Code::kNotFound) return destroyed.status();
  return Status::Ok();
}

// Reads the cluster afresh, plans the adoption again and records it in one
// store transaction (RecordAdoption re-checks every id there).
Status AdoptVolume(Context& ctx, const Finding& f) {
  BY_ASSIGN_OR_RETURN(ClusterState state, ReadClusterState(ctx, f.cluster_id));
  if (state.seen.working_node_id.empty()) {
    return Unavailable("no node of cluster " + f.cluster_id + " answers for gluster's volumes");
  }
  auto gv = std::find_if(state.seen.volumes.begin(), state.seen.volumes.end(),
                         [&](const executors::commands::GlusterVolume& v) { return v.name == f.volume; });
  if (gv == state.seen.volumes.end()) return NotFound("gluster volume " + f.volume + " is gone");
  auto plan = PlanAdoption(state.db, state.seen, state.own, *gv);
  if (!plan.ok()) return plan.status().Prefixed("cannot adopt " + f.volume + ": ");
  std::string id;
  BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(id, RecordAdoption(tx, *plan));
    return Status::Ok();
  }));
  spdlog::info("reconcile: adopted gluster volume {} as volume {}", f.volume, id);
  return Status::Ok();
}

Status CheckIds(const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    if (!IsId(id)) return InvalidArgument("finding id \"" + id + "\" is not 32 hex characters");
  }
  return Status::Ok();
}

// The selected findings of `report`: `ids`, or every repairable one
// (adoptions only with `adopt`).
Result<std::vector<Finding>> Select(const ExamineReport& report, const std::vector<std::string>& ids,
                                    bool adopt, bool strict) {
  std::vector<Finding> out;
  if (ids.empty()) {
    for (const auto& f : report.findings) {
      if (f.repair == RepairAction::kNone || (f.repair == RepairAction::kAdoptVolume && !adopt)) continue;
      out.push_back(f);
    }
    return out;
  }
  for (const auto& id : ids) {
    auto it = std::find_if(report.findings.begin(), report.findings.end(),
                           [&](const Finding& f) { return f.id == id; });
    if (it == report.findings.end()) {
      if (strict) return NotFound("finding " + id + " is not reported by examine (any more)");
      continue;
    }
    if (it->repair == RepairAction::kNone) {
      if (strict) {
        return Conflict("finding " + id + " (" + std::string(FindingKindName(it->kind)) +
                        ") has no automatic repair: " + it->repair_detail);
      }
      continue;
    }
    out.push_back(*it);
  }
  return out;
}

}  // namespace

Status ApplyRepair(Context& ctx, const Finding& f) {
  switch (f.repair) {
    case RepairAction::kNone: return Conflict("finding " + f.id + " has no automatic repair");
    case RepairAction::kStartVolume: return StartVolume(ctx, f, /*force=*/false);
    case RepairAction::kStartBricks: return StartVolume(ctx, f, /*force=*/true);
    case RepairAction::kRemountBrick: return RemountBrick(ctx, f);
    case RepairAction::kRecreateBrick: return RecreateBrick(ctx, f);
    case RepairAction::kRemoveLeaked: return RemoveLeaked(ctx, f);
    case RepairAction::kAdoptVolume: return AdoptVolume(ctx, f);
  }
  return Internal("unknown repair");
}

Result<std::shared_ptr<ReconcileGate::Ticket>> ReconcileGate::Enter() {
  bool expected = false;
  if (!busy_->compare_exchange_strong(expected, true)) {
    return Conflict("a reconcile is already running; retry when it has finished");
  }
  return std::make_shared<Ticket>(busy_);
}

void ReconcileGate::Ticket::Release() {
  if (!released_.exchange(true)) busy_->store(false);
}

Result<std::vector<Finding>> PlanReconcile(Context& ctx, const std::vector<std::string>& finding_ids,
                                           bool adopt) {
  BY_RETURN_IF_ERROR(CheckIds(finding_ids));
  BY_ASSIGN_OR_RETURN(ExamineReport report, ExamineGluster(ctx));
  return Select(report, finding_ids, adopt, /*strict=*/true);
}

Result<PreparedOp> PrepareReconcile(Context& ctx, const std::vector<std::string>& finding_ids, bool adopt,
                                    ReconcileGate& gate) {
  BY_ASSIGN_OR_RETURN(std::shared_ptr<ReconcileGate::Ticket> ticket, gate.Enter());
  BY_RETURN_IF_ERROR(PlanReconcile(ctx, finding_ids, adopt).status());
  PreparedOp prepared;
  prepared.abandon = [ticket] { ticket->Release(); };
  prepared.run = [&ctx, finding_ids, adopt, ticket]() -> Result<std::string> {
    struct Releaser {
      ReconcileGate::Ticket& t;
      ~Releaser() { t.Release(); }
    } releaser{*ticket};
    BY_ASSIGN_OR_RETURN(ExamineReport report, ExamineGluster(ctx));
    BY_ASSIGN_OR_RETURN(std::vector<Finding> selected, Select(report, finding_ids, adopt, /*strict=*/false));
    std::vector<std::string> failures;
    for (const auto& f : selected) {
      Status st = ApplyRepair(ctx, f);
      if (st.ok()) {
        spdlog::info("reconcile: {} ({}) repaired: {}", f.id, FindingKindName(f.kind), f.repair_detail);
      } else {
        spdlog::warn("reconcile: {} ({}) not repaired: {}", f.id, FindingKindName(f.kind), st.message());
        failures.push_back(std::string(RepairActionName(f.repair)) + " for " + f.id + ": " + st.message());
      }
    }
    if (!failures.empty()) return Internal("reconcile: " + Join(failures, "; "));
    return std::string();
  };
  return prepared;
}

}  // namespace brickyard::ops
