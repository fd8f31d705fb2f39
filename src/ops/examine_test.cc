// Examine and reconcile against the mock executor, with drift made behind
// the server's back through the mock's hooks.
#include <algorithm>
#include <map>

#include "executors/commands/naming.h"
#include "model/sizing.h"
#include "ops/adopt.h"
#include "ops/examine.h"
#include "ops/examine_input.h"
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

  // Applies the selected repairs (every one but adoptions, by default)
  // through the job reconcile runs.
  void Reconcile(const std::vector<std::string>& ids = {}, bool adopt = false) {
    auto prepared = PrepareReconcile(*ctx_, ids, adopt, gate_);
    ASSERT_TRUE(prepared.ok()) << prepared.status().ToString();
    auto done = prepared->run();
    ASSERT_TRUE(done.ok()) << done.status().ToString();
  }

  const model::Brick& Brick(int i) const { return volume_.bricks[i].brick; }

  static std::string Host(int i) { return "10.9.0." + std::to_string(i + 1); }

  std::string DeviceOf(int i) {
    std::string id;
    EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(std::vector<std::string> ids, tx.ListDeviceIds(nodes_[i]));
      if (!ids.empty()) id = ids.front();
      return Status::Ok();
    }).ok());
    return id;
  }

  // A complete brick (LV in its own pool, mount, fstab line, directory) on
  // node `i` in the Heketi layout on `device_id`, unknown to the store.
  std::string PlaceForeignBrick(int i, const std::string& brick_id, const std::string& device_id) {
    executors::BrickRequest r;
    r.device_id = device_id;
    r.brick_id = brick_id;
    r.lv_name = executors::commands::BrickLvName(brick_id);
    r.tp_name = executors::commands::ThinPoolName(brick_id);
    const model::BrickSpace space = model::ComputeBrickSpace(10 * model::kGiB, 1.0, 4096);
    r.size_kib = 10 * model::kGiB;
    r.tp_size_kib = space.tp_kib;
    r.pool_meta_kib = space.meta_kib;
    r.path = executors::commands::BrickPath(device_id, brick_id);
    mock_.AddForeignBrick(Host(i), r);
    return Host(i) + ":" + r.path;
  }

  // A started replica-3 gluster volume of 10 GiB bricks, one per node, made
  // behind the server's back; brick ids end in `tag` (one hex digit).
  executors::commands::GlusterVolume ForeignReplica3(const std::string& name, char tag) {
    executors::commands::GlusterVolume gv;
    gv.name = name;
    gv.status = 1;
    gv.status_str = "Started";
    gv.type_str = "Replicate";
    gv.replica_count = 3;
    gv.brick_count = 3;
    for (int i = 0; i < 3; ++i) {
      const std::string brick_id = std::string(30, 'c') + std::to_string(i) + tag;
      gv.bricks.push_back({PlaceForeignBrick(i, brick_id, DeviceOf(i)), "", false});
    }
    gv.options = {{"transport.address-family", "inet"}, {"performance.client-io-threads", "off"}};
    mock_.AddForeignVolume(gv);
    return gv;
  }

  static const Finding* OfKind(const std::vector<Finding>& fs, FindingKind kind) {
    for (const auto& f : fs) {
      if (f.kind == kind) return &f;
    }
    return nullptr;
  }

  std::vector<std::string> StoreVolumeIds() {
    std::vector<std::string> ids;
    EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(ids, tx.ListVolumeIds(/*include_pending=*/true));
      return Status::Ok();
    }).ok());
    return ids;
  }

  int64_t UsedKib() {
    int64_t used = 0;
    EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(std::vector<model::Device> ds, tx.ListClusterDevices(cluster_));
      for (const auto& d : ds) used += d.used_kib;
      return Status::Ok();
    }).ok());
    return used;
  }

  ReconcileGate gate_;
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

