// The straight-line command batches of the executor operations (spec
// provisioning §3.3, §3.4), composed from the single-step builders. A
// transport runs a batch in order and stops at the first failure. Steps
// whose outcome decides what runs next (brick destroy, device info) are left
// to the executor, which calls the single-step builders itself.
// Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "common/status.h"
#include "config/config.h"
#include "executors/commands/command.h"
#include "executors/executor.h"

namespace brickyard::executors::commands {

// DeviceSetup batch 1: [`wipefs --all <device>` when destroy_data],
// `pvcreate ...`, `vgcreate ... vg_<device_id> <device>`.
Result<std::vector<Command>> DeviceSetupBatch(const config::ExecutorOptions& opts,
                                              std::string_view device,
                                              std::string_view device_id, bool destroy_data);

// DeviceSetup batch 2 (the device handle): `pvs ... <device>` (must
// succeed), then `udevadm info --query=symlink --name=<device>` (may fail;
// being last, its failure loses nothing).
Result<std::vector<Command>> DeviceHandleBatch(const config::ExecutorOptions& opts,
                                               std::string_view device);

// DeviceTeardown: `vgremove -qq vg_<D>`, `pvremove -qq <preferred path>`.
// The `rmdir` of the VG mount directory that follows is run apart (Rmdir,
// VgMountDir), its failure being ignored.
Result<std::vector<Command>> DeviceTeardownBatch(const config::ExecutorOptions& opts,
                                                 std::string_view device_id,
                                                 std::string_view preferred_path);

// BrickCreate, M = MountPointOf(req.path), DEV = /dev/mapper/vg_<D>-<lv>:
// `mkdir -p M`, `lvcreate ...`, `mkfs.xfs ...`, the fstab append,
// `mount -o <mountopts> DEV M`, `mkdir <req.path>`, and when req.gid != 0
// `chown :<gid> <req.path>`, `chmod 2775 <req.path>`.
Result<std::vector<Command>> BrickCreateBatch(const config::ExecutorOptions& opts,
                                              const BrickRequest& req);

// Brickyard's in-place brick expansion; `grown` carries the new absolute
// sizes: `lvextend -L <tp_size>K vg_<D>/<tp>`, then when grow_metadata
// `lvextend --poolmetadatasize <pool_meta>K vg_<D>/<tp>`, then
// `lvextend -L <size>K vg_<D>/<lv>`, then `xfs_growfs M`. Requires
// size <= tp_size.
Result<std::vector<Command>> BrickExpandBatch(const config::ExecutorOptions& opts,
                                              const BrickRequest& grown, bool grow_metadata);

}  // namespace brickyard::executors::commands
