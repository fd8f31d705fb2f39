// LVM and udev command builders (spec provisioning §3.3, §3.4, §3.8), plus
// Brickyard's in-place brick expansion.
//
// `<LVM>` below is `/usr/sbin/lvm`, preceded by the words of
// ExecutorOptions::lvm_wrapper when set (split on spaces, never given to a
// shell); `<UDEVADM>` likewise. `<ab>` is `--autobackup=y` when
// backup_lvm_metadata is set, else `--autobackup=n`. Every builder validates
// its inputs (validate.h) and returns InvalidArgument before building
// anything. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"
#include "config/config.h"
#include "executors/commands/command.h"
#include "executors/executor.h"

namespace brickyard::executors::commands {

// `wipefs --all <device>` (not wrapped: Heketi runs it where mkfs runs).
Result<Command> WipeFs(const config::ExecutorOptions& opts, std::string_view device);

// `<LVM> pvcreate -qq --metadatasize=128M --dataalignment=<pv_data_alignment> <device>`
Result<Command> PvCreate(const config::ExecutorOptions& opts, std::string_view device);

// `<LVM> vgcreate -qq --physicalextentsize=<vg_physicalextentsize> <ab> vg_<D> <device>`
Result<Command> VgCreate(const config::ExecutorOptions& opts, std::string_view device_id,
                         std::string_view device);

// `<LVM> pvs -o pv_name,pv_uuid,vg_name --reportformat=json <device>`
Result<Command> PvsHandle(const config::ExecutorOptions& opts, std::string_view device);

// `<LVM> vgs -o pv_name,pv_uuid,vg_name --reportformat=json vg_<D>`
Result<Command> VgsHandle(const config::ExecutorOptions& opts, std::string_view device_id);

// `<UDEVADM> info --query=symlink --name=<device>`
Result<Command> UdevSymlinks(const config::ExecutorOptions& opts, std::string_view device);

// `<LVM> vgdisplay -c vg_<D>`
Result<Command> VgDisplay(const config::ExecutorOptions& opts, std::string_view device_id);

// `<LVM> vgremove -qq vg_<D>`
Result<Command> VgRemove(const config::ExecutorOptions& opts, std::string_view device_id);

// `<LVM> pvremove -qq <path>` (path: PreferredDevicePath, naming.h)
Result<Command> PvRemove(const config::ExecutorOptions& opts, std::string_view path);

// `<LVM> lvcreate -qq <ab> --poolmetadatasize <pool_meta>K --chunksize <C>
//  --size <tp_size>K --thin vg_<D>/<tp_name> --virtualsize <size>K --name <lv_name>`
// C is lv_chunksize, or 256K for arbiter bricks. Requires
// 0 < size <= tp_size and pool_meta > 0.
Result<Command> LvCreate(const config::ExecutorOptions& opts, const BrickRequest& req);

// `<LVM> lvremove <ab> -f vg_<D>/<lv>`; used for the brick LV and, once it
// holds no thin LV, for the thin pool.
Result<Command> LvRemove(const config::ExecutorOptions& opts, std::string_view device_id,
                         std::string_view lv);

// `<LVM> lvs --noheadings --options=thin_count vg_<D>/<tp_name>`
Result<Command> ThinCount(const config::ExecutorOptions& opts, std::string_view device_id,
                          std::string_view tp_name);

// `<LVM> lvs --noheadings --options=pool_lv vg_<D>/<lv>`: the thin pool
// holding `lv` (snapshot-clone bricks live in their origin's pool).
Result<Command> LvPool(const config::ExecutorOptions& opts, std::string_view device_id,
                       std::string_view lv);

// Examiner reports: `<LVM> pvs|vgs|lvs --reportformat json --units k`.
Result<Command> PvsReport(const config::ExecutorOptions& opts);
Result<Command> VgsReport(const config::ExecutorOptions& opts);
Result<Command> LvsReport(const config::ExecutorOptions& opts);

// Brickyard's examiner: every LV with what reconcile needs:
// `<LVM> lvs --reportformat json --units k
//  -o vg_name,lv_name,lv_attr,lv_size,pool_lv,lv_metadata_size`.
Result<Command> LvsBrickReport(const config::ExecutorOptions& opts);

// Brickyard in-place expansion (no Heketi equivalent). Grows the thin pool
// or thin LV `lv` to an absolute size:
// `<LVM> lvextend <ab> -L <new_size>K vg_<D>/<lv>`.
// LVM fails when the new size is not larger than the current one.
Result<Command> LvExtend(const config::ExecutorOptions& opts, std::string_view device_id,
                         std::string_view lv, int64_t new_size_kib);

// Grows a thin pool's metadata LV to an absolute size:
// `<LVM> lvextend <ab> --poolmetadatasize <new_meta>K vg_<D>/<tp_name>`.
Result<Command> LvExtendPoolMetadata(const config::ExecutorOptions& opts,
                                     std::string_view device_id, std::string_view tp_name,
                                     int64_t new_meta_kib);

}  // namespace brickyard::executors::commands