TEST_F(ExamineTest, LeakedBrickInUseByAnUnknownVolumeIsNotRemoved) {
  // A distribute volume of one brick that the store does not know: its
  // brick looks leaked, but removing it would destroy live data.
  executors::commands::GlusterVolume gv;
  gv.name = "legacy";
  gv.status_str = "Started";
  gv.type_str = "Distribute";
  gv.brick_count = 1;
  const std::string brick_id = "feedfeedfeedfeedfeedfeedfeedfeed";
  gv.bricks.push_back({PlaceForeignBrick(1, brick_id, DeviceOf(1)), "", false});
  mock_.AddForeignVolume(gv);
  auto fs = Examine();
  const Finding* leak = OfKind(fs, FindingKind::kBrickLeaked);
  ASSERT_NE(leak, nullptr);
  EXPECT_EQ(leak->brick_id, brick_id);
  EXPECT_EQ(leak->repair, RepairAction::kNone);
  EXPECT_NE(leak->repair_detail.find("in use by gluster volume legacy"), std::string::npos) << leak->repair_detail;
  const size_t bricks = mock_.BrickCount();
  Reconcile();
  EXPECT_EQ(mock_.BrickCount(), bricks);
  EXPECT_EQ(Kinds(Examine()), Kinds(fs));
  EXPECT_EQ(PlanReconcile(*ctx_, {leak->id}).status().code(), Code::kConflict);
}

TEST_F(ExamineTest, LeakedBrickTakenByAVolumeAfterExamineIsLeftAlone) {
  const std::string brick_id = "feedfeedfeedfeedfeedfeedfeedfee1";
  const std::string name = PlaceForeignBrick(1, brick_id, DeviceOf(1));
  auto fs = Examine();
  ASSERT_EQ(Kinds(fs), std::vector<std::string>{"brick-leaked"});
  ASSERT_EQ(fs[0].repair, RepairAction::kRemoveLeaked);
  executors::commands::GlusterVolume gv;
  gv.name = "late";
  gv.status_str = "Started";
  gv.bricks.push_back({name, "", false});
  mock_.AddForeignVolume(gv);
  const size_t bricks = mock_.BrickCount();
  Status st = ApplyRepair(*ctx_, fs[0]);
  EXPECT_EQ(st.code(), Code::kConflict) << st.ToString();
  EXPECT_NE(st.message().find("in use by gluster volume late"), std::string::npos) << st.message();
  EXPECT_EQ(mock_.BrickCount(), bricks);
}

TEST_F(ExamineTest, AdoptableReplica3VolumeIsAdoptedThenExamineIsClean) {
  const std::string vid = "abcabcabcabcabcabcabcabcabcabcab";
  ForeignReplica3("vol_" + vid, 'a');
  auto fs = Examine();
  ASSERT_EQ(Kinds(fs), (std::vector<std::string>{"volume-unknown", "brick-leaked", "brick-leaked", "brick-leaked"}));
  EXPECT_EQ(fs[0].repair, RepairAction::kAdoptVolume) << fs[0].repair_detail;
  EXPECT_EQ(RepairActionName(fs[0].repair), "adopt-volume");
  for (size_t i = 1; i < fs.size(); ++i) EXPECT_EQ(fs[i].repair, RepairAction::kNone) << fs[i].repair_detail;
  const int64_t used = UsedKib();
  Reconcile({fs[0].id});
  EXPECT_TRUE(Examine().empty());
  ExpectConsistent();
  const model::BrickSpace space = model::ComputeBrickSpace(10 * model::kGiB, 1.0, 4096);
  EXPECT_EQ(UsedKib(), used + 3 * space.total());
  LoadedVolume adopted;
  ASSERT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(adopted, LoadVisibleVolume(tx, vid));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(adopted.volume.name, "vol_" + vid);
  EXPECT_EQ(adopted.volume.cluster_id, cluster_);
  EXPECT_EQ(adopted.volume.size_gib, 10);
  EXPECT_EQ(adopted.volume.durability.type, model::DurabilityType::kReplicate);
  EXPECT_EQ(adopted.volume.durability.replica, 3);
  EXPECT_EQ(adopted.volume.gid, 0);
  EXPECT_EQ(adopted.volume.options,
            (std::vector<std::string>{"transport.address-family inet", "performance.client-io-threads off"}));
  ASSERT_EQ(adopted.bricks.size(), 3u);
  for (const auto& b : adopted.bricks) {
    EXPECT_EQ(b.brick.size_kib, 10 * model::kGiB);
    EXPECT_EQ(b.brick.tp_size_kib, space.tp_kib);
    EXPECT_EQ(b.brick.set_index, 0);
    EXPECT_TRUE(b.brick.pending_op.empty());
  }
}

