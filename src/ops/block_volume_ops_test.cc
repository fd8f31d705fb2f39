#include "ops/block_volume_ops.h"

#include "ops/ops_test_env.h"
#include "ops/views.h"

namespace brickyard::ops::testing {
namespace {

// Fails gluster-block calls on demand.
class BlockFaults : public executors::ForwardingExecutor {
 public:
  using ForwardingExecutor::ForwardingExecutor;
  Status fail_create, fail_delete, fail_expand;
  Result<executors::BlockVolumeExport> BlockVolumeCreate(
      const std::string& host, const executors::BlockVolumeRequest& req) override {
    if (!fail_create.ok()) return fail_create;
    last_create = req;
    return inner_.BlockVolumeCreate(host, req);
  }
  Status BlockVolumeDelete(const std::string& host, const std::string& bhv,
                           const std::string& name) override {
    if (!fail_delete.ok()) return fail_delete;
    return inner_.BlockVolumeDelete(host, bhv, name);
  }
  Status BlockVolumeExpand(const std::string& host, const std::string& bhv,
                           const std::string& name, int64_t size) override {
    if (!fail_expand.ok()) return fail_expand;
    return inner_.BlockVolumeExpand(host, bhv, name, size);
  }
  executors::BlockVolumeRequest last_create;
};

class BlockVolumeOpsTest : public OpsTest {
 protected:
  void SetUp() override {
    OpsTest::SetUp();
    cluster_ = MakeCluster();
    for (int i = 1; i <= 3; ++i) {
      AddDevice(AddNode(cluster_, i, "10.9.0." + std::to_string(i)), "/dev/sdb");
    }
    bctx_ = std::make_unique<Context>(Context{*store_, faults_, config_, clock_, health_});
    bvolumes_ = std::make_unique<VolumeOps>(*bctx_);
    blocks_ = std::make_unique<BlockVolumeOps>(*bctx_, *bvolumes_);
  }
  void TearDown() override {
    blocks_.reset();
    bvolumes_.reset();
    bctx_.reset();
    OpsTest::TearDown();
  }

  std::string MakeHostingVolume(int64_t gib) {
    VolumeCreateSpec s = Replica3(gib);
    s.block = true;
    auto id = CreateVolume(s);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : "";
  }

  Result<std::string> CreateBlock(int64_t gib, const std::string& name = "", int64_t ha = 0) {
    BlockVolumeCreateSpec s;
    s.size_gib = gib;
    s.name = name;
    s.ha_count = ha;
    s.auth = true;
    auto loc = RunOp(blocks_->PrepareCreate(s));
    if (!loc.ok()) return loc.status();
    return loc->substr(std::string("/blockvolumes/").size());
  }

  model::Volume Volume(const std::string& id) {
    model::Volume v;
    EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(v, tx.GetVolume(id));
      return Status::Ok();
    }).ok());
    return v;
  }

  Result<model::BlockVolume> Block(const std::string& id) {
    model::BlockVolume bv;
    Status st = store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(bv, LoadBlockVolumeView(tx, id));
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return bv;
  }

  int64_t PendingOps() {
    int64_t n = 0;
    EXPECT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(auto ops, tx.ListPendingOps());
      n = static_cast<int64_t>(ops.size());
      return Status::Ok();
    }).ok());
    return n;
  }

  std::string cluster_;
  BlockFaults faults_{mock_};
  std::unique_ptr<Context> bctx_;
  std::unique_ptr<VolumeOps> bvolumes_;
  std::unique_ptr<BlockVolumeOps> blocks_;
};

TEST_F(BlockVolumeOpsTest, CreateTakesSpaceAndExportsOnEveryHost) {
  const std::string bhv = MakeHostingVolume(100);
  auto id = CreateBlock(5, "pvc1");
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto bv = Block(*id);
  ASSERT_TRUE(bv.ok());
  EXPECT_EQ(bv->name, "pvc1");
  EXPECT_EQ(bv->hosting_volume_id, bhv);
  EXPECT_EQ(bv->cluster_id, cluster_);
  EXPECT_EQ(bv->hosts.size(), 3u);
  EXPECT_EQ(bv->ha_count, 3);
  EXPECT_EQ(bv->usable_size_gib, 5);
  EXPECT_EQ(bv->iqn.rfind("iqn.2016-12.org.gluster-block:", 0), 0u);
  EXPECT_FALSE(bv->password.empty());
  EXPECT_TRUE(bv->pending_op.empty());
  EXPECT_EQ(Volume(bhv).block_info.free_size, 98 - 5);
  EXPECT_EQ(mock_.BlockVolumeCount(), 1u);
  EXPECT_EQ(PendingOps(), 0);
  ExpectConsistent();
}

TEST_F(BlockVolumeOpsTest, DefaultNameAndHaCount) {
  MakeHostingVolume(10);
  auto id = CreateBlock(1, "", 2);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(Block(*id)->name, "blockvol_" + *id);
  EXPECT_EQ(Block(*id)->hosts.size(), 2u);
  EXPECT_EQ(faults_.last_create.ha_count, 2);
}

