#include "stats.h"

#include <algorithm>
#include <cmath>

namespace brickyard::bench {

namespace {

// q in [0, 1] over a sorted, non-empty vector.
double Quantile(const std::vector<double>& sorted, double q) {
  double pos = q * static_cast<double>(sorted.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  double frac = pos - static_cast<double>(lo);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

}  // namespace

Summary Summarize(std::vector<double> samples) {
  Summary s;
  if (samples.empty()) return s;
  std::sort(samples.begin(), samples.end());
  s.n = samples.size();
  s.min = samples.front();
  s.max = samples.back();
  s.p10 = Quantile(samples, 0.10);
  s.p50 = Quantile(samples, 0.50);
  s.p90 = Quantile(samples, 0.90);
  s.p99 = Quantile(samples, 0.99);
  return s;
}

}  // namespace brickyard::bench
