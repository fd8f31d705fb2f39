// ThreadCache: runs tasks on threads that are kept for reuse, so a burst of
// short parallel steps (a volume's bricks on the mock executor) does not pay
// for creating and joining a thread each time.
//
// Every task starts at once: a task never waits for another to finish (a
// thread is created when none is idle), so tasks may block for as long as
// they need (an SSH command) without delaying the others. A thread idle for
// longer than `idle_timeout` exits. The destructor waits for running tasks
// and joins every thread. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace brickyard {

class ThreadCache {
 public:
  explicit ThreadCache(std::chrono::milliseconds idle_timeout = std::chrono::seconds(30));
  ~ThreadCache();
  ThreadCache(const ThreadCache&) = delete;
  ThreadCache& operator=(const ThreadCache&) = delete;

  // Runs fn() on a cached or new thread; the future holds its result (or
  // its exception).
  template <typename Fn>
  auto Run(Fn fn) -> std::future<std::invoke_result_t<Fn&>> {
    using T = std::invoke_result_t<Fn&>;
    auto task = std::make_shared<std::packaged_task<T()>>(std::move(fn));
    std::future<T> result = task->get_future();
    Post([task] { (*task)(); });
    return result;
  }

  // Threads alive now (running a task or idle), and of those the idle ones.
  size_t Threads() const;
  size_t Idle() const;

  // The process-wide cache for node steps run in parallel.
  static ThreadCache& Shared();

 private:
  void Post(std::function<void()> task);
  void Loop();

  const std::chrono::milliseconds idle_timeout_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;  // guarded by mu_
  size_t idle_ = 0;                          // guarded by mu_
  size_t alive_ = 0;                         // guarded by mu_
  bool stopping_ = false;                    // guarded by mu_
  std::vector<std::thread> threads_;         // guarded by mu_; exited ones are joined lazily
  std::vector<std::thread::id> exited_;      // guarded by mu_
};

}  // namespace brickyard