TEST_F(BlockVolumeOpsTest, NoRoomAndAutoCreationOff) {
  MakeHostingVolume(10);
  auto r = CreateBlock(10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNoSpace);
  EXPECT_EQ(r.status().message(),
            "Failed to allocate new block volume: Block Hosting Volume Creation is disabled. "
            "Create a Block hosting volume and try again.");
  config_.glusterfs.auto_create_block_hosting_volume = true;
  config_.glusterfs.block_hosting_volume_size = 5;
  r = CreateBlock(10);
  EXPECT_EQ(r.status().code(), Code::kNoSpace);
  EXPECT_NE(r.status().message().find("too small to host"), std::string::npos);
  EXPECT_EQ(PendingOps(), 0);
}

TEST_F(BlockVolumeOpsTest, AutoCreatesAHostingVolume) {
  config_.glusterfs.auto_create_block_hosting_volume = true;
  config_.glusterfs.block_hosting_volume_size = 20;
  auto id = CreateBlock(3);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  model::Volume bhv = Volume(Block(*id)->hosting_volume_id);
  EXPECT_TRUE(bhv.block);
  EXPECT_EQ(bhv.size_gib, 20);
  EXPECT_EQ(bhv.durability.replica, 3);
  EXPECT_EQ(bhv.block_info.free_size, 19 - 3);
  EXPECT_TRUE(bhv.pending_op.empty());
  EXPECT_EQ(PendingOps(), 0);
  ExpectConsistent();
}

TEST_F(BlockVolumeOpsTest, LockedAndFullHostingVolumesAreSkipped) {
  const std::string a = MakeHostingVolume(10);
  ASSERT_TRUE(RunOp(bvolumes_->PrepareBlockRestriction(a, "locked")).ok());
  EXPECT_EQ(CreateBlock(1).status().code(), Code::kNoSpace);
  const std::string b = MakeHostingVolume(10);
  auto id = CreateBlock(1);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(Block(*id)->hosting_volume_id, b);
}

TEST_F(BlockVolumeOpsTest, SameNameGoesToAnotherHostingVolume) {
  const std::string a = MakeHostingVolume(10);
  ASSERT_TRUE(CreateBlock(1, "x").ok());
  EXPECT_EQ(CreateBlock(1, "x").status().code(), Code::kNoSpace);
  const std::string b = MakeHostingVolume(10);
  auto id = CreateBlock(1, "x");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(Block(*id)->hosting_volume_id, b);
}

TEST_F(BlockVolumeOpsTest, FailedCreateGivesEverythingBack) {
  const std::string bhv = MakeHostingVolume(10);
  faults_.fail_create = Internal("target name already exists");
  auto r = CreateBlock(2);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("target name already exists"), std::string::npos);
  EXPECT_EQ(Volume(bhv).block_info.free_size, 9);
  EXPECT_EQ(PendingOps(), 0);
  std::vector<std::string> ids;
  ASSERT_TRUE(store_->View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(ids, tx.ListBlockVolumeIds(true));
    return Status::Ok();
  }).ok());
  EXPECT_TRUE(ids.empty());
  ExpectConsistent();
}

TEST_F(BlockVolumeOpsTest, DeleteReturnsTheSpace) {
  const std::string bhv = MakeHostingVolume(10);
  auto id = CreateBlock(4);
  ASSERT_TRUE(id.ok());
  // A hosting volume with block volumes cannot be deleted.
  EXPECT_EQ(RunOp(bvolumes_->PrepareDelete(bhv)).status().code(), Code::kConflict);

  faults_.fail_delete = Internal("boom");
  EXPECT_FALSE(RunOp(blocks_->PrepareDelete(*id)).ok());
  EXPECT_TRUE(Block(*id)->pending_op.empty());
  EXPECT_EQ(PendingOps(), 0);

  faults_.fail_delete = Status::Ok();
  auto done = RunOp(blocks_->PrepareDelete(*id));
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(*done, "");
  EXPECT_EQ(Block(*id).status().code(), Code::kNotFound);
  EXPECT_EQ(Volume(bhv).block_info.free_size, 9);
  EXPECT_EQ(mock_.BlockVolumeCount(), 0u);
  EXPECT_EQ(RunOp(blocks_->PrepareDelete(*id)).status().code(), Code::kNotFound);
  ExpectConsistent();
}

TEST_F(BlockVolumeOpsTest, DeleteOfABlockVolumeGoneFromTheNodesSucceeds) {
  const std::string bhv = MakeHostingVolume(10);
  auto id = CreateBlock(1, "gone");
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(mock_.BlockVolumeDelete("10.9.0.1", Volume(bhv).name, "gone").ok());
  EXPECT_TRUE(RunOp(blocks_->PrepareDelete(*id)).ok());
}

