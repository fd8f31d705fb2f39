#include <set>

#include "ops/ops_test_env.h"
#include "ops/volume_load.h"

namespace brickyard::ops::testing {
namespace {

class VolumeOpsTest : public OpsTest {
 protected:
  void SetUp() override {
    OpsTest::SetUp();
    cluster_ = MakeCluster();
    for (int i = 1; i <= 3; ++i) {
      nodes_.push_back(AddNode(cluster_, i, "10.9.0." + std::to_string(i)));
      AddDevice(nodes_.back(), "/dev/sdb");
    }
  }

  LoadedVolume Load(const std::string& id) {
    LoadedVolume lv;
    EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(lv, LoadVisibleVolume(tx, id));
      return Status::Ok();
    }).ok());
    return lv;
  }

  std::string cluster_;
  std::vector<std::string> nodes_;
};

TEST_F(VolumeOpsTest, CreateReplica3OnDistinctNodes) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  LoadedVolume lv = Load(*id);
  EXPECT_EQ(lv.volume.name, "vol_" + *id);
  EXPECT_TRUE(lv.volume.pending_op.empty());
  ASSERT_EQ(lv.bricks.size(), 3u);
  std::set<std::string> nodes;
  for (const auto& b : lv.bricks) {
    nodes.insert(b.node.id);
    EXPECT_TRUE(b.brick.pending_op.empty());
  }
  EXPECT_EQ(nodes.size(), 3u);
  EXPECT_EQ(mock_.BrickCount(), 3u);
  EXPECT_EQ(mock_.VolumeCount(), 1u);
  ExpectConsistent();
}

TEST_F(VolumeOpsTest, FailedCreateRollsBackEverything) {
  config_.glusterfs.volume_create_retry_limit = 0;
  flaky_.on_volume_create = [](const executors::VolumeRequest&) { return Internal("gluster says no"); };
  auto id = CreateVolume(Replica3(10));
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.status().message().find("gluster says no"), std::string::npos);
  EXPECT_EQ(mock_.BrickCount(), 0u);
  EXPECT_EQ(mock_.VolumeCount(), 0u);
  EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
    EXPECT_TRUE(tx.ListVolumeIds(true)->empty());
    EXPECT_TRUE(tx.ListPendingOps()->empty());
    for (const auto& d : *tx.ListClusterDevices(cluster_)) EXPECT_EQ(d.used_kib, 0);
    return Status::Ok();
  }).ok());
  ExpectConsistent();
}

TEST_F(VolumeOpsTest, BrickFailureNamesTheNodeAndUndoesOtherBricks) {
  config_.glusterfs.volume_create_retry_limit = 0;
  std::atomic<int> n{0};
  flaky_.on_brick_create = [&](const executors::BrickRequest&) {
    return ++n == 2 ? Internal("mkfs.xfs failed") : Status::Ok();
  };
  auto id = CreateVolume(Replica3(5));
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.status().message().find("mkfs.xfs failed"), std::string::npos);
  EXPECT_NE(id.status().message().find("on node 10.9.0."), std::string::npos);
  EXPECT_EQ(mock_.BrickCount(), 0u);
  ExpectConsistent();
}

TEST_F(VolumeOpsTest, RetriesWithFreshPlacement) {
  std::atomic<int> calls{0};
  flaky_.on_volume_create = [&](const executors::VolumeRequest&) {
    return ++calls == 1 ? Unavailable("node went away") : Status::Ok();
  };
  auto id = CreateVolume(Replica3(5));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(flaky_.volume_creates.load(), 2);
  EXPECT_EQ(mock_.BrickCount(), 3u);
  ExpectConsistent();
}

