// SshExecutor: device setup, info, teardown and forget (spec provisioning §3.3).
#include <spdlog/spdlog.h>

#include "executors/commands/batches.h"
#include "executors/commands/lvm.h"
#include "executors/commands/lvm_parse.h"
#include "executors/commands/mount.h"
#include "executors/commands/naming.h"
#include "executors/ssh/command_error.h"
#include "executors/ssh/ssh_executor.h"

namespace brickyard::executors::ssh {
namespace {

// An LVM command's failure: NotFound when LVM says the object does not exist.
Status LvmFailed(const std::string& host, const commands::Command& cmd, const CommandResult& r) {
  return CommandFailed(host, commands::ToShellLine(cmd), r,
                       LvmNotFound(r) ? Code::kNotFound : Code::kInternal);
}

// A parser's error, located.
Status ParseFailed(const std::string& host, const commands::Command& cmd, const Status& st) {
  return Status(st.code(), host + ": cannot read the output of `" +
                               BoundedLine(commands::ToShellLine(cmd)) + "`: " + st.message());
}

}  // namespace

Result<DeviceInfo> SshExecutor::ReadDevice(const std::string& host, const std::string& path,
                                           const std::string& device_id) {
  BY_ASSIGN_OR_RETURN(auto handle, commands::DeviceHandleBatch(opts_, path));
  BY_ASSIGN_OR_RETURN(CommandResult pvs, RunAny(host, handle.at(0)));
  if (!pvs.ok()) return LvmFailed(host, handle[0], pvs);
  auto uuid = commands::ParsePvUuid(pvs.stdout_text);
  if (!uuid.ok()) return ParseFailed(host, handle[0], uuid.status());
  std::string links;
  if (handle.size() > 1) {  // the udev query may fail; the device path alone then
    auto udev = RunAny(host, handle[1]);
    if (udev.ok() && udev->ok()) {
      links = udev->stdout_text;
    } else {
      spdlog::warn("{}: no udev symlinks for {}: {}", host, path,
                   udev.ok() ? FailureOutput(*udev) : udev.status().message());
    }
  }
  BY_ASSIGN_OR_RETURN(commands::Command vgdisplay, commands::VgDisplay(opts_, device_id));
  BY_ASSIGN_OR_RETURN(CommandResult vg, RunAny(host, vgdisplay));
  if (!vg.ok()) return LvmFailed(host, vgdisplay, vg);
  auto info = commands::ParseVgDisplay(vg.stdout_text);
  if (!info.ok()) return ParseFailed(host, vgdisplay, info.status());
  info->pv_uuid = *uuid;
  info->paths = commands::ParseUdevSymlinks(links, path);
  return info;
}

Result<DeviceInfo> SshExecutor::DeviceSetup(const std::string& host, const std::string& device,
                                            const std::string& device_id, bool destroy_data) {
  BY_ASSIGN_OR_RETURN(auto batch, commands::DeviceSetupBatch(opts_, device, device_id, destroy_data));
  BY_ASSIGN_OR_RETURN(commands::Command pvcreate, commands::PvCreate(opts_, device));
  bool pv_created = false;
  for (const auto& cmd : batch) {
    Status st = Run(host, cmd).status();
    if (!st.ok()) {
      // Undo only what this call did: a PV it created (never one found there).
      auto pvremove = commands::PvRemove(opts_, device);
      if (pv_created && pvremove.ok()) (void)RunAny(host, *pvremove);
      return st.Prefixed("setup of device " + device +
                         " failed (already initialized or contains data?): ");
    }
    pv_created = pv_created || cmd == pvcreate;
  }
  auto info = ReadDevice(host, device, device_id);
  if (!info.ok()) {
    Status undo = DeviceTeardown(host, DeviceHandle{device_id, device, "", {device}});
    if (!undo.ok()) spdlog::error("{}: teardown of {} after a failed setup: {}", host, device, undo.message());
  }
  return info;
}

std::string SshExecutor::KnownPvUuid(const std::string& host, const DeviceHandle& handle) {
  if (!handle.pv_uuid.empty()) return handle.pv_uuid;
  auto cmd = commands::VgsHandle(opts_, handle.device_id);
  if (!cmd.ok()) return "";
  auto r = RunAny(host, *cmd);
  if (r.ok() && r->ok()) {
    auto uuid = commands::ParsePvUuid(r->stdout_text);
    if (uuid.ok()) return *uuid;
  }
  spdlog::warn("{}: cannot find the PV UUID of device {} (vg_{}); using its stored paths", host,
               handle.name, handle.device_id);
  return "";
}

Result<DeviceInfo> SshExecutor::GetDeviceInfo(const std::string& host, const DeviceHandle& handle) {
  const std::string uuid = KnownPvUuid(host, handle);
  const std::string path = commands::PreferredDevicePath(uuid, handle.paths, handle.name);
  return ReadDevice(host, path, handle.device_id);
}

Status SshExecutor::DeviceTeardown(const std::string& host, const DeviceHandle& handle) {
  const std::string uuid = KnownPvUuid(host, handle);
  const std::string path = commands::PreferredDevicePath(uuid, handle.paths, handle.name);
  BY_ASSIGN_OR_RETURN(auto batch, commands::DeviceTeardownBatch(opts_, handle.device_id, path));
  for (const auto& cmd : batch) {
    BY_ASSIGN_OR_RETURN(CommandResult r, RunAny(host, cmd));
    if (!r.ok()) return LvmFailed(host, cmd, r);
  }
  BY_ASSIGN_OR_RETURN(auto rmdir, commands::Rmdir(opts_, commands::VgMountDir(handle.device_id)));
  auto r = RunAny(host, rmdir);
  if (r.ok() && !r->ok() && !Mentions(*r, "No such file or directory")) {
    spdlog::warn("{}: {} (ignored)", host, CommandFailed(host, commands::ToShellLine(rmdir), *r).message());
  }
  return Status::Ok();
}

Status SshExecutor::DeviceForget(const std::string& host, const DeviceHandle& handle) {
  auto rmdir = commands::Rmdir(opts_, commands::VgMountDir(handle.device_id));
  if (rmdir.ok()) (void)RunAny(host, *rmdir);
  const std::string uuid = KnownPvUuid(host, handle);
  const std::string path = commands::PreferredDevicePath(uuid, handle.paths, handle.name);
  auto batch = commands::DeviceTeardownBatch(opts_, handle.device_id, path);
  Status st = batch.ok() ? RunBatch(host, *batch) : batch.status();
  if (!st.ok()) spdlog::warn("{}: forgetting device {} (ignored): {}", host, handle.name, st.message());
  return Status::Ok();
}

}  // namespace brickyard::executors::ssh
