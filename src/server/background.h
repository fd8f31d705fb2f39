// Background tasks: the glusterd health monitor (spec §8.8) and collection
// of old job results. Each runs on its own thread and never blocks requests.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "ops/context.h"
#include "ops/job_queue.h"

namespace brickyard::server {

class Background {
 public:
  Background(ops::Context& ctx, ops::JobQueue& volume_jobs, ops::JobQueue& topology_jobs);
  ~Background();
  void Start();
  void Stop();

 private:
  void HealthLoop();
  void CollectLoop();
  // Waits up to `seconds`; returns false when stopping.
  bool Sleep(int64_t seconds);

  ops::Context& ctx_;
  ops::JobQueue& volume_jobs_;
  ops::JobQueue& topology_jobs_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::thread health_;
  std::thread collect_;
};

}  // namespace brickyard::server