TEST_F(VolumeOpsTest, NameTakenAndNoSpaceAreClear) {
  VolumeCreateSpec spec = Replica3(1);
  spec.name = "data";
  ASSERT_TRUE(CreateVolume(spec).ok());
  auto again = volumes_->PrepareCreate(spec);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Code::kNoSpace);
  EXPECT_EQ(again.status().message(), "Failed to allocate new volume: Volume name 'data' already in use");
  auto huge = volumes_->PrepareCreate(Replica3(100000));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().code(), Code::kNoSpace);
  EXPECT_EQ(huge.status().message().rfind("Failed to allocate new volume: ", 0), 0u);
  ExpectConsistent();
}

TEST_F(VolumeOpsTest, DeleteReleasesSpaceAndNodes) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok());
  auto done = RunOp(volumes_->PrepareDelete(*id));
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(*done, "");
  EXPECT_EQ(mock_.BrickCount(), 0u);
  EXPECT_EQ(mock_.VolumeCount(), 0u);
  EXPECT_EQ(volumes_->PrepareDelete(*id).status().code(), Code::kNotFound);
  ExpectConsistent();
}

TEST_F(VolumeOpsTest, ProtectedVolumeCannotBeDeleted) {
  VolumeCreateSpec spec = Replica3(1);
  spec.name = "heketidbstorage";
  auto id = CreateVolume(spec);
  ASSERT_TRUE(id.ok());
  auto del = volumes_->PrepareDelete(*id);
  ASSERT_FALSE(del.ok());
  EXPECT_EQ(del.status().code(), Code::kConflict);
  EXPECT_EQ(del.status().message(), "Cannot delete volume containing the Heketi database");
}

TEST_F(VolumeOpsTest, ExpandAddsASetAndGrows) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(RunOp(volumes_->PrepareExpand(*id, 10)).ok());
  LoadedVolume lv = Load(*id);
  EXPECT_EQ(lv.volume.size_gib, 20);
  ASSERT_EQ(lv.bricks.size(), 6u);
  std::set<std::string> second_set;
  for (const auto& b : lv.bricks) {
    if (b.brick.set_index == 1) second_set.insert(b.node.id);
  }
  EXPECT_EQ(second_set.size(), 3u);
  ExpectConsistent();
}

TEST_F(VolumeOpsTest, CloneSharesSpace) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok());
  int64_t used_before = 0;
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    for (const auto& d : *tx.ListClusterDevices(cluster_)) used_before += d.used_kib;
    return Status::Ok();
  });
  auto loc = RunOp(volumes_->PrepareClone(*id, "snapclone"));
  ASSERT_TRUE(loc.ok()) << loc.status().ToString();
  LoadedVolume clone = Load(loc->substr(9));
  EXPECT_EQ(clone.volume.name, "snapclone");
  EXPECT_EQ(clone.bricks.size(), 3u);
  int64_t used_after = 0;
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    for (const auto& d : *tx.ListClusterDevices(cluster_)) used_after += d.used_kib;
    return Status::Ok();
  });
  EXPECT_EQ(used_before, used_after);
  ExpectConsistent();
}

TEST_F(VolumeOpsTest, AbandonedCreateReleasesItsClaim) {
  auto p = volumes_->PrepareCreate(Replica3(10));
  ASSERT_TRUE(p.ok());
  p->abandon();
  EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
    EXPECT_TRUE(tx.ListVolumeIds(true)->empty());
    EXPECT_TRUE(tx.ListPendingOps()->empty());
    return Status::Ok();
  }).ok());
  ExpectConsistent();
}

TEST_F(VolumeOpsTest, PendingVolumeIsHiddenButHoldsItsSpace) {
  auto p = volumes_->PrepareCreate(Replica3(10));
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
    EXPECT_TRUE(tx.ListVolumeIds(false)->empty());
    EXPECT_EQ(tx.ListVolumeIds(true)->size(), 1u);
    int64_t used = 0;
    for (const auto& d : *tx.ListClusterDevices(cluster_)) used += d.used_kib;
    EXPECT_GT(used, 0);
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(p->run().ok());
}

}  // namespace
}  // namespace brickyard::ops::testing
