#include "executors/commands/lvm.h"

#include <string>
#include <vector>

#include "executors/commands/naming.h"
#include "executors/commands/validate.h"

namespace brickyard::executors::commands {
namespace {

using Argv = std::vector<std::string>;

// The wrapper words (if any) followed by `program`.
Result<Argv> Wrapped(const config::ExecutorOptions& opts, std::string_view program) {
  BY_RETURN_IF_ERROR(ValidateLvmWrapper(opts.lvm_wrapper));
  Argv argv;
  size_t i = 0;
  const std::string& w = opts.lvm_wrapper;
  while (i < w.size()) {
    size_t j = w.find(' ', i);
    if (j == std::string::npos) j = w.size();
    if (j > i) argv.push_back(w.substr(i, j - i));
    i = j + 1;
  }
  argv.emplace_back(program);
  return argv;
}

// <LVM> followed by `args`.
Result<Command> Lvm(const config::ExecutorOptions& opts, Argv args, int timeout_s) {
  BY_ASSIGN_OR_RETURN(Argv argv, Wrapped(opts, kLvmPath));
  argv.insert(argv.end(), args.begin(), args.end());
  return MakeCommand(opts, std::move(argv), timeout_s);
}

std::string Autobackup(const config::ExecutorOptions& opts) {
  return opts.backup_lvm_metadata ? "--autobackup=y" : "--autobackup=n";
}

std::string Kib(int64_t v) { return std::to_string(v) + "K"; }

Status PositiveSize(int64_t v, std::string_view what) {
  if (v > 0) return Status::Ok();
  return InvalidArgument(std::string(what) + " must be positive, got " + std::to_string(v));
}

}  // namespace

Result<Command> WipeFs(const config::ExecutorOptions& opts, std::string_view device) {
  BY_RETURN_IF_ERROR(ValidateDevicePath(device));
  return MakeCommand(opts, {"wipefs", "--all", std::string(device)}, kDeviceTimeoutS);
}

Result<Command> PvCreate(const config::ExecutorOptions& opts, std::string_view device) {
  BY_RETURN_IF_ERROR(ValidateDevicePath(device));
  BY_RETURN_IF_ERROR(ValidateSizeSpec(opts.pv_data_alignment, "pv_data_alignment"));
  return Lvm(opts,
             {"pvcreate", "-qq", "--metadatasize=128M",
              "--dataalignment=" + opts.pv_data_alignment, std::string(device)},
             kDeviceTimeoutS);
}

Result<Command> VgCreate(const config::ExecutorOptions& opts, std::string_view device_id,
                         std::string_view device) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  BY_RETURN_IF_ERROR(ValidateDevicePath(device));
  BY_RETURN_IF_ERROR(ValidateSizeSpec(opts.vg_physicalextentsize, "vg_physicalextentsize"));
  return Lvm(opts,
             {"vgcreate", "-qq", "--physicalextentsize=" + opts.vg_physicalextentsize,
              Autobackup(opts), VgName(device_id), std::string(device)},
             kDeviceTimeoutS);
}

Result<Command> PvsHandle(const config::ExecutorOptions& opts, std::string_view device) {
  BY_RETURN_IF_ERROR(ValidateDevicePath(device));
  return Lvm(opts, {"pvs", "-o", "pv_name,pv_uuid,vg_name", "--reportformat=json", std::string(device)},
             kDeviceTimeoutS);
}

Result<Command> VgsHandle(const config::ExecutorOptions& opts, std::string_view device_id) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  return Lvm(opts, {"vgs", "-o", "pv_name,pv_uuid,vg_name", "--reportformat=json", VgName(device_id)},
             kDeviceTimeoutS);
}

Result<Command> UdevSymlinks(const config::ExecutorOptions& opts, std::string_view device) {
  BY_RETURN_IF_ERROR(ValidateDevicePath(device));
  BY_ASSIGN_OR_RETURN(Argv argv, Wrapped(opts, kUdevadmPath));
  argv.insert(argv.end(), {"info", "--query=symlink", "--name=" + std::string(device)});
  return MakeCommand(opts, std::move(argv), kDeviceTimeoutS);
}

Result<Command> VgDisplay(const config::ExecutorOptions& opts, std::string_view device_id) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  return Lvm(opts, {"vgdisplay", "-c", VgName(device_id)}, kDeviceTimeoutS);
}

Result<Command> VgRemove(const config::ExecutorOptions& opts, std::string_view device_id) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  return Lvm(opts, {"vgremove", "-qq", VgName(device_id)}, kDeviceTimeoutS);
}

Result<Command> PvRemove(const config::ExecutorOptions& opts, std::string_view path) {
  BY_RETURN_IF_ERROR(ValidateDevicePath(path));
  return Lvm(opts, {"pvremove", "-qq", std::string(path)}, kDeviceTimeoutS);
}

