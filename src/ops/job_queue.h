// JobQueue: runs asynchronous operations and records their outcome for
// GET /queue/{id} (spec heketi-api §3).
//
// Work is queued, not rejected: at most `workers` jobs of a class run at once
// and up to `max_queued` more wait; only past that bound does Submit return
// Busy (HTTP 429; DECISIONS #6). Job records live in the store so results
// survive a restart and are collected after `retention_s` (DECISIONS #12).
// Thread-safe. The destructor drains: it waits for running jobs and runs no
// queued ones (their records are marked failed).
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "store/store.h"

namespace brickyard::ops {

// A job's body. Returns the result path for a 303 ("" for 204) or an error.
using JobFn = std::function<Result<std::string>()>;

class JobQueue {
 public:
  JobQueue(store::Store& store, const Clock& clock, int workers, int64_t max_queued,
           int64_t retention_s);
  ~JobQueue();
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // Records a running job owned by `owner` and queues `fn`. Returns the job
  // id, or Busy("Server busy. Retry operation later.") when the queue is full
  // and `bounded` is true.
  Result<std::string> Submit(const std::string& owner, JobFn fn, bool bounded = true);

  // Waits until job `id`, when this queue holds it (queued or running), has
  // its outcome stored, for at most `timeout`. Returns at once for a job it
  // does not hold, and when kMaxWaiters callers wait already. Lets a poll
  // answer a short job with its outcome rather than "pending".
  void WaitFinished(const std::string& id, std::chrono::milliseconds timeout);
  static constexpr int kMaxWaiters = 8;

  // Jobs currently executing (not waiting).
  int64_t InFlight() const;
  // Jobs waiting for a worker.
  int64_t Queued() const;

  // Removes finished job records older than the retention period.
  void CollectExpired();

  // Marks, inside `tx`, the job the calling thread runs as succeeded with
  // `location`, so that its record costs no transaction of its own. For the
  // last write transaction of a job body, whose commit decides success: the
  // body must then return `location` (an error returned instead is recorded
  // over it). Does nothing when the thread runs no job.
  static Status RecordSuccess(store::WriteTx& tx, const std::string& location);

 private:
  struct Item {
    std::string id;
    JobFn fn;
  };
  void WorkerLoop();
  void Finish(const std::string& id, const Result<std::string>& result);
  // True when job `id` is stored as succeeded with `location`.
  bool RecordedAs(const std::string& id, const std::string& location) const;

  store::Store& store_;
  const Clock& clock_;
  const int64_t max_queued_;
  const int64_t retention_s_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;  // guarded by mu_
  int64_t running_ = 0;     // guarded by mu_
  bool stopping_ = false;   // guarded by mu_
  std::unordered_set<std::string> active_;  // guarded by mu_; queued or running, outcome not stored
  int waiters_ = 0;                         // guarded by mu_
  std::condition_variable finished_cv_;     // signalled when a job leaves active_
  std::vector<std::thread> threads_;
};

}  // namespace brickyard::ops
