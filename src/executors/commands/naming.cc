#include "executors/commands/naming.h"

#include "executors/commands/validate.h"

namespace brickyard::executors::commands {
namespace {

std::string DoubleDashes(std::string_view s) {
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '-') out += '-';
  }
  return out;
}

}  // namespace

std::string VgName(std::string_view device_id) { return "vg_" + std::string(device_id); }

std::string ThinPoolName(std::string_view brick_id) { return "tp_" + std::string(brick_id); }

std::string BrickLvName(std::string_view brick_id) { return "brick_" + std::string(brick_id); }

std::string VgMountDir(std::string_view device_id) {
  return std::string(kMountRoot) + "/" + VgName(device_id);
}

std::string BrickMountPoint(std::string_view device_id, std::string_view brick_id) {
  return VgMountDir(device_id) + "/" + BrickLvName(brick_id);
}

std::string BrickPath(std::string_view device_id, std::string_view brick_id) {
  return BrickMountPoint(device_id, brick_id) + "/brick";
}

std::string DevMapperPath(std::string_view vg, std::string_view lv) {
  return "/dev/mapper/" + DoubleDashes(vg) + "-" + DoubleDashes(lv);
}

Result<std::string> MountPointOf(std::string_view brick_path) {
  constexpr std::string_view kLeaf = "/brick";
  if (brick_path.size() <= kLeaf.size() ||
      brick_path.substr(brick_path.size() - kLeaf.size()) != kLeaf) {
    return InvalidArgument("brick path \"" + Printable(brick_path) + "\" does not end in /brick");
  }
  return std::string(brick_path.substr(0, brick_path.size() - kLeaf.size()));
}

bool IsGlusterManagedMount(std::string_view path) {
  return path.starts_with("/run/gluster/") || path.starts_with("/var/run/gluster/");
}

std::string PreferredDevicePath(std::string_view pv_uuid, const std::vector<std::string>& paths,
                                std::string_view name) {
  if (!pv_uuid.empty()) return "/dev/disk/by-id/lvm-pv-uuid-" + std::string(pv_uuid);
  if (!paths.empty()) return paths.front();
  return std::string(name);
}

}  // namespace brickyard::executors::commands
