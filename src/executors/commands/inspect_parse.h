// Parsers for the inspection commands of `state examine gluster` (spec
// provisioning §3.8): brick LVs, mounts, fstab lines, brick directories and
// `volume status --xml`. Malformed output is Internal with a short, escaped
// excerpt. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace brickyard::executors::commands {

// One LV of a vg_<id> VG.
struct NodeLv {
  std::string vg;              // "vg_<device id>"
  std::string name;            // "brick_<id>", "tp_<id>", or a snapshot's name
  std::string pool;            // the thin pool of a thin LV; "" otherwise
  bool thin_pool = false;      // lv_attr starts with 't'
  int64_t size_kib = 0;        // lv_size
  int64_t metadata_kib = 0;    // lv_metadata_size (thin pools), else 0
  bool operator==(const NodeLv&) const = default;
};

// A mount (from /proc/mounts) or an fstab line: the first four fields.
struct MountEntry {
  std::string device;
  std::string mount_point;
  std::string fstype;
  std::string options;
  bool operator==(const MountEntry&) const = default;
};

// One brick of `volume status <vol> --xml`.
struct BrickProcess {
  std::string host;   // as gluster names it (the probed storage hostname)
  std::string path;
  bool online = false;
  int64_t pid = -1;   // -1 when gluster reports none
  bool operator==(const BrickProcess&) const = default;
};

// `lvs --reportformat json --units k -o vg_name,lv_name,lv_attr,lv_size,
// pool_lv,lv_metadata_size` (LvsBrickReport): the rows whose VG is named
// vg_<something>, in output order.
Result<std::vector<NodeLv>> ParseBrickLvs(std::string_view json);

// /proc/mounts, or an fstab: "device mount-point fstype options ..." per
// line. Octal escapes (\040 for a space) are decoded; blank lines and '#'
// comments are skipped; a line of fewer than four fields is an error. Only
// entries whose mount point is below `root` (a directory, no trailing '/')
// are returned.
Result<std::vector<MountEntry>> ParseMountTable(std::string_view text, std::string_view root);

// `find <root> -mindepth 2 -maxdepth 2 -type d` output: one path a line,
// each below `root`; other lines are an error.
Result<std::vector<std::string>> ParseDirList(std::string_view text, std::string_view root);

// `volume status <vol> --xml`: volStatus/volumes/volume/node entries that are
// bricks (the self-heal daemon and other services, whose path is not
// absolute, are left out). The CLI verdict is checked as ParseVolumeInfoXml does.
Result<std::vector<BrickProcess>> ParseVolumeStatusXml(std::string_view xml);

}  // namespace brickyard::executors::commands
