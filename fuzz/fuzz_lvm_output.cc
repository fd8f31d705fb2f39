// Fuzz target: the parsers of LVM and udev output
// (executors/commands/lvm_parse.h), each over the same input: the JSON
// reports of pvs/vgs/lvs, the device-handle query, sizes, `vgdisplay -c`,
// thin counts, thin pool names and udev symlinks. Contract checked: no crash,
// leak, UB or exception; sizes and extents are never negative; a pool name
// and every udev path kept (they later appear in commands) are valid.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "executors/commands/lvm_parse.h"
#include "executors/commands/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace c = brickyard::executors::commands;
  std::string_view out(reinterpret_cast<const char*>(data), size);

  for (std::string_view kind : {"pv", "vg", "lv"}) {
    if (auto rows = c::ParseLvmReport(out, kind); rows.ok()) {
      for (const auto& row : *rows) {
        if (auto it = row.find("lv_size"); it != row.end()) (void)c::ParseLvmSizeKib(it->second);
      }
    }
  }
  (void)c::ParsePvUuid(out);
  if (auto kib = c::ParseLvmSizeKib(out); kib.ok() && *kib < 0) std::abort();
  if (auto vg = c::ParseVgDisplay(out); vg.ok()) {
    if (vg->extent_kib <= 0 || vg->total_kib < 0 || vg->used_kib < 0 || vg->free_kib < 0) std::abort();
  }
  if (auto n = c::ParseThinCount(out); n.ok() && *n < 0) std::abort();
  if (auto pool = c::ParseLvPool(out); pool.ok() && !c::ValidateLvmName(*pool, "pool").ok()) std::abort();

  constexpr std::string_view kDevice = "/dev/sdb";
  auto paths = c::ParseUdevSymlinks(out, kDevice);
  if (paths.empty() || paths[0] != kDevice) std::abort();
  for (size_t i = 1; i < paths.size(); ++i) {
    if (!c::ValidateDevicePath(paths[i]).ok()) std::abort();
  }
  return 0;
}
