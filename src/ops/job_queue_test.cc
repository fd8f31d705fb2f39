#include "ops/job_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "store/sqlite_store.h"

namespace brickyard::ops {
namespace {

class JobQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/brickyard-jobs-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    store_ = std::move(store::SqliteStore::Open(dir_ + "/t.db", {})).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Waits until the worker has returned from the body and stored the outcome:
  // a body that records its own success may still be running when the job
  // already reads as done.
  store::Job WaitDone(JobQueue& q, const std::string& id) {
    q.WaitFinished(id, std::chrono::seconds(20));
    for (int i = 0; i < 2000; ++i) {
      store::Job job;
      (void)store_->View([&](store::ReadTx& tx) -> Status {
        BY_ASSIGN_OR_RETURN(job, tx.GetJob(id));
        return Status::Ok();
      });
      if (job.state != store::Job::State::kRunning) return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ADD_FAILURE() << "job " << id << " did not finish";
    return {};
  }

  std::string dir_;
  std::unique_ptr<store::SqliteStore> store_;
  FakeClock clock_{1000};
};

TEST_F(JobQueueTest, RecordsResults) {
  JobQueue q(*store_, clock_, 2, 10, 60);
  auto ok = q.Submit("user", [] { return Result<std::string>("/volumes/abc"); });
  auto empty = q.Submit("", [] { return Result<std::string>(std::string()); });
  auto bad = q.Submit("admin", [] { return Result<std::string>(Internal("boom")); });
  ASSERT_TRUE(ok.ok() && empty.ok() && bad.ok());
  store::Job a = WaitDone(q, *ok);
  EXPECT_EQ(a.state, store::Job::State::kDone);
  EXPECT_EQ(a.location, "/volumes/abc");
  EXPECT_EQ(a.owner, "user");
  EXPECT_EQ(WaitDone(q, *empty).location, "");
  store::Job c = WaitDone(q, *bad);
  EXPECT_EQ(c.state, store::Job::State::kFailed);
  EXPECT_EQ(c.error, "boom");
}

TEST_F(JobQueueTest, QueuesUpToTheBoundThenRefuses) {
  JobQueue q(*store_, clock_, 1, 1, 60);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::atomic<bool> started{false};
  auto first = q.Submit("", [&] {
    started = true;
    gate.wait();
    return Result<std::string>(std::string());
  });
  ASSERT_TRUE(first.ok());
  while (!started) std::this_thread::yield();
  auto second = q.Submit("", [&] { return Result<std::string>(std::string()); });
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(q.InFlight(), 1);
  EXPECT_EQ(q.Queued(), 1);
  auto third = q.Submit("", [&] { return Result<std::string>(std::string()); });
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), Code::kBusy);
  // Unbounded submissions are never refused.
  auto topology = q.Submit("", [&] { return Result<std::string>(std::string()); }, false);
  EXPECT_TRUE(topology.ok());
  release.set_value();
  WaitDone(q, *second);
  WaitDone(q, *topology);
}

TEST_F(JobQueueTest, CollectsOldResults) {
  JobQueue q(*store_, clock_, 1, 10, 60);
  auto id = q.Submit("", [] { return Result<std::string>(std::string()); });
  WaitDone(q, *id);
  clock_.Advance(30);
  q.CollectExpired();
  EXPECT_TRUE(store_->View([&](store::ReadTx& tx) { return tx.GetJob(*id).status(); }).ok());
  clock_.Advance(31);
  q.CollectExpired();
  EXPECT_EQ(store_->View([&](store::ReadTx& tx) { return tx.GetJob(*id).status(); }).code(),
            Code::kNotFound);
}

TEST_F(JobQueueTest, ExceptionsBecomeErrors) {
  JobQueue q(*store_, clock_, 1, 10, 60);
  auto id = q.Submit("", []() -> Result<std::string> { throw std::runtime_error("oops"); });
  store::Job j = WaitDone(q, *id);
  EXPECT_EQ(j.state, store::Job::State::kFailed);
  EXPECT_EQ(j.error, "operation failed: oops");
}

