// Parsers for LVM and udev output (spec provisioning §3.3, §3.4, §3.8).
// Malformed output is Internal with a short, escaped excerpt.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "executors/executor.h"

namespace brickyard::executors::commands {

// One row of an LVM JSON report: field name to value, as LVM prints them
// (always strings, e.g. "lv_size": "1048576.00k").
using LvmRow = std::map<std::string, std::string>;

// The rows of `kind` ("pv", "vg", "lv") from `pvs|vgs|lvs --reportformat json`
// output, across every element of "report". Text before the first '{' (a
// warning line) is skipped. Text nesting deeper than kMaxJsonDepth
// (common/json_depth.h) is malformed.
Result<std::vector<LvmRow>> ParseLvmReport(std::string_view json, std::string_view kind);

// The PV UUID from the device-handle query (`pvs`/`vgs -o
// pv_name,pv_uuid,vg_name --reportformat=json`): report[0].pv[0].pv_uuid, or
// report[0].vg[0].pv_uuid. NotFound when the report has no row.
Result<std::string> ParsePvUuid(std::string_view json);

// An LVM size printed with `--units k` ("1048576.00k", "<4.00k") as whole
// KiB, rounded down.
Result<int64_t> ParseLvmSizeKib(std::string_view size);

// `vgdisplay -c vg_<D>`: the first line with at least 17 colon-separated
// fields; fields 12-15 (from 0) are the PE size in KiB and the total,
// allocated and free extent counts. Fills total/used/free = counts × PE and
// extent = PE; pv_uuid and paths stay empty.
Result<DeviceInfo> ParseVgDisplay(std::string_view out);

// `lvs --noheadings --options=thin_count vg/tp`: the integer it prints.
Result<int64_t> ParseThinCount(std::string_view out);

// `lvs --noheadings --options=pool_lv VG/LV`: the pool's name, a valid LVM
// name (validate.h); InvalidArgument for anything else, including the empty
// answer of an LV outside any pool.
Result<std::string> ParseLvPool(std::string_view out);

// `udevadm info --query=symlink --name=<device>`: `device` first, then each
// space-separated symlink prefixed with /dev/, skipping
// /dev/disk/by-id/lvm-pv-uuid-*, duplicates, and links that are not valid
// device paths (validate.h; udev escapes odd characters as \xNN), since
// every path kept may later address the device in a command. Never fails:
// empty output (or a failed query) yields just {device}.
std::vector<std::string> ParseUdevSymlinks(std::string_view out, std::string_view device);

}  // namespace brickyard::executors::commands
