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

namespace {

struct SnapshotBrickParts {
  std::string_view dir;  // X
  int64_t position = 0;  // N
};

Result<SnapshotBrickParts> SplitSnapshotBrickPath(std::string_view path) {
  const auto bad = [&] {
    return InvalidArgument("\"" + Printable(path) +
                           "\" is not a snapshot brick path (<snaps>/<volume>/brick<N>/brick)");
  };
  std::string_view rest = path;
  bool found = false;
  for (std::string_view root : {"/run/gluster/snaps/", "/var/run/gluster/snaps/"}) {
    if (rest.starts_with(root)) {
      rest.remove_prefix(root.size());
      found = true;
      break;
    }
  }
  if (!found) return bad();
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return bad();
  SnapshotBrickParts parts{rest.substr(0, slash)};
  rest.remove_prefix(slash + 1);
  constexpr std::string_view kBrick = "brick", kLeaf = "/brick";
  if (!rest.starts_with(kBrick) || !rest.ends_with(kLeaf)) return bad();
  std::string_view digits = rest.substr(kBrick.size(), rest.size() - kBrick.size() - kLeaf.size());
  if (digits.empty() || digits.size() > 9 || digits.front() == '0') return bad();
  for (char c : digits) {
    if (c < '0' || c > '9') return bad();
    parts.position = parts.position * 10 + (c - '0');
  }
  return parts;
}

}  // namespace

Result<std::string> SnapshotBrickLvName(std::string_view brick_path, int64_t index_on_node) {
  BY_ASSIGN_OR_RETURN(SnapshotBrickParts parts, SplitSnapshotBrickPath(brick_path));
  if (index_on_node < 0) return InvalidArgument("snapshot brick index must not be negative");
  std::string lv = std::string(parts.dir) + "_" + std::to_string(index_on_node);
  BY_RETURN_IF_ERROR(ValidateLvmName(lv, "snapshot brick LV"));
  return lv;
}

Result<int64_t> SnapshotBrickPosition(std::string_view brick_path) {
  BY_ASSIGN_OR_RETURN(SnapshotBrickParts parts, SplitSnapshotBrickPath(brick_path));
  return parts.position;
}

std::string PreferredDevicePath(std::string_view pv_uuid, const std::vector<std::string>& paths,
                                std::string_view name) {
  if (!pv_uuid.empty()) return "/dev/disk/by-id/lvm-pv-uuid-" + std::string(pv_uuid);
  if (!paths.empty()) return paths.front();
  return std::string(name);
}

}  // namespace brickyard::executors::commands
