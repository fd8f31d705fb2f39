// SshExecutor: inspection of a node's gluster, LVM, mount and fstab state
// (spec provisioning §3.8) and the repairs reconcile applies.
#include <algorithm>

#include "executors/commands/gluster.h"
#include "executors/commands/gluster_parse.h"
#include "executors/commands/inspect_parse.h"
#include "executors/commands/lvm.h"
#include "executors/commands/mount.h"
#include "executors/commands/naming.h"
#include "executors/ssh/command_error.h"
#include "executors/ssh/ssh_executor.h"

namespace brickyard::executors::ssh {
namespace {

// A parser's error, naming the node and the command whose output it was.
Status Unreadable(const std::string& host, const commands::Command& cmd, const Status& st) {
  return Status(st.code(), host + ": cannot read the output of `" +
                               BoundedLine(commands::ToShellLine(cmd)) + "`: " + st.message());
}

}  // namespace

Result<std::vector<commands::GlusterVolume>> SshExecutor::VolumesInfo(const std::string& host) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::VolumesInfo(opts_));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunGlusterXml(host, cmd));
  auto parsed = commands::ParseVolumeInfoXml(r.stdout_text);
  if (!parsed.ok()) return Unreadable(host, cmd, parsed.status());
  return parsed;
}

Result<std::vector<commands::GlusterPeer>> SshExecutor::PeerStatus(const std::string& host) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::PeerStatus(opts_));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunGlusterXml(host, cmd));
  auto parsed = commands::ParsePeerStatusXml(r.stdout_text);
  if (!parsed.ok()) return Unreadable(host, cmd, parsed.status());
  return parsed;
}

Result<std::vector<commands::BrickProcess>> SshExecutor::VolumeStatus(const std::string& host,
                                                                     const std::string& name) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::VolumeStatusXml(opts_, name));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunGlusterXml(host, cmd));
  auto parsed = commands::ParseVolumeStatusXml(r.stdout_text);
  if (!parsed.ok()) return Unreadable(host, cmd, parsed.status());
  return parsed;
}

Result<std::vector<commands::NodeLv>> SshExecutor::BrickLvs(const std::string& host) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::LvsBrickReport(opts_));
  BY_ASSIGN_OR_RETURN(CommandResult r, Run(host, cmd));
  auto parsed = commands::ParseBrickLvs(r.stdout_text);
  if (!parsed.ok()) return Unreadable(host, cmd, parsed.status());
  return parsed;
}

Result<std::vector<commands::MountEntry>> SshExecutor::BrickMounts(const std::string& host) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::ProcMounts(opts_));
  BY_ASSIGN_OR_RETURN(CommandResult r, Run(host, cmd));
  auto parsed = commands::ParseMountTable(r.stdout_text, commands::kMountRoot);
  if (!parsed.ok()) return Unreadable(host, cmd, parsed.status());
  return parsed;
}

Result<std::vector<commands::MountEntry>> SshExecutor::FstabBricks(const std::string& host) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::CatFstab(opts_));
  BY_ASSIGN_OR_RETURN(CommandResult r, Run(host, cmd));
  auto parsed = commands::ParseMountTable(r.stdout_text, commands::kMountRoot);
  if (!parsed.ok()) return Unreadable(host, cmd, parsed.status());
  return parsed;
}

Result<std::vector<std::string>> SshExecutor::BrickDirs(const std::string& host) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::BrickDirList(opts_));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunAny(host, cmd));
  if (!r.ok()) {
    if (Mentions(r, "No such file or directory") && r.stdout_text.empty()) {
      return std::vector<std::string>{};
    }
    return CommandFailed(host, commands::ToShellLine(cmd), r);
  }
  auto parsed = commands::ParseDirList(r.stdout_text, commands::kMountRoot);
  if (!parsed.ok()) return Unreadable(host, cmd, parsed.status());
  return parsed;
}

Status SshExecutor::VolumeStart(const std::string& host, const std::string& name, bool force) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, force ? commands::VolumeStartForce(opts_, name)
                                                   : commands::VolumeStart(opts_, name));
  std::lock_guard lock(LockFor(Guard::kGluster, host));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunAny(host, cmd));
  if (r.ok()) return Status::Ok();
  Code code = Mentions(r, "already started")  ? Code::kConflict
              : Mentions(r, "does not exist") ? Code::kNotFound
                                              : Code::kInternal;
  return CommandFailed(host, commands::ToShellLine(cmd), r, code);
}

Status SshExecutor::VolumeResetBrick(const std::string& host, const std::string& volume,
                                     const BrickAddress& brick) {
  BY_ASSIGN_OR_RETURN(auto cmds, commands::VolumeResetBrick(opts_, volume, brick));
  std::lock_guard lock(LockFor(Guard::kGluster, host));
  return RunBatch(host, cmds);
}

Status SshExecutor::VolumeHealFull(const std::string& host, const std::string& name) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::VolumeHealFull(opts_, name));
  return Run(host, cmd).status();
}

Status SshExecutor::BrickRemount(const std::string& host, const BrickRequest& req) {
  BY_ASSIGN_OR_RETURN(std::string mount_point, commands::MountPointOf(req.path));
  BY_ASSIGN_OR_RETURN(commands::Command mkdir, commands::MkdirP(opts_, mount_point));
  BY_ASSIGN_OR_RETURN(commands::Command mount,
                      commands::Mount(opts_, req.device_id, req.lv_name, mount_point));
  BY_ASSIGN_OR_RETURN(commands::Command sed, commands::FstabRemoveBrick(opts_, req.brick_id));
  BY_ASSIGN_OR_RETURN(commands::Command append,
                      commands::FstabAppend(opts_, req.device_id, req.lv_name, mount_point));
  BY_ASSIGN_OR_RETURN(std::vector<commands::NodeLv> lvs, BrickLvs(host));
  const std::string vg = commands::VgName(req.device_id);
  bool lv_exists = std::any_of(lvs.begin(), lvs.end(), [&](const commands::NodeLv& lv) {
    return lv.vg == vg && lv.name == req.lv_name;
  });
  if (!lv_exists) return NotFound(host + ": brick LV " + vg + "/" + req.lv_name + " does not exist");
  BY_ASSIGN_OR_RETURN(std::vector<commands::MountEntry> mounts, BrickMounts(host));
  bool mounted = std::any_of(mounts.begin(), mounts.end(), [&](const commands::MountEntry& m) {
    return m.mount_point == mount_point;
  });
  if (!mounted) {
    BY_RETURN_IF_ERROR(Run(host, mkdir).status());
    BY_RETURN_IF_ERROR(Run(host, mount).status());
  }
  BY_RETURN_IF_ERROR(RunFstabEdit(host, sed).status());
  return RunFstabEdit(host, append).status();
}

}  // namespace brickyard::executors::ssh
