// Examine and reconcile against the mock executor, with drift made behind
// the server's back through the mock's hooks.
#include <algorithm>

#include "executors/commands/naming.h"
#include "ops/examine.h"
#include "ops/ops_test_env.h"
#include "ops/reconcile.h"
#include "ops/volume_load.h"

namespace brickyard::ops::testing {
namespace {

class ExamineTest : public OpsTest {
 protected:
  void SetUp() override {
    OpsTest::SetUp();
    cluster_ = MakeCluster();
    for (int i = 1; i <= 3; ++i) {
      nodes_.push_back(AddNode(cluster_, i, "10.9.0." + std::to_string(i)));
      AddDevice(nodes_.back(), "/dev/sdb");
    }
    auto id = CreateVolume(Replica3(10));
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    volume_id_ = *id;
    ASSERT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(volume_, LoadVisibleVolume(tx, volume_id_));
      return Status::Ok();
    }).ok());
  }

  std::vector<Finding> Examine() {
    auto r = ExamineGluster(*ctx_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->findings : std::vector<Finding>{};
  }

  static std::vector<std::string> Kinds(const std::vector<Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.emplace_back(FindingKindName(f.kind));
    return out;
  }

  // Applies every repairable finding through the job reconcile runs.
  void Reconcile() {
    auto prepared = PrepareReconcile(*ctx_, {});
    ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
    auto done = prepared->run();
    ASSERT_TRUE(done.ok()) << done.status().ToString();
  }

  const model::Brick& Brick(int i) const { return volume_.bricks[i].brick; }

  std::string cluster_;
  std::vector<std::string> nodes_;
  std::string volume_id_;
  LoadedVolume volume_;
};

TEST_F(ExamineTest, CleanClusterHasNoFindings) {
  auto r = ExamineGluster(*ctx_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->findings.empty()) << r->findings.front().detail;
  ASSERT_EQ(r->clusters.size(), 1u);
  EXPECT_EQ(r->clusters[0].gluster_volumes, std::vector<std::string>{volume_.volume.name});
  for (const auto& n : r->clusters[0].nodes) EXPECT_TRUE(n.reachable) << n.manage;
}

TEST_F(ExamineTest, DeletedBrickIsFoundAndRecreatedThenHealed) {
  mock_.DropBrickStorage(Brick(1).id);
  auto fs = Examine();
  ASSERT_EQ(Kinds(fs), std::vector<std::string>{"brick-missing"});
  EXPECT_EQ(fs[0].brick_id, Brick(1).id);
  EXPECT_EQ(fs[0].node_id, Brick(1).node_id);
  EXPECT_EQ(fs[0].repair, RepairAction::kRecreateBrick);
  EXPECT_EQ(Examine()[0].id, fs[0].id) << "finding ids must be stable";
  Reconcile();
  EXPECT_EQ(mock_.HealsStarted(), 1);
  EXPECT_TRUE(Examine().empty());
  ExpectConsistent();
}

TEST_F(ExamineTest, UnmountedBrickIsRemountedAndStarted) {
  mock_.UnmountBrick(Brick(0).id);
  auto fs = Examine();
  ASSERT_EQ(Kinds(fs), std::vector<std::string>{"brick-unmounted"});
  EXPECT_EQ(fs[0].repair, RepairAction::kRemountBrick);
  Reconcile();
  EXPECT_TRUE(Examine().empty());
}

TEST_F(ExamineTest, StoppedVolumeIsStarted) {
  mock_.StopVolume(volume_.volume.name);
  auto fs = Examine();
  ASSERT_EQ(Kinds(fs), std::vector<std::string>{"volume-stopped"});
  EXPECT_EQ(fs[0].volume_id, volume_id_);
  Reconcile();
  EXPECT_TRUE(Examine().empty());
}

TEST_F(ExamineTest, UnknownVolumeIsReportedNotTouched) {
  executors::commands::GlusterVolume foreign;
  foreign.name = "legacy";
  foreign.status_str = "Started";
  mock_.AddForeignVolume(foreign);
  auto fs = Examine();
  ASSERT_EQ(Kinds(fs), std::vector<std::string>{"volume-unknown"});
  EXPECT_EQ(fs[0].volume, "legacy");
  EXPECT_EQ(fs[0].repair, RepairAction::kNone);
  auto plan = PlanReconcile(*ctx_, {fs[0].id});
  EXPECT_EQ(plan.status().code(), Code::kConflict);
  Reconcile();  // nothing repairable: a no-op
  EXPECT_EQ(mock_.VolumeCount(), 2u);
}

TEST_F(ExamineTest, LeakedBrickIsRemoved) {
  executors::BrickRequest leak = ToBrickRequest(Brick(0), 0);
  leak.brick_id = "feedfeedfeedfeedfeedfeedfeedfeed";
  leak.lv_name = "brick_" + leak.brick_id;
  leak.tp_name = "tp_" + leak.brick_id;
  leak.path = executors::commands::BrickPath(leak.device_id, leak.brick_id);
  mock_.AddForeignBrick("10.9.0.2", leak);
  auto fs = Examine();
  ASSERT_EQ(Kinds(fs), std::vector<std::string>{"brick-leaked"});
  EXPECT_EQ(fs[0].brick_id, leak.brick_id);
  EXPECT_EQ(fs[0].device_id, leak.device_id);
  EXPECT_EQ(fs[0].host, "10.9.0.2");
  EXPECT_NE(fs[0].detail.find("LV vg_" + leak.device_id + "/" + leak.lv_name), std::string::npos) << fs[0].detail;
  const size_t bricks = mock_.BrickCount();
  Reconcile();
  EXPECT_EQ(mock_.BrickCount(), bricks - 1);
  EXPECT_TRUE(Examine().empty());
}

TEST_F(ExamineTest, DownNodeIsReportedWithoutRepair) {
  mock_.SetHostDown("10.9.0.3", true);
  auto fs = Examine();
  ASSERT_FALSE(fs.empty());
  EXPECT_EQ(Kinds(fs).front(), "node-unreachable");
  EXPECT_EQ(fs[0].host, "10.9.0.3");
  EXPECT_EQ(fs[0].repair, RepairAction::kNone);
  for (const auto& f : fs) EXPECT_NE(f.kind, FindingKind::kBrickMissing) << f.detail;
  mock_.SetHostDown("10.9.0.3", false);
  EXPECT_TRUE(Examine().empty());
}

TEST_F(ExamineTest, PendingOperationsOwnTheirObjects) {
  // A delete that never ran: the volume and its bricks are pending.
  auto prepared = volumes_->PrepareDelete(volume_id_);
  ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
  mock_.DropBrickStorage(Brick(2).id);
  mock_.StopVolume(volume_.volume.name);
  EXPECT_TRUE(Examine().empty());
  prepared->abandon();
}

TEST_F(ExamineTest, ReconcileRefusesUnknownAndMalformedIds) {
  EXPECT_EQ(PlanReconcile(*ctx_, {"0123456789abcdef0123456789abcdef"}).status().code(), Code::kNotFound);
  EXPECT_EQ(PlanReconcile(*ctx_, {"nope"}).status().code(), Code::kInvalidArgument);
  mock_.StopVolume(volume_.volume.name);
  auto fs = Examine();
  ASSERT_EQ(fs.size(), 1u);
  auto plan = PlanReconcile(*ctx_, {fs[0].id});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->size(), 1u);
  EXPECT_EQ((*plan)[0].repair, RepairAction::kStartVolume);
  Examine();  // a plan changes nothing
  EXPECT_EQ(Examine().size(), 1u);
}

}  // namespace
}  // namespace brickyard::ops::testing
