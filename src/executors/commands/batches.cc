#include "executors/commands/batches.h"

#include <string>

#include "executors/commands/lvm.h"
#include "executors/commands/mount.h"
#include "executors/commands/naming.h"
#include "executors/commands/validate.h"
#include "executors/commands/xfs.h"

// Appends the built command, or returns its error from the caller.
#define BY_APPEND(out, expr)               \
  do {                                     \
    BY_ASSIGN_OR_RETURN(Command _c, expr); \
    (out).push_back(std::move(_c));        \
  } while (0)

namespace brickyard::executors::commands {

Result<std::vector<Command>> DeviceSetupBatch(const config::ExecutorOptions& opts,
                                              std::string_view device,
                                              std::string_view device_id, bool destroy_data) {
  std::vector<Command> out;
  if (destroy_data) BY_APPEND(out, WipeFs(opts, device));
  BY_APPEND(out, PvCreate(opts, device));
  BY_APPEND(out, VgCreate(opts, device_id, device));
  return out;
}

Result<std::vector<Command>> DeviceHandleBatch(const config::ExecutorOptions& opts,
                                               std::string_view device) {
  std::vector<Command> out;
  BY_APPEND(out, PvsHandle(opts, device));
  BY_APPEND(out, UdevSymlinks(opts, device));
  return out;
}

Result<std::vector<Command>> DeviceTeardownBatch(const config::ExecutorOptions& opts,
                                                 std::string_view device_id,
                                                 std::string_view preferred_path) {
  std::vector<Command> out;
  BY_APPEND(out, VgRemove(opts, device_id));
  BY_APPEND(out, PvRemove(opts, preferred_path));
  return out;
}

Result<std::vector<Command>> BrickCreateBatch(const config::ExecutorOptions& opts,
                                              const BrickRequest& req) {
  BY_RETURN_IF_ERROR(ValidatePath(req.path, "brick"));
  BY_ASSIGN_OR_RETURN(std::string mount_point, MountPointOf(req.path));
  BY_RETURN_IF_ERROR(ValidateGid(req.gid));
  std::vector<Command> out;
  BY_APPEND(out, MkdirP(opts, mount_point));
  BY_APPEND(out, LvCreate(opts, req));
  BY_APPEND(out, MkfsXfs(opts, req.device_id, req.lv_name, req.arbiter));
  BY_APPEND(out, FstabAppend(opts, req.device_id, req.lv_name, mount_point));
  BY_APPEND(out, Mount(opts, req.device_id, req.lv_name, mount_point));
  BY_APPEND(out, Mkdir(opts, req.path));
  if (req.gid != 0) {
    BY_APPEND(out, ChownGroup(opts, req.gid, req.path));
    BY_APPEND(out, ChmodBrick(opts, req.path));
  }
  return out;
}

Result<std::vector<Command>> BrickExpandBatch(const config::ExecutorOptions& opts,
                                              const BrickRequest& grown, bool grow_metadata) {
  BY_RETURN_IF_ERROR(ValidatePath(grown.path, "brick"));
  BY_ASSIGN_OR_RETURN(std::string mount_point, MountPointOf(grown.path));
  if (grown.tp_size_kib < grown.size_kib) {
    return InvalidArgument("thin pool size " + std::to_string(grown.tp_size_kib) +
                           "K is smaller than the brick size " + std::to_string(grown.size_kib) +
                           "K");
  }
  std::vector<Command> out;
  BY_APPEND(out, LvExtend(opts, grown.device_id, grown.tp_name, grown.tp_size_kib));
  if (grow_metadata) {
    BY_APPEND(out, LvExtendPoolMetadata(opts, grown.device_id, grown.tp_name, grown.pool_meta_kib));
  }
  BY_APPEND(out, LvExtend(opts, grown.device_id, grown.lv_name, grown.size_kib));
  BY_APPEND(out, XfsGrowfs(opts, mount_point));
  return out;
}

#undef BY_APPEND

}  // namespace brickyard::executors::commands
