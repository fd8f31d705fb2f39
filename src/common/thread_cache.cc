#include "common/thread_cache.h"

#include <algorithm>

namespace brickyard {

ThreadCache::ThreadCache(std::chrono::milliseconds idle_timeout) : idle_timeout_(idle_timeout) {}

ThreadCache::~ThreadCache() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    threads.swap(threads_);
  }
  cv_.notify_all();
  for (auto& t : threads) t.join();
}

ThreadCache& ThreadCache::Shared() {
  // Never destroyed: a task still blocked on a node at exit must not hold
  // the process up.
  static ThreadCache* cache = new ThreadCache();
  return *cache;
}

size_t ThreadCache::Threads() const {
  std::lock_guard lock(mu_);
  return alive_;
}

size_t ThreadCache::Idle() const {
  std::lock_guard lock(mu_);
  return idle_;
}

void ThreadCache::Post(std::function<void()> task) {
  std::vector<std::thread> finished;
  {
    std::lock_guard lock(mu_);
    tasks_.push_back(std::move(task));
    // Threads that timed out have left Loop(); join them outside the lock.
    for (const auto& id : exited_) {
      auto it = std::find_if(threads_.begin(), threads_.end(),
                             [&](const std::thread& t) { return t.get_id() == id; });
      if (it != threads_.end()) {
        finished.push_back(std::move(*it));
        threads_.erase(it);
      }
    }
    exited_.clear();
    // Every queued task needs a thread of its own right away.
    if (tasks_.size() > idle_) {
      ++alive_;
      ++idle_;  // counted idle until it takes its first task
      threads_.emplace_back([this] { Loop(); });
    }
  }
  cv_.notify_one();
  for (auto& t : finished) t.join();
}

void ThreadCache::Loop() {
  std::unique_lock lock(mu_);
  while (true) {
    bool woke = cv_.wait_for(lock, idle_timeout_, [&] { return stopping_ || !tasks_.empty(); });
    if (!woke || (stopping_ && tasks_.empty())) break;
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    --idle_;
    lock.unlock();
    task();  // packaged_task: exceptions land in the future
    task = nullptr;
    lock.lock();
    ++idle_;
  }
  --idle_;
  --alive_;
  if (!stopping_) exited_.push_back(std::this_thread::get_id());
}

}  // namespace brickyard
