// Background tasks: the glusterd health monitor (spec §8.8), the cleaner of
// pending operations (spec provisioning §5.6) and collection of old job
// results. Each runs on its own thread and never blocks requests.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "ops/context.h"
#include "ops/job_queue.h"
#include "ops/op_cleaner.h"

namespace brickyard::server {

class Background {
 public:
  Background(ops::Context& ctx, ops::JobQueue& volume_jobs, ops::JobQueue& topology_jobs,
             ops::OpCleaner& cleaner);
  ~Background();
  void Start();
  void Stop();

 private:
  void HealthLoop();
  void CollectLoop();
  // First after start_time_background_cleaner s, then every
  // refresh_time_background_cleaner s, one OpCleaner::RunBackgroundRound over
  // both job queues: skipped (logged at info, retried next period) while a
  // client operation waits for a worker; else marks abandoned operations
  // stale when no operation job is running or queued, then cleans stale and
  // failed ones.
  void CleanerLoop();
  // Waits up to `seconds`; returns false when stopping.
  bool Sleep(int64_t seconds);

  ops::Context& ctx_;
  ops::JobQueue& volume_jobs_;
  ops::JobQueue& topology_jobs_;
  ops::OpCleaner& cleaner_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::thread health_;
  std::thread collect_;
  std::thread cleaner_thread_;
};

}  // namespace brickyard::server
