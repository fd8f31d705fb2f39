#include <set>

#include "model/sizing.h"
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
  // the clone's bricks are where gluster says, each on its origin brick's node
  auto info = mock_.VolumeInfo("any", "snapclone");
  ASSERT_TRUE(info.ok());
  std::set<std::string> reported, stored;
  for (const auto& b : info->bricks) reported.insert(b.name);
  LoadedVolume origin = Load(*id);
  for (const auto& b : clone.bricks) {
    stored.insert(b.node.storage() + ":" + b.brick.path);
    EXPECT_EQ(b.brick.path.rfind("/run/gluster/snaps/", 0), 0u) << b.brick.path;
    bool on_origin_node = false;
    for (const auto& o : origin.bricks) on_origin_node |= o.node.id == b.node.id && o.brick.device_id == b.brick.device_id;
    EXPECT_TRUE(on_origin_node) << b.brick.path;
  }
  EXPECT_EQ(stored, reported);
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

namespace brickyard::ops::testing {
namespace {

class GrowTest : public OpsTest {
 protected:
  void SetUp() override {
    OpsTest::SetUp();
    cluster_ = MakeCluster();
    for (int i = 1; i <= 3; ++i) AddDevice(AddNode(cluster_, i, "10.7.0." + std::to_string(i)), "/dev/sdb");
  }
  int64_t Used() {
    int64_t used = 0;
    (void)store_->View([&](store::ReadTx& tx) -> Status {
      for (const auto& d : *tx.ListClusterDevices(cluster_)) used += d.used_kib;
      return Status::Ok();
    });
    return used;
  }
  std::string cluster_;
};

TEST_F(GrowTest, GrowsEveryBrickInPlace) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok());
  int64_t before = Used();
  auto done = RunOp(volumes_->PrepareExpand(*id, 10, ExpandMethod::kGrowBricks));
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    EXPECT_EQ(tx.GetVolume(*id)->size_gib, 20);
    auto bricks = *tx.ListVolumeBricks(*id);
    EXPECT_EQ(bricks.size(), 3u);
    for (const auto& b : bricks) {
      EXPECT_EQ(b.size_kib, 20 * model::kGiB);
      EXPECT_TRUE(b.pending_op.empty());
    }
    return Status::Ok();
  });
  EXPECT_GT(Used(), before);
  ExpectConsistent();
}

TEST_F(GrowTest, FailureRestoresSizesAndSpace) {
  auto id = CreateVolume(Replica3(10));
  ASSERT_TRUE(id.ok());
  int64_t before = Used();
  flaky_.on_brick_extend = [](const executors::BrickRequest&) { return Internal("xfs_growfs failed"); };
  auto done = RunOp(volumes_->PrepareExpand(*id, 10, ExpandMethod::kGrowBricks));
  ASSERT_FALSE(done.ok());
  EXPECT_NE(done.status().message().find("xfs_growfs failed"), std::string::npos);
  EXPECT_EQ(Used(), before);
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    EXPECT_EQ(tx.GetVolume(*id)->size_gib, 10);
    EXPECT_TRUE(tx.GetVolume(*id)->pending_op.empty());
    for (const auto& b : *tx.ListVolumeBricks(*id)) EXPECT_EQ(b.size_kib, 10 * model::kGiB);
    EXPECT_TRUE(tx.ListPendingOps()->empty());
    return Status::Ok();
  });
  ExpectConsistent();
}

TEST_F(GrowTest, AutoFallsBackToNewSetsWhenDevicesAreFull) {
  // Each 500 GiB device holds one 300 GiB brick, so growing it by 300 GiB
  // cannot fit; three more nodes give a new set room.
  auto id = CreateVolume(Replica3(300));
  ASSERT_TRUE(id.ok());
  for (int i = 1; i <= 3; ++i) AddDevice(AddNode(cluster_, i, "10.7.1." + std::to_string(i)), "/dev/sdb");
  auto grow = volumes_->PrepareExpand(*id, 300, ExpandMethod::kGrowBricks);
  ASSERT_FALSE(grow.ok());
  EXPECT_EQ(grow.status().code(), Code::kNoSpace);
  EXPECT_EQ(grow.status().message().rfind("Failed to allocate volume expansion: device ", 0), 0u);
  auto done = RunOp(volumes_->PrepareExpand(*id, 300, ExpandMethod::kAuto));
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    EXPECT_EQ(tx.GetVolume(*id)->size_gib, 600);
    EXPECT_EQ(tx.ListVolumeBricks(*id)->size(), 6u);
    return Status::Ok();
  });
  ExpectConsistent();
}

}  // namespace
}  // namespace brickyard::ops::testing

namespace brickyard::ops::testing {
namespace {

class GidTest : public OpsTest {
 protected:
  void SetUp() override {
    OpsTest::SetUp();
    config_.glusterfs.auto_gid = true;
    config_.glusterfs.gid_min = 3000;
    config_.glusterfs.gid_max = 3002;
    std::string c = MakeCluster();
    for (int i = 1; i <= 3; ++i) AddDevice(AddNode(c, i, "10.6.0." + std::to_string(i)), "/dev/sdb");
  }
  int64_t GidOf(const std::string& id) {
    int64_t gid = -1;
    (void)store_->View([&](store::ReadTx& tx) -> Status {
      gid = tx.GetVolume(id)->gid;
      return Status::Ok();
    });
    return gid;
  }
};

TEST_F(GidTest, AssignsTheNextFreeGidAndNeverOneInUse) {
  auto a = CreateVolume(Replica3(1));
  auto b = CreateVolume(Replica3(1));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(GidOf(*a), 3000);
  EXPECT_EQ(GidOf(*b), 3001);
  VolumeCreateSpec explicit_gid = Replica3(1);
  explicit_gid.gid = 4242;  // a client's own gid is kept as given (outside the range)
  auto c = CreateVolume(explicit_gid);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(GidOf(*c), 4242);
  ASSERT_TRUE(RunOp(volumes_->PrepareDelete(*a)).ok());
  auto d = CreateVolume(Replica3(1));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(GidOf(*d), 3002);  // after the highest in use, not the one just freed
  auto e = CreateVolume(Replica3(1));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(GidOf(*e), 3000);  // the range's end is taken: the lowest free one
  auto full = volumes_->PrepareCreate(Replica3(1));
  ASSERT_FALSE(full.ok());
  EXPECT_NE(full.status().message().find("every gid from 3000 to 3002 is in use"), std::string::npos);
}

}  // namespace
}  // namespace brickyard::ops::testing
