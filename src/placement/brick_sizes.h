// The brick-size halving loop (spec provisioning §4.3) and arbiter brick
// sizing (§4.8). Pure arithmetic, all sizes KiB.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "placement/allocator.h"

namespace brickyard::placement {

struct BrickSizeStep {
  int64_t sets = 0;       // number of sets at this size
  int64_t brick_kib = 0;  // data brick size
};

// Why the loop ends after the last step it yields.
enum class SizeStop {
  kMinBrickSize,  // the next brick would be smaller than brick_min_size_gb
  kMaxBricks,     // the next step would exceed max_bricks_per_volume
};

struct BrickSizePlan {
  std::vector<BrickSizeStep> steps;  // in the order to try: 1, 2, 4, ... sets
  SizeStop stop = SizeStop::kMinBrickSize;
  BrickSizeStep stop_step;  // the step that ended the loop (not tried)
};

// Lists the sizes to try for a volume of `volume_kib` with `data_per_set`
// data bricks per set (1, or `data` for disperse) and `set_size` bricks per
// set: sets = 1, 2, 4, ...; brick = volume_kib / sets / data_per_set (integer
// division); sizes above brick_max_size_gb are skipped; the loop stops before
// a brick under brick_min_size_gb (never under kMinBrickKib) and before a step whose
// existing_bricks + sets * set_size exceeds max_bricks_per_volume.
// Arguments must be positive (set_size, data_per_set, volume_kib).
BrickSizePlan PlanBrickSizes(int64_t volume_kib, int64_t data_per_set, int64_t set_size,
                             int64_t existing_bricks, const Limits& limits);

// The smallest brick of any kind: the smallest file system mkfs.xfs makes
// (300 MiB since xfsprogs 5.19, Debian 12's 6.1: "Filesystem must be larger
// than 300MB"). Bricks are thin LVs of exactly their size, formatted whole.
inline constexpr int64_t kMinBrickKib = 300 * 1024;

// Arbiter brick size for a data brick of `data_kib`: about 1 KiB per expected
// file, i.e. data_kib / average_file_kib, at least kMinBrickKib.
// InvalidArgument if average_file_kib is not positive or exceeds data_kib.
Result<int64_t> ArbiterBrickKib(int64_t data_kib, int64_t average_file_kib);

// Renders a KiB size for messages: "100 GiB", "12.5 GiB", "16 MiB", "512 KiB".
std::string FormatKib(int64_t kib);

}  // namespace brickyard::placement
