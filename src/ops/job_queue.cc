#include "ops/job_queue.h"

#include <spdlog/spdlog.h>

#include <optional>

#include "common/ids.h"

namespace brickyard::ops {
namespace {

// The job a worker thread runs, and the success its body recorded itself.
struct CurrentJob {
  const std::string* id = nullptr;
  const Clock* clock = nullptr;
  std::optional<std::string> recorded_location;
};
thread_local CurrentJob t_job;

}  // namespace

JobQueue::JobQueue(store::Store& store, const Clock& clock, int workers, int64_t max_queued,
                   int64_t retention_s)
    : store_(store), clock_(clock), max_queued_(max_queued), retention_s_(retention_s) {
  if (workers < 1) workers = 1;
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { WorkerLoop(); });
}

JobQueue::~JobQueue() {
  std::deque<Item> abandoned;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    abandoned.swap(queue_);
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
  for (const auto& item : abandoned) {
    Finish(item.id, Result<std::string>(Unavailable("server shut down before the operation ran")));
  }
}

Result<std::string> JobQueue::Submit(const std::string& owner, JobFn fn, bool bounded) {
  {
    std::lock_guard lock(mu_);
    if (bounded && static_cast<int64_t>(queue_.size()) >= max_queued_) {
      return Busy("Server busy. Retry operation later.");
    }
  }
  store::Job job;
  job.id = NewId();
  job.owner = owner;
  job.created_unix = clock_.NowUnix();
  BY_RETURN_IF_ERROR(store_.Update([&](store::WriteTx& tx) { return tx.PutJob(job); }));
  {
    std::lock_guard lock(mu_);
    queue_.push_back(Item{job.id, std::move(fn)});
    active_.insert(job.id);
  }
  cv_.notify_one();
  return job.id;
}

void JobQueue::WaitFinished(const std::string& id, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  if (!active_.count(id) || waiters_ >= kMaxWaiters) return;
  ++waiters_;
  finished_cv_.wait_for(lock, timeout, [&] { return !active_.count(id); });
  --waiters_;
}

int64_t JobQueue::InFlight() const {
  std::lock_guard lock(mu_);
  return running_;
}

int64_t JobQueue::Queued() const {
  std::lock_guard lock(mu_);
  return static_cast<int64_t>(queue_.size());
}

void JobQueue::WorkerLoop() {
  while (true) {
    Item item;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      item = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    Result<std::string> result = Internal("operation did not run");
    t_job = CurrentJob{&item.id, &clock_, std::nullopt};
    try {
      result = item.fn();
    } catch (const std::exception& e) {
      result = Internal(std::string("operation failed: ") + e.what());
    }
    const bool claimed = result.ok() && t_job.recorded_location == result.value();
    t_job = CurrentJob{};
    if (!claimed || !RecordedAs(item.id, result.value())) Finish(item.id, result);
    {
      std::lock_guard lock(mu_);
      --running_;
      active_.erase(item.id);
    }
    finished_cv_.notify_all();
  }
}

bool JobQueue::RecordedAs(const std::string& id, const std::string& location) const {
  // The transaction that recorded it may have rolled back after all.
  bool done = false;
  Status st = store_.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(store::Job job, tx.GetJob(id));
    done = job.state == store::Job::State::kDone && job.location == location;
    return Status::Ok();
  });
  return st.ok() && done;
}

Status JobQueue::RecordSuccess(store::WriteTx& tx, const std::string& location) {
  if (t_job.id == nullptr) return Status::Ok();
  BY_ASSIGN_OR_RETURN(store::Job job, tx.GetJob(*t_job.id));
  job.state = store::Job::State::kDone;
  job.location = location;
  job.finished_unix = t_job.clock->NowUnix();
  BY_RETURN_IF_ERROR(tx.PutJob(job));
  t_job.recorded_location = location;
  return Status::Ok();
}

void JobQueue::Finish(const std::string& id, const Result<std::string>& result) {
  Status st = store_.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(store::Job job, tx.GetJob(id));
    job.finished_unix = clock_.NowUnix();
    if (result.ok()) {
      job.state = store::Job::State::kDone;
      job.location = result.value();
    } else {
      job.state = store::Job::State::kFailed;
      job.error = result.status().message();
    }
    return tx.PutJob(job);
  });
  if (!st.ok()) spdlog::error("job {}: cannot record result: {}", id, st.ToString());
  if (!result.ok()) spdlog::warn("job {} failed: {}", id, result.status().message());
}

void JobQueue::CollectExpired() {
  int64_t cutoff = clock_.NowUnix() - retention_s_;
  Status st = store_.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(int64_t n, tx.DeleteJobsFinishedBefore(cutoff));
    if (n > 0) spdlog::info("collected {} finished job results", n);
    return Status::Ok();
  });
  if (!st.ok()) spdlog::warn("job collection failed: {}", st.ToString());
}

}  // namespace brickyard::ops
