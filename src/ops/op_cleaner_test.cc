// The operation cleaner after simulated crashes: the fault injector stops an
// operation at a chosen executor call by throwing (no rollback runs, as when
// the process dies), the record is marked stale as a restart would, then the
// cleaner must leave store and (mock) nodes in agreement.
#include "ops/op_cleaner.h"

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "executors/fault/fault_executor.h"
#include "ops/evict.h"
#include "ops/ops_test_env.h"

namespace brickyard::ops::testing {
namespace {

struct SimulatedCrash {};

class OpCleanerTest : public OpsTest {
 protected:
  void SetUp() override {
    OpsTest::SetUp();
    cluster_ = MakeCluster();
    for (int i = 1; i <= 4; ++i) {
      nodes_.push_back(AddNode(cluster_, i, "10.9.0." + std::to_string(i)));
      AddDevice(nodes_.back(), "/dev/sdb");
    }
    cleaner_ = std::make_unique<OpCleaner>(*ctx_);
  }

  // Runs `op` with an executor that "dies" at `rule` (ACTION:WHEN:METHOD:N
  // with action kill), then marks what it left stale, as a restart does.
  void CrashDuring(const std::string& rule,
                   const std::function<Result<PreparedOp>(VolumeOps&, Context&)>& op) {
    auto rules = executors::fault::ParseFaultRules(rule);
    ASSERT_TRUE(rules.ok()) << rules.status().ToString();
    executors::fault::FaultExecutor crashing(std::make_unique<executors::ForwardingExecutor>(mock_),
                                             *rules, [] { throw SimulatedCrash{}; });
    Context crash_ctx{*store_, crashing, config_, clock_, health_};
    VolumeOps vols(crash_ctx);
    auto prepared = op(vols, crash_ctx);
    ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
    EXPECT_THROW((void)prepared->run(), SimulatedCrash) << rule;
    auto marked = cleaner_->MarkAbandoned(0);
    ASSERT_TRUE(marked.ok());
    EXPECT_EQ(*marked, 1) << rule;
  }

  CleanupReport CleanAll() {
    auto r = cleaner_->Clean();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : CleanupReport{};
  }

  std::vector<model::PendingOp> PendingOps() {
    std::vector<model::PendingOp> ops;
    EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(ops, tx.ListPendingOps());
      return Status::Ok();
    }).ok());
    return ops;
  }

  // Store and mock nodes agree: the same volumes, each with the same bricks,
  // no brick on a node the store does not know, no pending operation.
  void ExpectAgreement() {
    EXPECT_TRUE(PendingOps().empty());
    ExpectConsistent();
    size_t db_bricks = 0;
    std::vector<std::string> ids;
    ASSERT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(ids, tx.ListVolumeIds(true));
      for (const auto& id : ids) {
        BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(id));
        EXPECT_TRUE(v.pending_op.empty()) << id;
        BY_ASSIGN_OR_RETURN(auto bricks, tx.ListVolumeBricks(id));
        db_bricks += bricks.size();
        auto gv = mock_.VolumeInfo("10.9.0.1", v.name);
        EXPECT_TRUE(gv.ok()) << "volume " << v.name << " missing on the nodes";
        if (!gv.ok()) continue;
        std::set<std::string> want, have;
        for (const auto& b : bricks) {
          BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(b.node_id));
          want.insert(n.storage() + ":" + b.path);
          EXPECT_TRUE(b.pending_op.empty()) << b.id;
        }
        for (const auto& b : gv->bricks) have.insert(b.name);
        EXPECT_EQ(want, have) << v.name;
      }
      return Status::Ok();
    }).ok());
    EXPECT_EQ(mock_.VolumeCount(), ids.size());
    EXPECT_EQ(mock_.BrickCount(), db_bricks);
  }

  int64_t VolumeSize(const std::string& id) {
    int64_t size = -1;
    EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(id));
      size = v.size_gib;
      return Status::Ok();
    }).ok());
    return size;
  }

  std::string cluster_;
  std::vector<std::string> nodes_;
  std::unique_ptr<OpCleaner> cleaner_;
};

// Every step of a create: bricks (before and after each), the volume.
const char* kCreateSteps[] = {
    "kill:before:BrickCreate:1", "kill:after:BrickCreate:1", "kill:after:BrickCreate:3",
    "kill:before:VolumeCreate:1", "kill:after:VolumeCreate:1"};

