#include "executors/commands/xfs.h"

#include <string>
#include <vector>

#include "executors/commands/naming.h"
#include "executors/commands/validate.h"

namespace brickyard::executors::commands {

Result<Command> MkfsXfs(const config::ExecutorOptions& opts, std::string_view device_id,
                        std::string_view lv_name, bool arbiter) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  BY_RETURN_IF_ERROR(ValidateLvmName(lv_name, "brick LV"));
  if (opts.xfs_su < 0 || opts.xfs_sw < 0) {
    return InvalidArgument("xfs_su and xfs_sw must not be negative");
  }
  std::vector<std::string> argv = {"mkfs.xfs", "-i", arbiter ? "maxpct=100" : "size=512"};
  if (!arbiter && opts.xfs_su != 0 && opts.xfs_sw != 0) {
    argv.insert(argv.end(), {"-d", "su=" + std::to_string(opts.xfs_su) +
                                       ",sw=" + std::to_string(opts.xfs_sw)});
  }
  argv.insert(argv.end(), {"-n", "size=8192", DevMapperPath(VgName(device_id), lv_name)});
  return MakeCommand(opts, std::move(argv), kBrickTimeoutS);
}

Result<Command> XfsGrowfs(const config::ExecutorOptions& opts, std::string_view mount_point) {
  BY_RETURN_IF_ERROR(ValidatePath(mount_point, "mount point"));
  return MakeCommand(opts, {"xfs_growfs", std::string(mount_point)}, kBrickTimeoutS);
}

}  // namespace brickyard::executors::commands
