// Order statistics of a set of measurements (seconds, bytes, counts...).
#pragma once

#include <cstddef>
#include <vector>

namespace brickyard::bench {

struct Summary {
  size_t n = 0;
  double min = 0, p10 = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
};

// Summarises `samples` (any order). Percentiles interpolate linearly between
// the closest ranks, so p50 of an even count is the mean of the middle two.
// An empty input gives a Summary with n == 0 and zeros.
Summary Summarize(std::vector<double> samples);

}  // namespace brickyard::bench
