// XFS command builders (spec provisioning §3.4, step 3) and Brickyard's
// in-place growth. Every builder validates its inputs and returns
// InvalidArgument before building anything. Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "common/status.h"
#include "config/config.h"
#include "executors/commands/command.h"

namespace brickyard::executors::commands {

// Formats the brick LV DEV = /dev/mapper/vg_<D>-<lv_name>:
//   data brick:    `mkfs.xfs -i size=512 -n size=8192 DEV`
//   with xfs_su and xfs_sw both non-zero:
//                  `mkfs.xfs -i size=512 -d su=<su>,sw=<sw> -n size=8192 DEV`
//   arbiter brick: `mkfs.xfs -i maxpct=100 -n size=8192 DEV` (never su/sw)
Result<Command> MkfsXfs(const config::ExecutorOptions& opts, std::string_view device_id,
                        std::string_view lv_name, bool arbiter);

// `xfs_growfs <mount point>`: grows a mounted brick file system to fill its
// (already extended) thin LV. Brickyard only; Heketi never grows bricks.
Result<Command> XfsGrowfs(const config::ExecutorOptions& opts, std::string_view mount_point);

}  // namespace brickyard::executors::commands