TEST_F(OpCleanerTest, CreateIsRolledBackFromEveryStep) {
  for (const char* rule : kCreateSteps) {
    CrashDuring(rule, [&](VolumeOps& v, Context&) { return v.PrepareCreate(Replica3(10)); });
    CleanupReport r = CleanAll();
    EXPECT_EQ(r.cleaned.size(), 1u) << rule;
    EXPECT_TRUE(r.failed.empty()) << rule << ": " << r.failed.front();
    ExpectAgreement();
    EXPECT_EQ(mock_.VolumeCount(), 0u) << rule;
  }
}

TEST_F(OpCleanerTest, DeleteIsRolledForwardFromEveryStep) {
  for (const char* rule : {"kill:before:VolumeDestroy:1", "kill:after:VolumeDestroy:1",
                           "kill:after:BrickDestroy:1", "kill:after:BrickDestroy:3"}) {
    auto id = CreateVolume(Replica3(10));
    ASSERT_TRUE(id.ok());
    CrashDuring(rule, [&](VolumeOps& v, Context&) { return v.PrepareDelete(*id); });
    CleanupReport r = CleanAll();
    EXPECT_EQ(r.cleaned.size(), 1u) << rule;
    ExpectAgreement();
    EXPECT_EQ(mock_.VolumeCount(), 0u) << rule;
  }
}

TEST_F(OpCleanerTest, ExpandGoesForwardOnlyOnceGlusterHasTheBricks) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok());
  int64_t size = 10;
  for (auto [rule, forward] : std::vector<std::pair<const char*, bool>>{
           {"kill:after:BrickCreate:2", false},
           {"kill:before:VolumeExpand:1", false},
           {"kill:after:VolumeExpand:1", true}}) {
    CrashDuring(rule, [&](VolumeOps& v, Context&) { return v.PrepareExpand(*id, 10); });
    CleanupReport r = CleanAll();
    EXPECT_EQ(r.cleaned.size(), 1u) << rule;
    if (forward) size += 10;
    EXPECT_EQ(VolumeSize(*id), size) << rule;
    ExpectAgreement();
  }
  EXPECT_EQ(mock_.BrickCount(), 6u);
}

TEST_F(OpCleanerTest, GrowInPlaceIsResumed) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok());
  CrashDuring("kill:after:BrickExtend:1", [&](VolumeOps& v, Context&) {
    return v.PrepareExpand(*id, 10, ExpandMethod::kGrowBricks);
  });
  std::atomic<int> extends{0};
  flaky_.on_brick_extend = [&](const executors::BrickRequest& req) {
    ++extends;
    EXPECT_GT(req.size_kib, 0);
    return Status::Ok();
  };
  CleanupReport r = CleanAll();
  EXPECT_EQ(r.cleaned.size(), 1u);
  EXPECT_EQ(extends.load(), 3);
  EXPECT_EQ(VolumeSize(*id), 20);
  ExpectAgreement();
}

TEST_F(OpCleanerTest, EvictFollowsWhatGlusterDid) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok());
  for (const char* rule : {"kill:after:BrickCreate:1", "kill:after:VolumeReplaceBrick:1",
                           "kill:after:BrickDestroy:1"}) {
    std::string brick;
    ASSERT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(auto bricks, tx.ListVolumeBricks(*id));
      brick = bricks.front().id;
      return Status::Ok();
    }).ok());
    CrashDuring(rule, [&](VolumeOps&, Context& c) { return PrepareEvict(c, brick); });
    CleanupReport r = CleanAll();
    EXPECT_EQ(r.cleaned.size(), 1u) << rule;
    ExpectAgreement();
  }
  EXPECT_EQ(mock_.BrickCount(), 3u);
}

TEST_F(OpCleanerTest, RemoveDeviceCleansItsChildThenGoes) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok());
  std::string brick;
  ASSERT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(auto bricks, tx.ListVolumeBricks(*id));
    brick = bricks.front().id;
    return Status::Ok();
  }).ok());
  CrashDuring("kill:after:BrickCreate:1", [&](VolumeOps&, Context& c) { return PrepareEvict(c, brick); });
  model::PendingOp child = PendingOps().front();
  model::PendingOp parent;
  parent.id = std::string(32, 'c');
  parent.type = model::OpType::kRemoveDevice;
  parent.status = model::OpStatus::kStale;
  parent.changes.push_back({model::ChangeType::kRemoveDevice, std::string(32, 'd'), 0});
  parent.changes.push_back({model::ChangeType::kChildOperation, child.id, 0});
  child.changes.push_back({model::ChangeType::kParentOperation, parent.id, 0});
  ASSERT_TRUE(store_->Update([&](store::WriteTx& tx) -> Status {
    BY_RETURN_IF_ERROR(tx.PutPendingOp(parent));
    return tx.PutPendingOp(child);
  }).ok());
  CleanupReport r = CleanAll();
  EXPECT_EQ(r.cleaned, std::vector<std::string>{parent.id});
  EXPECT_EQ(r.skipped, std::vector<std::string>{child.id});
  ExpectAgreement();
  EXPECT_EQ(mock_.BrickCount(), 3u);
}

