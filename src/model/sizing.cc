#include "model/sizing.h"

#include <algorithm>
#include <cmath>

namespace brickyard::model {

int64_t RoundUp(int64_t v, int64_t unit) {
  if (unit <= 0) return v;
  return ((v + unit - 1) / unit) * unit;
}

BrickSpace ComputeBrickSpace(int64_t brick_kib, double snapshot_factor, int64_t extent_kib) {
  if (extent_kib <= 0) extent_kib = 4 * kMiB;
  BrickSpace s;
  auto scaled = static_cast<int64_t>(std::ceil(static_cast<double>(brick_kib) * snapshot_factor));
  s.tp_kib = RoundUp(scaled, extent_kib);
  auto meta = static_cast<int64_t>(static_cast<double>(s.tp_kib) * 0.005);
  meta = std::min<int64_t>(meta, 16 * kGiB);
  s.meta_kib = RoundUp(meta, extent_kib);
  return s;
}

}  // namespace brickyard::model
