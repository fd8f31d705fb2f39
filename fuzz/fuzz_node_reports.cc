// Fuzz target: the parsers of what `state examine gluster` and the block
// volume commands read from a node (executors/commands/inspect_parse.h,
// gluster_block.h): brick LV reports, mount tables and fstabs, brick
// directory lists, `volume status --xml` and gluster-block's JSON answers,
// each over the same input. Contract checked: no crash, leak, UB or
// exception; mount entries and directories returned lie below the root asked
// for; sizes and pids are never below their documented floor.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "executors/commands/gluster_block.h"
#include "executors/commands/inspect_parse.h"

namespace {

constexpr std::string_view kRoot = "/var/lib/heketi/mounts";

bool Below(std::string_view path, std::string_view root) {
  return path.size() > root.size() + 1 && path.substr(0, root.size()) == root &&
         path[root.size()] == '/';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace c = brickyard::executors::commands;
  std::string_view out(reinterpret_cast<const char*>(data), size);

  if (auto lvs = c::ParseBrickLvs(out); lvs.ok()) {
    for (const auto& lv : *lvs) {
      if (lv.size_kib < 0 || lv.metadata_kib < 0) std::abort();
    }
  }
  if (auto mounts = c::ParseMountTable(out, kRoot); mounts.ok()) {
    for (const auto& m : *mounts) {
      if (!Below(m.mount_point, kRoot)) std::abort();
    }
  }
  if (auto dirs = c::ParseDirList(out, kRoot); dirs.ok()) {
    for (const auto& d : *dirs) {
      if (!Below(d, kRoot)) std::abort();
    }
  }
  if (auto bricks = c::ParseVolumeStatusXml(out); bricks.ok()) {
    for (const auto& b : *bricks) {
      if (b.pid < -1) std::abort();
    }
  }

  for (bool prefer_err : {false, true}) {
    if (auto answer = c::BlockAnswer(out, "", prefer_err); answer.ok()) {
      (void)c::ParseBlockCreate(*answer);
      (void)c::ParseBlockInfo(*answer);
    }
  }
  if (auto gib = c::ParseBlockSize(out); gib.ok() && *gib < 0) std::abort();
  return 0;
}