TEST_F(JobQueueTest, BodyRecordsItsSuccessInItsOwnTransaction) {
  JobQueue q(*store_, clock_, 1, 10, 60);
  std::atomic<bool> done_before_return{false};
  std::promise<std::string> id_known;
  std::shared_future<std::string> job_id = id_known.get_future().share();
  auto submitted = q.Submit("", [&]() -> Result<std::string> {
    BY_RETURN_IF_ERROR(store_->Update(
        [&](store::WriteTx& tx) { return JobQueue::RecordSuccess(tx, "/volumes/v1"); }));
    // Already visible, before the queue sees the result.
    Status st = store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(store::Job j, tx.GetJob(job_id.get()));
      done_before_return = j.state == store::Job::State::kDone && j.location == "/volumes/v1";
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return std::string("/volumes/v1");
  });
  ASSERT_TRUE(submitted.ok());
  id_known.set_value(*submitted);
  store::Job j = WaitDone(q, *submitted);
  EXPECT_TRUE(done_before_return);
  EXPECT_EQ(j.state, store::Job::State::kDone);
  EXPECT_EQ(j.location, "/volumes/v1");
  EXPECT_EQ(j.finished_unix, 1000);
}

TEST_F(JobQueueTest, RecordedSuccessRolledBackIsWrittenByTheQueue) {
  JobQueue q(*store_, clock_, 1, 10, 60);
  auto id = q.Submit("", [&]() -> Result<std::string> {
    Status st = store_->Update([&](store::WriteTx& tx) -> Status {
      BY_RETURN_IF_ERROR(JobQueue::RecordSuccess(tx, "/volumes/v2"));
      return Internal("changed my mind");
    });
    if (st.ok()) return Internal("the update should have failed");
    return std::string("/volumes/v2");
  });
  ASSERT_TRUE(id.ok());
  store::Job j = WaitDone(q, *id);
  EXPECT_EQ(j.state, store::Job::State::kDone);
  EXPECT_EQ(j.location, "/volumes/v2");
}

TEST_F(JobQueueTest, ErrorReturnedAfterRecordedSuccessWins) {
  JobQueue q(*store_, clock_, 1, 10, 60);
  auto id = q.Submit("", [&]() -> Result<std::string> {
    BY_RETURN_IF_ERROR(store_->Update(
        [&](store::WriteTx& tx) { return JobQueue::RecordSuccess(tx, "/volumes/v3"); }));
    return Internal("late failure");
  });
  ASSERT_TRUE(id.ok());
  store::Job j = WaitDone(q, *id);
  EXPECT_EQ(j.state, store::Job::State::kFailed);
  EXPECT_EQ(j.error, "late failure");
}

TEST_F(JobQueueTest, WaitFinishedReturnsOnceTheOutcomeIsStored) {
  using std::chrono::milliseconds;
  using Steady = std::chrono::steady_clock;
  JobQueue q(*store_, clock_, 1, 10, 60);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  auto id = q.Submit("", [&] {
    gate.wait();
    return Result<std::string>("/volumes/w");
  });
  ASSERT_TRUE(id.ok());

  // Unknown jobs do not wait; a running one waits out the timeout.
  auto t0 = Steady::now();
  q.WaitFinished("0123456789abcdef0123456789abcdef", milliseconds(5000));
  EXPECT_LT(Steady::now() - t0, milliseconds(1000));
  t0 = Steady::now();
  q.WaitFinished(*id, milliseconds(30));
  EXPECT_GE(Steady::now() - t0, milliseconds(30));

  std::thread releaser([&] {
    std::this_thread::sleep_for(milliseconds(20));
    release.set_value();
  });
  t0 = Steady::now();
  q.WaitFinished(*id, milliseconds(10000));
  EXPECT_LT(Steady::now() - t0, milliseconds(5000));
  releaser.join();
  // Stored by the time the wait ends.
  store::Job j;
  ASSERT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
                      BY_ASSIGN_OR_RETURN(j, tx.GetJob(*id));
                      return Status::Ok();
                    }).ok());
  EXPECT_EQ(j.state, store::Job::State::kDone);
  EXPECT_EQ(j.location, "/volumes/w");
}

TEST_F(JobQueueTest, RecordSuccessOutsideAJobDoesNothing) {
  EXPECT_TRUE(store_->Update([](store::WriteTx& tx) {
                      return JobQueue::RecordSuccess(tx, "/volumes/none");
                    }).ok());
  EXPECT_TRUE(store_->View([](store::ReadTx& tx) -> Status {
                      BY_ASSIGN_OR_RETURN(auto running, tx.ListRunningJobs());
                      return running.empty() ? Status::Ok() : Internal("unexpected job");
                    }).ok());
}

}  // namespace
}  // namespace brickyard::ops
