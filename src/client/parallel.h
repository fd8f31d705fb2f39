// ParallelMap: runs a function over indices on a small pool of threads and
// returns the results in index order. Used to fetch many objects at once.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <optional>
#include <thread>
#include <vector>

namespace brickyard::client {

// Calls fn(i) for every i in [0, n) using up to `max_threads` threads
// (at least one) and returns {fn(0), ..., fn(n-1)}. `fn` must be safe to
// call concurrently. Blocks until all calls have returned.
template <typename Fn>
auto ParallelMap(size_t n, size_t max_threads, Fn fn) -> std::vector<decltype(fn(size_t{0}))> {
  using T = decltype(fn(size_t{0}));
  std::vector<std::optional<T>> slots(n);
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) slots[i].emplace(fn(i));
  };
  size_t threads = std::min(n, std::max<size_t>(1, max_threads));
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  std::vector<T> out;
  out.reserve(n);
  for (auto& s : slots) out.push_back(std::move(*s));
  return out;
}

}  // namespace brickyard::client