TEST_F(OpCleanerTest, CloneIsRolledBack) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok());
  for (const char* rule : {"kill:before:VolumeClone:1", "kill:after:VolumeClone:1"}) {
    CrashDuring(rule, [&](VolumeOps& v, Context&) { return v.PrepareClone(*id, "copy"); });
    CleanupReport r = CleanAll();
    EXPECT_EQ(r.cleaned.size(), 1u) << rule;
    ExpectAgreement();
    EXPECT_EQ(mock_.VolumeCount(), 1u) << rule;
  }
}

TEST_F(OpCleanerTest, AFailedCleanupIsReportedAndRetried) {
  CrashDuring("kill:after:VolumeCreate:1",
              [&](VolumeOps& v, Context&) { return v.PrepareCreate(Replica3(10)); });
  for (const auto& n : nodes_) health_.MarkDown(n);
  CleanupReport r = CleanAll();
  ASSERT_EQ(r.failed.size(), 1u);
  EXPECT_NE(r.failed[0].find("no hosts available"), std::string::npos) << r.failed[0];
  EXPECT_FALSE(r.ToStatus().ok());
  auto ops = PendingOps();
  ASSERT_EQ(ops.size(), 1u);
  EXPECT_EQ(ops[0].status, model::OpStatus::kFailed);
  std::vector<model::OpStep> steps;
  ASSERT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(steps, tx.ListOpSteps(ops[0].id));
    return Status::Ok();
  }).ok());
  EXPECT_NE(OpCleaner::LastFailure(steps).find("no hosts available"), std::string::npos);
  EXPECT_EQ(mock_.VolumeCount(), 1u);

  for (const auto& n : nodes_) health_.MarkUp(n);
  r = CleanAll();
  EXPECT_EQ(r.cleaned.size(), 1u);
  EXPECT_TRUE(r.ToStatus().ok());
  ExpectAgreement();
}

TEST_F(OpCleanerTest, LiveOperationsAreLeftAlone) {
  auto prepared = volumes_->PrepareCreate(Replica3(10));
  ASSERT_TRUE(prepared.ok());
  CleanupReport r = CleanAll();
  EXPECT_TRUE(r.cleaned.empty());
  EXPECT_EQ(r.skipped.size(), 1u);
  // Too young to be abandoned.
  EXPECT_EQ(*cleaner_->MarkAbandoned(60), 0);
  auto done = prepared->run();
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ExpectAgreement();
  EXPECT_EQ(mock_.VolumeCount(), 1u);
}

TEST_F(OpCleanerTest, ChosenIdsOnlyAndUnknownIds) {
  CrashDuring("kill:after:BrickCreate:3",
              [&](VolumeOps& v, Context&) { return v.PrepareCreate(Replica3(10)); });
  CrashDuring("kill:after:BrickCreate:3",
              [&](VolumeOps& v, Context&) { return v.PrepareCreate(Replica3(10)); });
  auto ops = PendingOps();
  ASSERT_EQ(ops.size(), 2u);
  auto unknown = cleaner_->Clean({ops[0].id, std::string(32, 'f')});
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);
  EXPECT_EQ(PendingOps().size(), 2u);
  auto one = cleaner_->Clean({ops[1].id});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->cleaned, std::vector<std::string>{ops[1].id});
  ASSERT_EQ(PendingOps().size(), 1u);
  EXPECT_EQ(PendingOps()[0].id, ops[0].id);
  CleanAll();
  ExpectAgreement();
}

TEST_F(OpCleanerTest, OperationsOfUnknownTypeAreReportedNotDropped) {
  model::PendingOp op;
  op.id = std::string(32, 'a');
  op.type = model::OpType::kUnknown;
  op.status = model::OpStatus::kStale;
  ASSERT_TRUE(store_->Update([&](store::WriteTx& tx) { return tx.PutPendingOp(op); }).ok());
  CleanupReport r = CleanAll();
  ASSERT_EQ(r.failed.size(), 1u);
  EXPECT_NE(r.failed[0].find("cannot be cleaned up automatically"), std::string::npos);
  ASSERT_EQ(PendingOps().size(), 1u);
  EXPECT_EQ(PendingOps()[0].status, model::OpStatus::kFailed);
}

