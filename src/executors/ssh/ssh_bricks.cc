// SshExecutor: brick create, destroy and in-place growth (spec provisioning
// §3.4; BrickExtend is Brickyard's own).
#include <spdlog/spdlog.h>

#include <algorithm>

#include "executors/commands/batches.h"
#include "executors/commands/lvm.h"
#include "executors/commands/lvm_parse.h"
#include "executors/commands/mount.h"
#include "executors/commands/naming.h"
#include "executors/commands/xfs.h"
#include "executors/ssh/command_error.h"
#include "executors/ssh/ssh_executor.h"

namespace brickyard::executors::ssh {
namespace {

// True when `mount` output lists `mount_point` as a mount point
// ("<dev> on <mount point> type <fs> (<opts>)").
bool Lists(const std::string& mount_output, const std::string& mount_point) {
  return mount_output.find(" on " + mount_point + " type ") != std::string::npos;
}

// lvextend's answers when the LV already has (at least) the asked size,
// which a retried BrickExtend meets after a partial success.
bool AlreadyThatLarge(const CommandResult& r) {
  return Mentions(r, "matches existing size") || Mentions(r, "not larger than existing size");
}

}  // namespace

Status SshExecutor::BrickCreate(const std::string& host, const BrickRequest& req) {
  BY_ASSIGN_OR_RETURN(auto batch, commands::BrickCreateBatch(opts_, req));
  BY_ASSIGN_OR_RETURN(std::string mount_point, commands::MountPointOf(req.path));
  BY_ASSIGN_OR_RETURN(commands::Command fstab_append,
                      commands::FstabAppend(opts_, req.device_id, req.lv_name, mount_point));
  for (const auto& cmd : batch) {
    Status st = (cmd == fstab_append ? RunFstabEdit(host, cmd) : Run(host, cmd)).status();
    if (st.ok()) continue;
    spdlog::warn("brick {} on {} failed, cleaning up: {}", req.brick_id, host, st.message());
    auto undo = BrickDestroy(host, req);
    if (!undo.ok()) {
      spdlog::error("cleanup of brick {} on {} failed: {}", req.brick_id, host, undo.status().message());
    }
    return st;  // the original error
  }
  return Status::Ok();
}

Result<bool> SshExecutor::BrickDestroy(const std::string& host, const BrickRequest& req) {
  BY_ASSIGN_OR_RETURN(std::string mount_point, commands::MountPointOf(req.path));
  // 1. Unmount; a brick that is not mounted counts as unmounted.
  BY_ASSIGN_OR_RETURN(commands::Command umount, commands::Umount(opts_, mount_point));
  BY_ASSIGN_OR_RETURN(CommandResult um, RunAny(host, umount));
  Status umount_error;
  if (!um.ok()) {
    BY_ASSIGN_OR_RETURN(commands::Command list, commands::ListMounts(opts_));
    auto mounts = Run(host, list);
    if (!mounts.ok() || Lists(mounts->stdout_text, mount_point)) {
      umount_error = CommandFailed(host, commands::ToShellLine(umount), um);
      if (opts_.debug_umount_failures) {
        auto lsof = commands::Lsof(opts_, mount_point);
        auto open = lsof.ok() ? RunAny(host, *lsof) : Result<CommandResult>(lsof.status());
        if (open.ok()) spdlog::warn("{}: files open under {}:\n{}", host, mount_point, open->stdout_text);
      }
    }
  }
  // 2. Drop the fstab line before any LVM change, so a crash never leaves a
  //    line for an LV that is gone (glusterd owns clone mounts: no line).
  if (!commands::IsGlusterManagedMount(req.path)) {
    BY_ASSIGN_OR_RETURN(commands::Command sed, commands::FstabRemoveBrick(opts_, req.brick_id));
    BY_RETURN_IF_ERROR(RunFstabEdit(host, sed).status());
  }
  // 3. Still mounted: leave LVM alone.
  BY_RETURN_IF_ERROR(umount_error);
  return RemoveBrickLvs(host, req);
}

Result<bool> SshExecutor::RemoveBrickLvs(const std::string& host, const BrickRequest& req) {
  BY_ASSIGN_OR_RETURN(std::string mount_point, commands::MountPointOf(req.path));
  // 4a. The pool, when not given (snapshot-clone bricks): asked of LVM
  //     while the LV still exists.
  BY_ASSIGN_OR_RETURN(std::string tp_name, PoolOf(host, req));
  // 4. The brick LV; already gone is fine.
  BY_ASSIGN_OR_RETURN(commands::Command lvremove, commands::LvRemove(opts_, req.device_id, req.lv_name));
  BY_ASSIGN_OR_RETURN(CommandResult lv, RunAny(host, lvremove));
  if (!lv.ok() && !LvmNotFound(lv)) return CommandFailed(host, commands::ToShellLine(lvremove), lv);
  if (tp_name.empty()) {
    // The LV was already gone and with it the only record of its pool.
    spdlog::warn("{}: LV {} of brick {} was already gone; its thin pool is not checked",
                 host, req.lv_name, req.brick_id);
    RemoveMountDirs(host, mount_point, req.path);
    return false;
  }
  // 5. LVs left in the pool (snapshots and clones share it); a missing pool has none.
  BY_ASSIGN_OR_RETURN(commands::Command thin, commands::ThinCount(opts_, req.device_id, tp_name));
  BY_ASSIGN_OR_RETURN(CommandResult tc, RunAny(host, thin));
  int64_t count = 0;
  if (tc.ok()) {
    auto parsed = commands::ParseThinCount(tc.stdout_text);
    if (!parsed.ok()) {
      return Status(parsed.status().code(), host + ": cannot read the output of `" +
                                                BoundedLine(commands::ToShellLine(thin)) +
                                                "`: " + parsed.status().message());
    }
    count = *parsed;
  } else if (!LvmNotFound(tc)) {
    return CommandFailed(host, commands::ToShellLine(thin), tc);
  }
  // 6. An empty pool goes; its space is then reclaimed.
  bool reclaimed = false;
  if (count == 0) {
    BY_ASSIGN_OR_RETURN(commands::Command pool, commands::LvRemove(opts_, req.device_id, tp_name));
    BY_ASSIGN_OR_RETURN(CommandResult pr, RunAny(host, pool));
    reclaimed = pr.ok() || LvmNotFound(pr);
    if (!reclaimed) {
      spdlog::warn("{} (space not reclaimed)", CommandFailed(host, commands::ToShellLine(pool), pr).message());
    }
  }
  // 7. The mount point; failures only logged.
  RemoveMountDirs(host, mount_point, req.path);
  return reclaimed;
}

Result<std::string> SshExecutor::PoolOf(const std::string& host, const BrickRequest& req) {
  if (!req.tp_name.empty()) return req.tp_name;
  BY_ASSIGN_OR_RETURN(commands::Command query, commands::LvPool(opts_, req.device_id, req.lv_name));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunAny(host, query));
  if (!r.ok()) {
    if (LvmNotFound(r)) return std::string();
    return CommandFailed(host, commands::ToShellLine(query), r);
  }
  auto pool = commands::ParseLvPool(r.stdout_text);
  if (!pool.ok()) {
    return Status(pool.status().code(), host + ": cannot read the output of `" +
                                            BoundedLine(commands::ToShellLine(query)) +
                                            "`: " + pool.status().message());
  }
  return pool;
}

