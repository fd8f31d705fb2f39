#include "executors/commands/mount.h"

#include <vector>

#include "executors/commands/naming.h"
#include "executors/commands/validate.h"

namespace brickyard::executors::commands {
namespace {

// The brick's device-mapper node, after validating its parts.
Result<std::string> BrickDevice(std::string_view device_id, std::string_view lv_name) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  BY_RETURN_IF_ERROR(ValidateLvmName(lv_name, "brick LV"));
  return DevMapperPath(VgName(device_id), lv_name);
}

Result<Command> OnPath(const config::ExecutorOptions& opts, std::string_view program,
                       std::string_view path, std::string_view what, int timeout_s) {
  BY_RETURN_IF_ERROR(ValidatePath(path, what));
  return MakeCommand(opts, {std::string(program), std::string(path)}, timeout_s);
}

}  // namespace

Result<Command> MkdirP(const config::ExecutorOptions& opts, std::string_view path) {
  BY_RETURN_IF_ERROR(ValidatePath(path, "directory"));
  return MakeCommand(opts, {"mkdir", "-p", std::string(path)}, kBrickTimeoutS);
}

Result<Command> Mkdir(const config::ExecutorOptions& opts, std::string_view path) {
  return OnPath(opts, "mkdir", path, "directory", kBrickTimeoutS);
}

Result<Command> Rmdir(const config::ExecutorOptions& opts, std::string_view path) {
  return OnPath(opts, "rmdir", path, "directory", kDeviceTimeoutS);
}

Result<std::string> FstabLine(const config::ExecutorOptions& opts, std::string_view device_id,
                              std::string_view lv_name, std::string_view mount_point) {
  BY_ASSIGN_OR_RETURN(std::string dev, BrickDevice(device_id, lv_name));
  BY_RETURN_IF_ERROR(ValidatePath(mount_point, "mount point"));
  BY_RETURN_IF_ERROR(ValidateMountOptions(opts.mountopts));
  return dev + " " + std::string(mount_point) + " xfs " + opts.mountopts + " 1 2";
}

Result<Command> FstabAppend(const config::ExecutorOptions& opts, std::string_view device_id,
                            std::string_view lv_name, std::string_view mount_point) {
  BY_ASSIGN_OR_RETURN(std::string line, FstabLine(opts, device_id, lv_name, mount_point));
  BY_RETURN_IF_ERROR(ValidatePath(opts.fstab, "fstab"));
  return MakeCommand(opts, {"sh", "-c", std::string(kFstabAppendScript), "sh", line, opts.fstab},
                     kBrickTimeoutS);
}

Result<Command> FstabRemoveBrick(const config::ExecutorOptions& opts, std::string_view brick_id) {
  BY_RETURN_IF_ERROR(ValidateId(brick_id, "brick"));
  BY_RETURN_IF_ERROR(ValidatePath(opts.fstab, "fstab"));
  return MakeCommand(opts, {"sed", "-i.save", "/" + BrickLvName(brick_id) + "/d", opts.fstab},
                     kDeviceTimeoutS);
}

Result<Command> CatFstab(const config::ExecutorOptions& opts) {
  return OnPath(opts, "cat", opts.fstab, "fstab", kDeviceTimeoutS);
}

Result<Command> Mount(const config::ExecutorOptions& opts, std::string_view device_id,
                      std::string_view lv_name, std::string_view mount_point) {
  BY_ASSIGN_OR_RETURN(std::string dev, BrickDevice(device_id, lv_name));
  BY_RETURN_IF_ERROR(ValidatePath(mount_point, "mount point"));
  BY_RETURN_IF_ERROR(ValidateMountOptions(opts.mountopts));
  return MakeCommand(opts, {"mount", "-o", opts.mountopts, dev, std::string(mount_point)},
                     kBrickTimeoutS);
}

Result<Command> ListMounts(const config::ExecutorOptions& opts) {
  return MakeCommand(opts, {"mount"}, kDeviceTimeoutS);
}

Result<Command> ProcMounts(const config::ExecutorOptions& opts) {
  return MakeCommand(opts, {"cat", "/proc/mounts"}, kDeviceTimeoutS);
}

Result<Command> BrickDirList(const config::ExecutorOptions& opts) {
  return MakeCommand(opts,
                     {"find", std::string(kMountRoot), "-mindepth", "2", "-maxdepth", "2", "-type", "d"},
                     kDeviceTimeoutS);
}

Result<Command> Umount(const config::ExecutorOptions& opts, std::string_view mount_point) {
  return OnPath(opts, "umount", mount_point, "mount point", kDeviceTimeoutS);
}

Result<Command> Lsof(const config::ExecutorOptions& opts, std::string_view mount_point) {
  return OnPath(opts, "lsof", mount_point, "mount point", kDeviceTimeoutS);
}

Result<Command> ChownGroup(const config::ExecutorOptions& opts, int64_t gid,
                           std::string_view path) {
  BY_RETURN_IF_ERROR(ValidateGid(gid));
  BY_RETURN_IF_ERROR(ValidatePath(path, "brick path"));
  return MakeCommand(opts, {"chown", ":" + std::to_string(gid), std::string(path)},
                     kBrickTimeoutS);
}

Result<Command> ChmodBrick(const config::ExecutorOptions& opts, std::string_view path) {
  BY_RETURN_IF_ERROR(ValidatePath(path, "brick path"));
  return MakeCommand(opts, {"chmod", "2775", std::string(path)}, kBrickTimeoutS);
}

}  // namespace brickyard::executors::commands
