// On-node names and paths (spec provisioning §1). These are the on-node
// contract shared with Heketi: changing one strands existing bricks.
//
// Callers pass validated ids (validate.h); these functions only format.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace brickyard::executors::commands {

inline constexpr std::string_view kMountRoot = "/var/lib/heketi/mounts";
inline constexpr std::string_view kLvmPath = "/usr/sbin/lvm";
inline constexpr std::string_view kUdevadmPath = "/usr/bin/udevadm";

// vg_<device id>
std::string VgName(std::string_view device_id);
// tp_<brick id>
std::string ThinPoolName(std::string_view brick_id);
// brick_<brick id>
std::string BrickLvName(std::string_view brick_id);
// /var/lib/heketi/mounts/vg_<device id>
std::string VgMountDir(std::string_view device_id);
// /var/lib/heketi/mounts/vg_<device id>/brick_<brick id>
std::string BrickMountPoint(std::string_view device_id, std::string_view brick_id);
// <mount point>/brick
std::string BrickPath(std::string_view device_id, std::string_view brick_id);
// /dev/mapper/<vg>-<lv>, each '-' inside the VG or LV name doubled as
// device-mapper does (Heketi's names contain none).
std::string DevMapperPath(std::string_view vg, std::string_view lv);

// The mount point of a brick directory: `brick_path` without its final
// "/brick" component (also right for snapshot-clone bricks, which gluster
// mounts at /run/gluster/snaps/<uuid>/brickN with the same last component).
// InvalidArgument when the path does not end in "/brick".
Result<std::string> MountPointOf(std::string_view brick_path);

// True for bricks whose mounts glusterd manages (snapshot clones): paths
// under /run/gluster/ or /var/run/gluster/. They have no fstab line.
bool IsGlusterManagedMount(std::string_view path);

// The LV glusterd made for a snapshot-clone brick, from the brick's path
// `<snaps>/<X>/brick<N>/brick` (<snaps> = /run/gluster/snaps or
// /var/run/gluster/snaps; X is the clone's gluster volume UUID without
// dashes): `<X>_<index_on_node>`, where index_on_node counts the clone's
// bricks on the same node that come before this one in gluster's brick
// order (glusterd numbers each node's snapshot devices from 0). The LV lives
// in the origin brick's VG and thin pool. InvalidArgument when the path does
// not have that shape or X is not a valid LV name prefix.
Result<std::string> SnapshotBrickLvName(std::string_view brick_path, int64_t index_on_node);

// The position N (1-based, gluster's brick order) in a snapshot-clone brick
// path `<snaps>/<X>/brick<N>/brick`. InvalidArgument for any other shape.
Result<int64_t> SnapshotBrickPosition(std::string_view brick_path);

// The path a device is best addressed by (spec provisioning §3.3 "handle
// upgrade"): /dev/disk/by-id/lvm-pv-uuid-<pv_uuid> when the PV UUID is known,
// else the first stored path, else the device name as added.
std::string PreferredDevicePath(std::string_view pv_uuid, const std::vector<std::string>& paths,
                                std::string_view name);

}  // namespace brickyard::executors::commands