void SshExecutor::RemoveMountDirs(const std::string& host, const std::string& mount_point,
                                  const std::string& brick_path) {
  std::vector<std::string> dirs = {mount_point};
  // glusterd's per-clone directory <snaps>/<X> goes with its last brick
  if (commands::IsGlusterManagedMount(brick_path)) {
    dirs.push_back(mount_point.substr(0, mount_point.rfind('/')));
  }
  for (const auto& dir : dirs) {
    auto rmdir = commands::Rmdir(opts_, dir);
    auto rd = rmdir.ok() ? RunAny(host, *rmdir) : Result<CommandResult>(rmdir.status());
    if (!rd.ok()) {
      spdlog::warn("{}: rmdir {} (ignored): {}", host, dir, rd.status().message());
    } else if (!rd->ok()) {
      spdlog::warn("{} (ignored)", CommandFailed(host, commands::ToShellLine(*rmdir), *rd).message());
    }
  }
}

Status SshExecutor::BrickExtend(const std::string& host, const BrickRequest& req,
                                const BrickSize& grown) {
  if (grown.size_kib < req.size_kib || grown.tp_size_kib < req.tp_size_kib ||
      grown.tp_size_kib < grown.size_kib) {
    return InvalidArgument("brick " + req.brick_id + " cannot shrink or outgrow its thin pool");
  }
  BY_ASSIGN_OR_RETURN(std::string mount_point, commands::MountPointOf(req.path));
  std::vector<commands::Command> steps;
  const auto add = [&](Result<commands::Command> cmd) -> Status {
    if (!cmd.ok()) return cmd.status();
    steps.push_back(std::move(cmd).value());
    return Status::Ok();
  };
  if (grown.tp_size_kib > req.tp_size_kib) {
    BY_RETURN_IF_ERROR(add(commands::LvExtend(opts_, req.device_id, req.tp_name, grown.tp_size_kib)));
  }
  if (grown.pool_meta_kib > req.pool_meta_kib) {
    BY_RETURN_IF_ERROR(add(
        commands::LvExtendPoolMetadata(opts_, req.device_id, req.tp_name, grown.pool_meta_kib)));
  }
  if (grown.size_kib > req.size_kib) {
    BY_RETURN_IF_ERROR(add(commands::LvExtend(opts_, req.device_id, req.lv_name, grown.size_kib)));
  }
  BY_RETURN_IF_ERROR(add(commands::XfsGrowfs(opts_, mount_point)));
  for (const auto& cmd : steps) {
    BY_ASSIGN_OR_RETURN(CommandResult r, RunAny(host, cmd));
    if (r.ok() || AlreadyThatLarge(r)) continue;
    return CommandFailed(host, commands::ToShellLine(cmd), r,
                         LvmNotFound(r) ? Code::kNotFound : Code::kInternal);
  }
  return Status::Ok();
}

}  // namespace brickyard::executors::ssh
