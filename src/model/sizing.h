// Space accounting for bricks (spec provisioning §4.4). All sizes KiB.
#pragma once

#include <cstdint>

namespace brickyard::model {

inline constexpr int64_t kKiB = 1;
inline constexpr int64_t kMiB = 1024;
inline constexpr int64_t kGiB = 1024 * 1024;
inline constexpr int64_t kTiB = 1024LL * 1024 * 1024;

// Rounds `v` up to a multiple of `unit` (unit > 0).
int64_t RoundUp(int64_t v, int64_t unit);

struct BrickSpace {
  int64_t tp_kib = 0;    // thin pool: brick size x snapshot factor, extent-aligned
  int64_t meta_kib = 0;  // pool metadata: 0.5% of the pool, capped at 16 GiB, extent-aligned
  int64_t total() const { return tp_kib + meta_kib; }
};

// The device space a brick of `brick_kib` takes on a device with extents of
// `extent_kib`, for a volume with `snapshot_factor` (1 when snapshots are off).
BrickSpace ComputeBrickSpace(int64_t brick_kib, double snapshot_factor, int64_t extent_kib);

}  // namespace brickyard::model
