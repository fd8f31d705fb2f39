#include "placement/brick_sizes.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "model/sizing.h"

namespace brickyard::placement {

BrickSizePlan PlanBrickSizes(int64_t volume_kib, int64_t data_per_set, int64_t set_size,
                             int64_t existing_bricks, const Limits& limits) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const int64_t min_kib = std::max<int64_t>(kMinBrickKib, limits.brick_min_size_gb * model::kGiB);
  const int64_t max_kib =
      limits.brick_max_size_gb > kMax / model::kGiB ? kMax : limits.brick_max_size_gb * model::kGiB;
  BrickSizePlan plan;
  for (int64_t sets = 1;; sets *= 2) {
    BrickSizeStep step{sets, volume_kib / sets / data_per_set};
    if (step.brick_kib < min_kib) {
      plan.stop = SizeStop::kMinBrickSize;
      plan.stop_step = step;
      return plan;
    }
    if (step.brick_kib > max_kib) continue;
    if (sets > (kMax - existing_bricks) / set_size ||
        existing_bricks + sets * set_size > limits.max_bricks_per_volume) {
      plan.stop = SizeStop::kMaxBricks;
      plan.stop_step = step;
      return plan;
    }
    plan.steps.push_back(step);
  }
}

Result<int64_t> ArbiterBrickKib(int64_t data_kib, int64_t average_file_kib) {
  if (average_file_kib <= 0) {
    return InvalidArgument("average file size must be positive, got " +
                           std::to_string(average_file_kib) + " KiB");
  }
  if (average_file_kib > data_kib) {
    return InvalidArgument("average file size (" + FormatKib(average_file_kib) +
                           ") is greater than the brick size (" + FormatKib(data_kib) + ")");
  }
  return std::max(kMinBrickKib, data_kib / average_file_kib);
}

std::string FormatKib(int64_t kib) {
  const char* unit = "KiB";
  double value = static_cast<double>(kib);
  if (kib >= model::kTiB && kib % model::kTiB == 0) {
    unit = "TiB";
    value /= static_cast<double>(model::kTiB);
  } else if (kib >= model::kGiB) {
    unit = "GiB";
    value /= static_cast<double>(model::kGiB);
  } else if (kib >= model::kMiB) {
    unit = "MiB";
    value /= static_cast<double>(model::kMiB);
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", value);
  std::string s(buf);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + " " + unit;
}

}  // namespace brickyard::placement
