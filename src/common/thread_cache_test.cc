#include "common/thread_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>

namespace brickyard {
namespace {

using namespace std::chrono_literals;

TEST(ThreadCacheTest, ReturnsResultsAndExceptions) {
  ThreadCache cache;
  auto a = cache.Run([] { return 41 + 1; });
  auto b = cache.Run([]() -> std::string { throw std::runtime_error("boom"); });
  EXPECT_EQ(a.get(), 42);
  EXPECT_THROW(b.get(), std::runtime_error);
}

TEST(ThreadCacheTest, EveryTaskStartsWithoutWaitingForAnother) {
  ThreadCache cache;
  constexpr int kTasks = 8;
  std::atomic<int> started{0};
  std::vector<std::future<bool>> results;
  for (int i = 0; i < kTasks; ++i) {
    // Each task waits until all have started: with fewer threads than
    // tasks this would time out.
    results.push_back(cache.Run([&] {
      ++started;
      const auto deadline = std::chrono::steady_clock::now() + 10s;
      while (started.load() < kTasks && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(1ms);
      }
      return started.load() == kTasks;
    }));
  }
  for (auto& r : results) EXPECT_TRUE(r.get());
  EXPECT_EQ(cache.Threads(), size_t{kTasks});
}

TEST(ThreadCacheTest, ReusesIdleThreads) {
  ThreadCache cache;
  for (int i = 0; i < 50; ++i) {
    cache.Run([] {}).get();
    // The thread is idle again shortly after get() returns.
    for (int w = 0; w < 10000 && cache.Idle() < cache.Threads(); ++w) std::this_thread::sleep_for(1ms);
  }
  EXPECT_EQ(cache.Threads(), 1u);
}

TEST(ThreadCacheTest, IdleThreadsExitAfterTheTimeout) {
  ThreadCache cache(20ms);
  cache.Run([] {}).get();
  cache.Run([] {}).get();
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (cache.Threads() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(cache.Threads(), 0u);
  // And new work still runs after they left.
  EXPECT_EQ(cache.Run([] { return 7; }).get(), 7);
}

TEST(ThreadCacheTest, DestructorRunsQueuedTasksAndJoins) {
  std::atomic<int> ran{0};
  {
    ThreadCache cache;
    for (int i = 0; i < 4; ++i) {
      cache.Run([&] {
        std::this_thread::sleep_for(5ms);
        ++ran;
      });
    }
  }
  EXPECT_EQ(ran.load(), 4);
}

}  // namespace
}  // namespace brickyard
