// SshExecutor: gluster volume operations (spec provisioning §3.5, §3.6).
#include <spdlog/spdlog.h>

#include "common/ids.h"
#include "executors/commands/gluster.h"
#include "executors/commands/gluster_parse.h"
#include "executors/ssh/command_error.h"
#include "executors/ssh/ssh_executor.h"

namespace brickyard::executors::ssh {

Status SshExecutor::VolumeCreate(const std::string& host, const VolumeRequest& req) {
  BY_ASSIGN_OR_RETURN(auto cmds, commands::VolumeCreate(opts_, req));
  std::lock_guard lock(LockFor(Guard::kGluster, host));
  return RunBatch(host, cmds);
}

Status SshExecutor::VolumeExpand(const std::string& host, const VolumeRequest& req) {
  BY_ASSIGN_OR_RETURN(auto cmds, commands::VolumeAddBricks(opts_, req));
  std::lock_guard lock(LockFor(Guard::kGluster, host));
  BY_RETURN_IF_ERROR(RunBatch(host, cmds));
  if (opts_.rebalance_on_expansion) {
    auto rebalance = commands::VolumeRebalanceStart(opts_, req.name);
    Status st = rebalance.ok() ? Run(host, *rebalance).status() : rebalance.status();
    if (!st.ok()) spdlog::warn("rebalance of volume {} not started (ignored): {}", req.name, st.message());
  }
  return Status::Ok();
}

Status SshExecutor::VolumeDestroy(const std::string& host, const std::string& name) {
  std::lock_guard lock(LockFor(Guard::kGluster, host));
  return DestroyVolumeLocked(host, name);
}

Status SshExecutor::DestroyVolumeLocked(const std::string& host, const std::string& name) {
  BY_ASSIGN_OR_RETURN(commands::Command stop, commands::VolumeStop(opts_, name, /*force=*/true));
  BY_ASSIGN_OR_RETURN(commands::Command del, commands::VolumeDelete(opts_, name));
  BY_ASSIGN_OR_RETURN(CommandResult stopped, RunAny(host, stop));
  if (!stopped.ok()) {
    spdlog::warn("{} (ignored)", CommandFailed(host, commands::ToShellLine(stop), stopped).message());
  }
  BY_ASSIGN_OR_RETURN(CommandResult deleted, RunAny(host, del));
  if (!deleted.ok()) {
    return CommandFailed(host, commands::ToShellLine(del), deleted,
                         Mentions(deleted, "does not exist") ? Code::kNotFound : Code::kInternal);
  }
  return Status::Ok();
}

Status SshExecutor::VolumeClone(const std::string& host, const std::string& origin,
                                const std::string& clone_name) {
  const std::string snap = "tmpsnap_" + NewId();
  BY_ASSIGN_OR_RETURN(commands::Command create, commands::SnapshotCreate(opts_, snap, origin));
  BY_ASSIGN_OR_RETURN(commands::Command activate, commands::SnapshotActivate(opts_, snap));
  BY_ASSIGN_OR_RETURN(commands::Command clone, commands::SnapshotClone(opts_, clone_name, snap));
  BY_ASSIGN_OR_RETURN(commands::Command start, commands::VolumeStartXml(opts_, clone_name));
  BY_ASSIGN_OR_RETURN(commands::Command deactivate, commands::SnapshotDeactivate(opts_, snap));
  BY_ASSIGN_OR_RETURN(commands::Command remove, commands::SnapshotDelete(opts_, snap));

  std::lock_guard lock(LockFor(Guard::kGluster, host));
  BY_ASSIGN_OR_RETURN(CommandResult created, RunGlusterXml(host, create));
  BY_RETURN_IF_ERROR(
      commands::ParseSnapshotCreateXml(created.stdout_text).status().Prefixed(host + ": "));
  // The temporary snapshot goes whatever happens next.
  const auto drop_snapshot = [&] {
    for (const auto* cmd : {&deactivate, &remove}) {
      auto r = RunGlusterXml(host, *cmd);
      if (!r.ok()) spdlog::warn("{} (snapshot {} left behind)", r.status().message(), snap);
    }
  };
  Status st = RunGlusterXml(host, activate).status();
  if (st.ok()) {
    auto cloned = RunGlusterXml(host, clone);
    st = cloned.ok() ? commands::ParseSnapshotCloneXml(cloned->stdout_text).status().Prefixed(host + ": ")
                     : cloned.status();
    if (st.ok()) {
      st = RunGlusterXml(host, start).status();
      if (!st.ok()) {
        Status undo = DestroyVolumeLocked(host, clone_name);
        if (!undo.ok()) spdlog::error("removing clone {} on {}: {}", clone_name, host, undo.message());
      }
    }
  }
  drop_snapshot();
  return st;
}

Status SshExecutor::VolumeReplaceBrick(const std::string& host, const std::string& volume,
                                       const BrickAddress& old_brick, const BrickAddress& new_brick) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd,
                      commands::VolumeReplaceBrick(opts_, volume, old_brick, new_brick));
  std::lock_guard lock(LockFor(Guard::kGluster, host));
  return Run(host, cmd).status();
}

Result<commands::GlusterVolume> SshExecutor::VolumeInfo(const std::string& host,
                                                        const std::string& name) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::VolumeInfo(opts_, name));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunGlusterXml(host, cmd));
  auto parsed = commands::ParseVolumeInfoXml(r.stdout_text);
  if (!parsed.ok()) return parsed.status().Prefixed(host + ": ");
  std::vector<commands::GlusterVolume> volumes = std::move(parsed).value();
  if (volumes.empty()) return NotFound(host + ": volume " + name + " does not exist");
  return std::move(volumes.front());
}

Result<std::vector<commands::HealBrick>> SshExecutor::HealInfo(const std::string& host,
                                                               const std::string& name) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::VolumeHealInfo(opts_, name));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunGlusterXml(host, cmd));
  auto parsed = commands::ParseHealInfoXml(r.stdout_text);
  if (!parsed.ok()) return parsed.status().Prefixed(host + ": ");
  return parsed;
}

}  // namespace brickyard::executors::ssh