TEST_F(ExamineTest, DefaultReconcileDoesNotAdoptAdoptDoes) {
  ForeignReplica3("legacy", 'b');
  const size_t volumes = StoreVolumeIds().size();
  auto plan = PlanReconcile(*ctx_, {});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(plan->empty());
  Reconcile();
  EXPECT_EQ(StoreVolumeIds().size(), volumes);
  EXPECT_EQ(mock_.BrickCount(), 6u) << "the in-use bricks stay";
  auto with_adopt = PlanReconcile(*ctx_, {}, /*adopt=*/true);
  ASSERT_TRUE(with_adopt.ok()) << with_adopt.status().ToString();
  ASSERT_EQ(with_adopt->size(), 1u);
  EXPECT_EQ((*with_adopt)[0].repair, RepairAction::kAdoptVolume);
  Reconcile({}, /*adopt=*/true);
  EXPECT_EQ(StoreVolumeIds().size(), volumes + 1) << "a new id for a name that holds none";
  EXPECT_TRUE(Examine().empty());
  ExpectConsistent();
}

TEST_F(ExamineTest, VolumeWithABrickOutsideManagedDevicesIsRefused) {
  auto gv = ForeignReplica3("outside", 'c');
  // The third brick moves to a directory of the node's root file system.
  gv.bricks[2].name = Host(2) + ":/data/outside/brick";
  mock_.AddForeignVolume(gv);
  auto gv2 = ForeignReplica3("othervg", 'd');
  // The third brick is in a VG of a device the store does not have.
  const std::string foreign_dev = "0000000000000000000000000000beef";
  gv2.bricks[2].name = PlaceForeignBrick(2, std::string(31, 'e') + "1", foreign_dev);
  mock_.AddForeignVolume(gv2);
  auto fs = Examine();
  std::map<std::string, const Finding*> unknown;
  for (const auto& f : fs) {
    if (f.kind == FindingKind::kVolumeUnknown) unknown[f.volume] = &f;
  }
  ASSERT_EQ(unknown.size(), 2u);
  EXPECT_EQ(unknown["outside"]->repair, RepairAction::kNone);
  EXPECT_NE(unknown["outside"]->repair_detail.find("brick " + Host(2) + ":/data/outside/brick is not at "
                                                   "/var/lib/heketi/mounts/vg_<device>/brick_<id>/brick"),
            std::string::npos)
      << unknown["outside"]->repair_detail;
  EXPECT_EQ(unknown["othervg"]->repair, RepairAction::kNone);
  EXPECT_NE(unknown["othervg"]->repair_detail.find("is on device " + foreign_dev + ", which is no device of node " +
                                                   Host(2) + " in the database"),
            std::string::npos)
      << unknown["othervg"]->repair_detail;
  const size_t volumes = StoreVolumeIds().size();
  Reconcile({}, /*adopt=*/true);
  EXPECT_EQ(StoreVolumeIds().size(), volumes);
}

TEST_F(ExamineTest, IdCollisionIsRefused) {
  // A volume whose name holds the id of a store volume of another name.
  auto named = Replica3(5);
  named.name = "named";
  auto id = CreateVolume(named);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ForeignReplica3("vol_" + *id, 'f');
  // A volume that uses a brick the store already has.
  executors::commands::GlusterVolume twin;
  twin.name = "twin";
  twin.status_str = "Started";
  twin.type_str = "Distribute";
  twin.brick_count = 1;
  twin.bricks.push_back({Host(0) + ":" + Brick(0).path, "", false});
  for (const auto& b : volume_.bricks) {
    if (b.node.storage() == Host(0)) twin.bricks[0].name = Host(0) + ":" + b.brick.path;
  }
  mock_.AddForeignVolume(twin);
  auto fs = Examine();
  std::map<std::string, const Finding*> unknown;
  for (const auto& f : fs) {
    if (f.kind == FindingKind::kVolumeUnknown) unknown[f.volume] = &f;
  }
  ASSERT_EQ(unknown.size(), 2u);
  EXPECT_EQ(unknown["vol_" + *id]->repair, RepairAction::kNone);
  EXPECT_NE(unknown["vol_" + *id]->repair_detail.find("volume id " + *id + " taken from its name is already in the database"),
            std::string::npos)
      << unknown["vol_" + *id]->repair_detail;
  EXPECT_EQ(unknown["twin"]->repair, RepairAction::kNone);
  EXPECT_NE(unknown["twin"]->repair_detail.find("is already in the database"), std::string::npos)
      << unknown["twin"]->repair_detail;
  EXPECT_EQ(PlanReconcile(*ctx_, {unknown["twin"]->id}).status().code(), Code::kConflict);
}

