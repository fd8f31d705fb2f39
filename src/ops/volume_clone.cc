// Volume clone: a Gluster snapshot clone that shares the origin's thin pools,
// so the clone's bricks take no new space. Build records the clone and its
// bricks as pending; the job snapshots and clones on a node, reads back where
// glusterd put the clone's bricks (glusterd names their paths and LVs) and
// finalises with those paths.
#include <spdlog/spdlog.h>

#include <map>

#include "common/ids.h"
#include "executors/commands/naming.h"
#include "executors/commands/validate.h"
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

// "host:/path" -> {host, path}; the path starts at the first ":/".
std::pair<std::string, std::string> SplitBrickName(const std::string& name) {
  const size_t colon = name.find(":/");
  if (colon == std::string::npos) return {name, ""};
  return {name.substr(0, colon), name.substr(colon + 1)};
}

// Where gluster put the clone's bricks, by origin brick id: brick k of
// `clone_info` is the snapshot of brick k of `origin_info` (gluster keeps
// the order) and must be on the same host, under glusterd's snapshot area.
Result<std::map<std::string, std::string>> ClonePaths(const executors::commands::GlusterVolume& origin_info,
                                                      const executors::commands::GlusterVolume& clone_info,
                                                      const std::vector<BrickOnNode>& origin_bricks) {
  if (origin_info.bricks.size() != origin_bricks.size() ||
      clone_info.bricks.size() != origin_bricks.size()) {
    return Internal("gluster reports " + std::to_string(origin_info.bricks.size()) +
                    " bricks for the origin and " + std::to_string(clone_info.bricks.size()) +
                    " for the clone; expected " + std::to_string(origin_bricks.size()));
  }
  std::map<std::string, std::string> by_name;  // "storage host:path" -> origin brick id
  for (const auto& b : origin_bricks) by_name[b.node.storage() + ":" + b.brick.path] = b.brick.id;
  std::map<std::string, std::string> paths;
  for (size_t k = 0; k < origin_bricks.size(); ++k) {
    auto it = by_name.find(origin_info.bricks[k].name);
    if (it == by_name.end()) {
      return Internal("gluster reports origin brick " + origin_info.bricks[k].name +
                      ", which is not one of the volume's bricks");
    }
    auto [origin_host, origin_path] = SplitBrickName(origin_info.bricks[k].name);
    auto [host, path] = SplitBrickName(clone_info.bricks[k].name);
    if (host != origin_host) {
      return Internal("clone brick " + clone_info.bricks[k].name + " is not on the host of " +
                      origin_info.bricks[k].name);
    }
    Status valid = executors::commands::ValidatePath(path, "clone brick path");
    if (valid.ok()) valid = executors::commands::SnapshotBrickPosition(path).status();
    if (!valid.ok()) return Internal("unexpected clone brick " + clone_info.bricks[k].name + ": " + valid.message());
    paths[it->second] = path;
  }
  return paths;
}

}  // namespace

Result<PreparedOp> VolumeOps::PrepareClone(const std::string& volume_id,
                                           const std::string& clone_name) {
  const std::string op_id = NewId();
  const std::string clone_id = NewId();
  model::Volume origin;
  model::Volume clone;
  std::vector<BrickOnNode> origin_bricks;
  std::map<std::string, std::string> origin_of;  // clone brick id -> origin brick id
  Status built = ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(LoadedVolume lv, LoadVisibleVolume(tx, volume_id));
    origin = lv.volume;
    origin_bricks = lv.bricks;
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
      origin_of[b.id] = src.brick.id;
      // Clone bricks live in glusterd's snapshot area and share the origin's
      // thin pool: no space of their own is accounted. Until glusterd has
      // made them, a placeholder path there that no mount uses, so that
      // cleaning up the pending operation can touch nothing of the origin;
      // the paths gluster reports replace it.
      b.path = "/run/gluster/snaps/pending_" + clone_id + "/brick" + std::to_string(++n) + "/brick";
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
  prepared.run = [&ctx, origin, clone, op_id, origin_bricks,
                  origin_of]() -> Result<std::string> {
    const auto clean_db = [&] {
      return ctx.store.Update([&](store::WriteTx& tx) { return CleanDoneClone(tx, clone.id, op_id); });
    };
    std::string cloned_on;
    Status st = TryOnHosts(ctx, origin.cluster_id, /*not_found_ok=*/false,
                           [&](const std::string& host) {
                             Status s = ctx.executor.VolumeClone(host, origin.name, clone.name);
                             if (s.ok()) cloned_on = host;
                             return s;
                           });
    if (!st.ok()) {
      BY_RETURN_IF_ERROR(clean_db());
      return st.Prefixed("cannot clone volume " + origin.name + ": ");
    }
    RecordStep(ctx, op_id, "volume-cloned", clone.id);
    auto origin_info = ctx.executor.VolumeInfo(cloned_on, origin.name);
    auto clone_info = origin_info.ok() ? ctx.executor.VolumeInfo(cloned_on, clone.name)
                                       : Result<executors::commands::GlusterVolume>(origin_info.status());
    Result<std::map<std::string, std::string>> paths =
        clone_info.ok() ? ClonePaths(*origin_info, *clone_info, origin_bricks)
                        : Result<std::map<std::string, std::string>>(clone_info.status());
    if (!paths.ok()) {
      // Without its brick paths the clone cannot be managed: remove it.
      Status undo = ctx.executor.VolumeDestroy(cloned_on, clone.name);
      BY_RETURN_IF_ERROR(clean_db());
      std::string msg = "cannot read the bricks of clone " + clone.name + " on " + cloned_on +
                        ": " + paths.status().message();
      msg += undo.ok() ? "; the gluster volume was removed, its snapshot LVs stay on the nodes"
                       : "; removing it failed too: " + undo.message();
      return Internal(msg);
    }
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(clone.id));
      v.pending_op.clear();
      BY_RETURN_IF_ERROR(tx.PutVolume(v));
      BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bricks, tx.ListVolumeBricks(clone.id));
      for (auto& b : bricks) {
        b.path = paths->at(origin_of.at(b.id));
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