TEST_F(BlockVolumeOpsTest, Expand) {
  const std::string bhv = MakeHostingVolume(10);
  auto id = CreateBlock(2);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(RunOp(blocks_->PrepareExpand(*id, 2)).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(RunOp(blocks_->PrepareExpand(*id, 1)).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(RunOp(blocks_->PrepareExpand(*id, 20)).status().code(), Code::kNoSpace);

  auto loc = RunOp(blocks_->PrepareExpand(*id, 5));
  ASSERT_TRUE(loc.ok()) << loc.status().ToString();
  EXPECT_EQ(*loc, "/blockvolumes/" + *id);
  EXPECT_EQ(Block(*id)->size_gib, 5);
  EXPECT_EQ(Block(*id)->usable_size_gib, 5);
  EXPECT_EQ(Volume(bhv).block_info.free_size, 9 - 5);

  faults_.fail_expand = Internal("modify failed");
  EXPECT_FALSE(RunOp(blocks_->PrepareExpand(*id, 7)).ok());
  EXPECT_EQ(Block(*id)->size_gib, 5);
  EXPECT_TRUE(Block(*id)->pending_op.empty());
  EXPECT_EQ(Volume(bhv).block_info.free_size, 4);
  EXPECT_EQ(PendingOps(), 0);
  ExpectConsistent();
}

TEST_F(BlockVolumeOpsTest, AnExpandTheNodesFinishedDespiteAnErrorIsAccepted) {
  const std::string bhv = MakeHostingVolume(10);
  auto id = CreateBlock(2, "bv");
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(mock_.BlockVolumeExpand("10.9.0.1", Volume(bhv).name, "bv", 6).ok());
  faults_.fail_expand = Internal("timed out");
  auto loc = RunOp(blocks_->PrepareExpand(*id, 6));
  ASSERT_TRUE(loc.ok()) << loc.status().ToString();
  EXPECT_EQ(Block(*id)->size_gib, 6);
  EXPECT_EQ(Volume(bhv).block_info.free_size, 9 - 6);
  ExpectConsistent();
}

model::PendingOp OnlyOp(store::Store& store) {
  std::vector<model::PendingOp> ops;
  EXPECT_TRUE(store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(ops, tx.ListPendingOps());
    return Status::Ok();
  }).ok());
  EXPECT_EQ(ops.size(), 1u);
  return ops.empty() ? model::PendingOp{} : ops.front();
}

TEST_F(BlockVolumeOpsTest, AnInterruptedCreateIsUndone) {
  const std::string bhv = MakeHostingVolume(10);
  BlockVolumeCreateSpec s;
  s.size_gib = 2;
  s.name = "half";
  auto prepared = blocks_->PrepareCreate(s);
  ASSERT_TRUE(prepared.ok());
  // As if the server died after gluster-block created it.
  ASSERT_TRUE(mock_.BlockVolumeCreate("10.9.0.1", {Volume(bhv).name, "half", 1, false, {"10.9.0.1"}, 2}).ok());
  ASSERT_TRUE(RecoverCreateBlockVolume(*bctx_, OnlyOp(*store_)).ok());
  EXPECT_EQ(mock_.BlockVolumeCount(), 0u);
  EXPECT_EQ(Volume(bhv).block_info.free_size, 9);
  EXPECT_EQ(PendingOps(), 0);
  ExpectConsistent();
}

TEST_F(BlockVolumeOpsTest, AnInterruptedDeleteIsFinished) {
  const std::string bhv = MakeHostingVolume(10);
  auto id = CreateBlock(3);
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(blocks_->PrepareDelete(*id).ok());
  ASSERT_TRUE(RecoverDeleteBlockVolume(*bctx_, OnlyOp(*store_)).ok());
  EXPECT_EQ(Block(*id).status().code(), Code::kNotFound);
  EXPECT_EQ(mock_.BlockVolumeCount(), 0u);
  EXPECT_EQ(Volume(bhv).block_info.free_size, 9);
  EXPECT_EQ(PendingOps(), 0);
  ExpectConsistent();
}

TEST_F(BlockVolumeOpsTest, AnInterruptedExpandSettlesAtWhatTheNodesReport) {
  const std::string bhv = MakeHostingVolume(10);
  auto id = CreateBlock(2, "bv");
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(blocks_->PrepareExpand(*id, 4).ok());
  ASSERT_TRUE(RecoverExpandBlockVolume(*bctx_, OnlyOp(*store_)).ok());
  EXPECT_EQ(Block(*id)->size_gib, 2);  // never reached the nodes
  EXPECT_EQ(Volume(bhv).block_info.free_size, 7);

  ASSERT_TRUE(blocks_->PrepareExpand(*id, 5).ok());
  ASSERT_TRUE(mock_.BlockVolumeExpand("10.9.0.1", Volume(bhv).name, "bv", 5).ok());
  ASSERT_TRUE(RecoverExpandBlockVolume(*bctx_, OnlyOp(*store_)).ok());
  EXPECT_EQ(Block(*id)->size_gib, 5);
  EXPECT_EQ(Volume(bhv).block_info.free_size, 4);
  EXPECT_EQ(PendingOps(), 0);
  ExpectConsistent();
}

}  // namespace
}  // namespace brickyard::ops::testing