TEST_F(ExamineTest, RecordAdoptionRechecksCollisionsInItsTransaction) {
  ForeignReplica3("late", '9');
  auto state = ReadClusterState(*ctx_, cluster_);
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  auto plan = PlanAdoption(state->db, state->seen, state->own, state->seen.volumes.front().name == "late"
                                                                    ? state->seen.volumes.front()
                                                                    : state->seen.volumes.back());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  // Another brick record takes one of the ids after the examination.
  Adoption taken = *plan;
  taken.bricks[1].id = Brick(0).id;
  Status st = store_->Update([&](store::WriteTx& tx) { return RecordAdoption(tx, taken).status(); });
  EXPECT_EQ(st.code(), Code::kConflict) << st.ToString();
  ExpectConsistent();
  st = store_->Update([&](store::WriteTx& tx) { return RecordAdoption(tx, *plan).status(); });
  EXPECT_TRUE(st.ok()) << st.ToString();
  st = store_->Update([&](store::WriteTx& tx) { return RecordAdoption(tx, *plan).status(); });
  EXPECT_EQ(st.code(), Code::kConflict) << "a second adoption of the same volume";
  ExpectConsistent();
}

TEST_F(ExamineTest, ArbiterAndDisperseVolumesMapToTheirDurability) {
  auto arbiter = ForeignReplica3("arb", '7');
  arbiter.arbiter_count = 1;
  arbiter.bricks[2].is_arbiter = true;
  mock_.AddForeignVolume(arbiter);
  auto state = ReadClusterState(*ctx_, cluster_);
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  auto plan = PlanAdoption(state->db, state->seen, state->own, arbiter);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->volume.durability.replica, 3);
  EXPECT_EQ(plan->bricks[2].role, model::BrickRole::kArbiter);
  EXPECT_NE(std::find(plan->volume.options.begin(), plan->volume.options.end(), "user.heketi.arbiter true"),
            plan->volume.options.end());
  auto disperse = arbiter;
  disperse.type_str = "Disperse";
  disperse.arbiter_count = 0;
  disperse.replica_count = 1;
  disperse.disperse_count = 3;
  disperse.redundancy_count = 1;
  auto dplan = PlanAdoption(state->db, state->seen, state->own, disperse);
  ASSERT_TRUE(dplan.ok()) << dplan.status().ToString();
  EXPECT_EQ(dplan->volume.durability.type, model::DurabilityType::kDisperse);
  EXPECT_EQ(dplan->volume.durability.data, 2);
  EXPECT_EQ(dplan->volume.durability.redundancy, 1);
  EXPECT_EQ(dplan->volume.size_gib, 20);
  auto striped = arbiter;
  striped.type_str = "Stripe";
  auto splan = PlanAdoption(state->db, state->seen, state->own, striped);
  EXPECT_EQ(splan.status().code(), Code::kInvalidArgument);
  EXPECT_NE(splan.status().message().find("type Stripe"), std::string::npos) << splan.status().message();
}

TEST_F(ExamineTest, OneReconcileApplyAtATime) {
  auto first = PrepareReconcile(*ctx_, {}, false, gate_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = PrepareReconcile(*ctx_, {}, false, gate_);
  EXPECT_EQ(second.status().code(), Code::kConflict);
  EXPECT_NE(second.status().message().find("already running"), std::string::npos) << second.status().message();
  ASSERT_TRUE(first->run().ok());
  auto third = PrepareReconcile(*ctx_, {}, false, gate_);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  third->abandon();
  auto refused = PrepareReconcile(*ctx_, {"nope"}, false, gate_);
  EXPECT_EQ(refused.status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(PrepareReconcile(*ctx_, {}, false, gate_).ok()) << "a refused request leaves the gate open";
}

}  // namespace
}  // namespace brickyard::ops::testing