TEST_F(OpCleanerTest, BlockOperationsAreDispatchedToTheirRecovery) {
  // A block volume create that crashed before its Build committed anything
  // but the record: nothing to undo on the nodes, the record goes.
  model::PendingOp op;
  op.id = std::string(32, 'a');
  op.type = model::OpType::kCreateBlockVolume;
  op.status = model::OpStatus::kStale;
  op.changes.push_back({model::ChangeType::kAddBlockVolume, std::string(32, 'b'), 0});
  ASSERT_TRUE(store_->Update([&](store::WriteTx& tx) { return tx.PutPendingOp(op); }).ok());
  CleanupReport r = CleanAll();
  EXPECT_TRUE(r.failed.empty());
  EXPECT_EQ(r.cleaned, std::vector<std::string>{op.id});
  EXPECT_TRUE(PendingOps().empty());
}

// A job queue of one worker held by a job that runs until Drain(), with
// `waiting` more jobs queued behind it: the server at its in-flight limit.
class BlockedQueue {
 public:
  BlockedQueue(store::Store& store, const Clock& clock, int waiting)
      : queue_(store, clock, 1, 10, 60), gate_(release_.get_future().share()) {
    auto first = queue_.Submit("", [this] {
      started_ = true;
      gate_.wait();
      return Result<std::string>(std::string());
    });
    EXPECT_TRUE(first.ok());
    ids_.push_back(*first);
    while (!started_) std::this_thread::yield();
    for (int i = 0; i < waiting; ++i) {
      auto id = queue_.Submit("", [] { return Result<std::string>(std::string()); });
      EXPECT_TRUE(id.ok());
      ids_.push_back(*id);
    }
  }
  ~BlockedQueue() { Drain(); }

  // Lets every job finish and waits until none runs nor waits.
  void Drain() {
    if (drained_) return;
    drained_ = true;
    release_.set_value();
    for (const auto& id : ids_) queue_.WaitFinished(id, std::chrono::seconds(20));
    for (int i = 0; i < 20000 && queue_.InFlight() + queue_.Queued() > 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_EQ(queue_.InFlight() + queue_.Queued(), 0);
  }
  const JobQueue* queue() const { return &queue_; }

 private:
  JobQueue queue_;
  std::promise<void> release_;
  std::shared_future<void> gate_;
  std::atomic<bool> started_{false};
  std::vector<std::string> ids_;
  bool drained_ = false;
};

TEST_F(OpCleanerTest, BackgroundRoundWaitsWhileAClientOperationIsQueued) {
  CrashDuring("kill:after:BrickCreate:3",
              [&](VolumeOps& v, Context&) { return v.PrepareCreate(Replica3(10)); });
  ASSERT_EQ(PendingOps().size(), 1u);
  BlockedQueue busy(*store_, clock_, 1);
  auto skipped = cleaner_->RunBackgroundRound({busy.queue()}, 60);
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  EXPECT_NE(skipped->skipped.find("1 client operation(s) wait for a worker"), std::string::npos)
      << skipped->skipped;
  EXPECT_TRUE(skipped->cleanup.cleaned.empty());
  EXPECT_EQ(PendingOps().size(), 1u);
  // The next round, once no client operation waits, runs.
  busy.Drain();
  auto ran = cleaner_->RunBackgroundRound({busy.queue()}, 60);
  ASSERT_TRUE(ran.ok()) << ran.status().ToString();
  EXPECT_EQ(ran->skipped, "");
  EXPECT_EQ(ran->cleanup.cleaned.size(), 1u);
  ExpectAgreement();
}

TEST_F(OpCleanerTest, BackgroundRoundRunsBesideRunningJobsButMarksNothingAbandoned) {
  CrashDuring("kill:after:BrickCreate:3",
              [&](VolumeOps& v, Context&) { return v.PrepareCreate(Replica3(10)); });
  auto live = volumes_->PrepareCreate(Replica3(10));
  ASSERT_TRUE(live.ok());
  clock_.Advance(120);
  BlockedQueue running(*store_, clock_, 0);
  EXPECT_EQ(BackgroundHoldBack({running.queue()}), "");
  auto round = cleaner_->RunBackgroundRound({running.queue()}, 60);
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  EXPECT_EQ(round->skipped, "");
  EXPECT_EQ(round->marked_stale, 0);  // a job runs: the live record may be its
  EXPECT_EQ(round->cleanup.cleaned.size(), 1u);
  EXPECT_EQ(round->cleanup.skipped.size(), 1u);
  running.Drain();
  auto idle = cleaner_->RunBackgroundRound({running.queue()}, 60);
  ASSERT_TRUE(idle.ok()) << idle.status().ToString();
  EXPECT_EQ(idle->marked_stale, 1);
  EXPECT_EQ(idle->cleanup.cleaned.size(), 1u);
  ExpectAgreement();
}

}  // namespace
}  // namespace brickyard::ops::testing
