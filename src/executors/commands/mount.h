// Mount point, mount and fstab command builders (spec provisioning §3.3,
// §3.4, §3.8). Every builder validates its inputs and returns
// InvalidArgument before building anything. Pure functions; thread-safe.
//
// The fstab is edited without putting any value into script text: the append
// passes the line and the file as positional parameters of a fixed `sh -c`
// script, and the removal is a plain `sed` argv. The on-node effect is
// Heketi's: the same line appended, the same lines deleted, the same
// `<fstab>.save` backup.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "config/config.h"
#include "executors/commands/command.h"

namespace brickyard::executors::commands {

// The fixed script FstabAppend runs: appends "$1" and a newline to file "$2".
inline constexpr std::string_view kFstabAppendScript = "printf '%s\\n' \"$1\" >> \"$2\"";

// `mkdir -p <path>` (brick create, step 1: the mount point).
Result<Command> MkdirP(const config::ExecutorOptions& opts, std::string_view path);

// `mkdir <path>` (brick create, step 6: the brick directory).
Result<Command> Mkdir(const config::ExecutorOptions& opts, std::string_view path);

// `rmdir <path>` (brick destroy step 7, device teardown).
Result<Command> Rmdir(const config::ExecutorOptions& opts, std::string_view path);

// The fstab line for a brick, without the newline:
// `/dev/mapper/vg_<D>-<lv> <mount point> xfs <mountopts> 1 2`.
Result<std::string> FstabLine(const config::ExecutorOptions& opts, std::string_view device_id,
                              std::string_view lv_name, std::string_view mount_point);

// Appends FstabLine(...) to opts.fstab (brick create, step 4):
// `sh -c '<kFstabAppendScript>' sh <line> <fstab>`.
Result<Command> FstabAppend(const config::ExecutorOptions& opts, std::string_view device_id,
                            std::string_view lv_name, std::string_view mount_point);

// Deletes every fstab line mentioning brick_<B>, keeping a backup in
// <fstab>.save (brick destroy, step 2): `sed -i.save /brick_<B>/d <fstab>`.
// Callers skip it for IsGlusterManagedMount paths (naming.h).
Result<Command> FstabRemoveBrick(const config::ExecutorOptions& opts, std::string_view brick_id);

// `cat <fstab>` (mount status of fstab entries).
Result<Command> CatFstab(const config::ExecutorOptions& opts);

// `mount -o <mountopts> /dev/mapper/vg_<D>-<lv> <mount point>` (step 5).
Result<Command> Mount(const config::ExecutorOptions& opts, std::string_view device_id,
                      std::string_view lv_name, std::string_view mount_point);

// `mount` with no argument: lists mounts (after a failed umount, and for
// mount status).
Result<Command> ListMounts(const config::ExecutorOptions& opts);

// `cat /proc/mounts` (the examiner's view of what is mounted).
Result<Command> ProcMounts(const config::ExecutorOptions& opts);

// `find <kMountRoot> -mindepth 2 -maxdepth 2 -type d`: the brick mount-point
// directories (vg_<D>/brick_<B>). Fails when the mount root does not exist.
Result<Command> BrickDirList(const config::ExecutorOptions& opts);

// `umount <mount point>` (brick destroy, step 1).
Result<Command> Umount(const config::ExecutorOptions& opts, std::string_view mount_point);

// `lsof <mount point>`, logged after a failed umount when
// debug_umount_failures is set.
Result<Command> Lsof(const config::ExecutorOptions& opts, std::string_view mount_point);

// `chown :<gid> <path>` (step 7, only when the volume has a gid).
Result<Command> ChownGroup(const config::ExecutorOptions& opts, int64_t gid,
                           std::string_view path);

// `chmod 2775 <path>` (step 7, after ChownGroup).
Result<Command> ChmodBrick(const config::ExecutorOptions& opts, std::string_view path);

}  // namespace brickyard::executors::commands