Result<Command> LvCreate(const config::ExecutorOptions& opts, const BrickRequest& req) {
  BY_RETURN_IF_ERROR(ValidateId(req.device_id, "device"));
  BY_RETURN_IF_ERROR(ValidateLvmName(req.tp_name, "thin pool"));
  BY_RETURN_IF_ERROR(ValidateLvmName(req.lv_name, "brick LV"));
  BY_RETURN_IF_ERROR(PositiveSize(req.size_kib, "brick size"));
  BY_RETURN_IF_ERROR(PositiveSize(req.pool_meta_kib, "pool metadata size"));
  if (req.tp_size_kib < req.size_kib) {
    return InvalidArgument("thin pool size " + std::to_string(req.tp_size_kib) +
                           "K is smaller than the brick size " + std::to_string(req.size_kib) + "K");
  }
  std::string chunk = "256K";
  if (!req.arbiter) {
    BY_RETURN_IF_ERROR(ValidateSizeSpec(opts.lv_chunksize, "lv_chunksize"));
    chunk = opts.lv_chunksize;
  }
  return Lvm(opts,
             {"lvcreate", "-qq", Autobackup(opts), "--poolmetadatasize", Kib(req.pool_meta_kib),
              "--chunksize", chunk, "--size", Kib(req.tp_size_kib), "--thin",
              VgName(req.device_id) + "/" + req.tp_name, "--virtualsize", Kib(req.size_kib),
              "--name", req.lv_name},
             kBrickTimeoutS);
}

Result<Command> LvRemove(const config::ExecutorOptions& opts, std::string_view device_id,
                         std::string_view lv) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  BY_RETURN_IF_ERROR(ValidateLvmName(lv, "logical volume"));
  return Lvm(opts, {"lvremove", Autobackup(opts), "-f", VgName(device_id) + "/" + std::string(lv)},
             kDeviceTimeoutS);
}

Result<Command> ThinCount(const config::ExecutorOptions& opts, std::string_view device_id,
                          std::string_view tp_name) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  BY_RETURN_IF_ERROR(ValidateLvmName(tp_name, "thin pool"));
  return Lvm(opts,
             {"lvs", "--noheadings", "--options=thin_count",
              VgName(device_id) + "/" + std::string(tp_name)},
             kDeviceTimeoutS);
}

Result<Command> LvPool(const config::ExecutorOptions& opts, std::string_view device_id,
                       std::string_view lv) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  BY_RETURN_IF_ERROR(ValidateLvmName(lv, "logical volume"));
  return Lvm(opts,
             {"lvs", "--noheadings", "--options=pool_lv", VgName(device_id) + "/" + std::string(lv)},
             kDeviceTimeoutS);
}

Result<Command> PvsReport(const config::ExecutorOptions& opts) {
  return Lvm(opts, {"pvs", "--reportformat", "json", "--units", "k"}, GlusterExecTimeoutS(opts));
}

Result<Command> VgsReport(const config::ExecutorOptions& opts) {
  return Lvm(opts, {"vgs", "--reportformat", "json", "--units", "k"}, GlusterExecTimeoutS(opts));
}

Result<Command> LvsReport(const config::ExecutorOptions& opts) {
  return Lvm(opts, {"lvs", "--reportformat", "json", "--units", "k"}, GlusterExecTimeoutS(opts));
}

Result<Command> LvsBrickReport(const config::ExecutorOptions& opts) {
  return Lvm(opts,
             {"lvs", "--reportformat", "json", "--units", "k", "-o",
              "vg_name,lv_name,lv_attr,lv_size,pool_lv,lv_metadata_size"},
             kDeviceTimeoutS);
}

Result<Command> LvExtend(const config::ExecutorOptions& opts, std::string_view device_id,
                         std::string_view lv, int64_t new_size_kib) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  BY_RETURN_IF_ERROR(ValidateLvmName(lv, "logical volume"));
  BY_RETURN_IF_ERROR(PositiveSize(new_size_kib, "new size"));
  return Lvm(opts,
             {"lvextend", Autobackup(opts), "-L", Kib(new_size_kib),
              VgName(device_id) + "/" + std::string(lv)},
             kBrickTimeoutS);
}

Result<Command> LvExtendPoolMetadata(const config::ExecutorOptions& opts,
                                     std::string_view device_id, std::string_view tp_name,
                                     int64_t new_meta_kib) {
  BY_RETURN_IF_ERROR(ValidateId(device_id, "device"));
  BY_RETURN_IF_ERROR(ValidateLvmName(tp_name, "thin pool"));
  BY_RETURN_IF_ERROR(PositiveSize(new_meta_kib, "new pool metadata size"));
  return Lvm(opts,
             {"lvextend", Autobackup(opts), "--poolmetadatasize", Kib(new_meta_kib),
              VgName(device_id) + "/" + std::string(tp_name)},
             kBrickTimeoutS);
}

}  // namespace brickyard::executors::commands
