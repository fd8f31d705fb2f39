// Block volumes, db attributes and brick LVM names in the SQLite store, and
// the schema upgrade that adds them.
#include <gtest/gtest.h>

#include "store/schema.h"
#include "store/sqlite_store.h"
#include "store/store_test_util.h"

namespace brickyard::store {
namespace {

using test_util::Id;
using test_util::Must;

model::BlockVolume SampleBlockVolume(const std::string& id, const std::string& bhv,
                                     const std::string& cluster, const std::string& name) {
  model::BlockVolume bv;
  bv.id = id;
  bv.hosting_volume_id = bhv;
  bv.cluster_id = cluster;
  bv.name = name;
  bv.size_gib = 5;
  bv.usable_size_gib = 4;
  bv.ha_count = 2;
  bv.auth = true;
  bv.hosts = {"10.0.0.2", "10.0.0.1"};
  bv.iqn = "iqn.2016-12.org.gluster-block:" + id;
  bv.lun = 0;
  bv.username = "user";
  bv.password = "secret";
  return bv;
}

auto BlockFields(const model::BlockVolume& b) {
  return std::tie(b.id, b.hosting_volume_id, b.cluster_id, b.name, b.size_gib, b.usable_size_gib,
                  b.ha_count, b.auth, b.hosts, b.iqn, b.lun, b.username, b.password, b.pending_op);
}

class BlockStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Must(SqliteStore::Open(dir_.File("s.db"), {}));
    ASSERT_NE(store_, nullptr);
    Status st = store_->Update([](WriteTx& tx) -> Status {
      BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1))));
      BY_RETURN_IF_ERROR(tx.PutNode(test_util::SampleNode(Id(2), Id(1), "n1")));
      BY_RETURN_IF_ERROR(tx.PutDevice(test_util::SampleDevice(Id(3), Id(2))));
      BY_RETURN_IF_ERROR(tx.PutVolume(test_util::SampleVolume(Id(10), Id(1), "bhv")));
      return tx.PutBrick(test_util::SampleBrick(Id(20), Id(10), Id(3), Id(2)));
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  test_util::TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(BlockStoreTest, BlockVolumeRoundTripsEveryField) {
  model::BlockVolume bv = SampleBlockVolume(Id(30), Id(10), Id(1), "bv");
  bv.pending_op = Id(99);
  ASSERT_TRUE(store_->Update([&](WriteTx& tx) -> Status {
                      BY_RETURN_IF_ERROR(tx.PutPendingOp(
                          test_util::SampleOp(Id(99), model::OpType::kExpandBlockVolume)));
                      return tx.PutBlockVolume(bv);
                    }).ok());
  ASSERT_TRUE(store_->View([&](ReadTx& tx) -> Status {
                      EXPECT_EQ(BlockFields(Must(tx.GetBlockVolume(Id(30)))), BlockFields(bv));
                      EXPECT_EQ(tx.GetBlockVolume(Id(31)).status(), NotFound("Id not found"));
                      return Status::Ok();
                    }).ok());
}

TEST_F(BlockStoreTest, ListingsHideBlockVolumesBeingCreated) {
  ASSERT_TRUE(store_->Update([&](WriteTx& tx) -> Status {
                      BY_RETURN_IF_ERROR(tx.PutPendingOp(
                          test_util::SampleOp(Id(98), model::OpType::kCreateBlockVolume)));
                      BY_RETURN_IF_ERROR(tx.PutPendingOp(
                          test_util::SampleOp(Id(99), model::OpType::kDeleteBlockVolume)));
                      model::BlockVolume creating = SampleBlockVolume(Id(31), Id(10), Id(1), "b");
                      creating.pending_op = Id(98);
                      model::BlockVolume deleting = SampleBlockVolume(Id(32), Id(10), Id(1), "c");
                      deleting.pending_op = Id(99);
                      BY_RETURN_IF_ERROR(tx.PutBlockVolume(creating));
                      BY_RETURN_IF_ERROR(tx.PutBlockVolume(deleting));
                      return tx.PutBlockVolume(SampleBlockVolume(Id(30), Id(10), Id(1), "a"));
                    }).ok());
  ASSERT_TRUE(store_->View([&](ReadTx& tx) -> Status {
    using V = std::vector<std::string>;
    EXPECT_EQ(Must(tx.ListBlockVolumeIds(true)), (V{Id(30), Id(31), Id(32)}));
    EXPECT_EQ(Must(tx.ListBlockVolumeIds(false)), (V{Id(30), Id(32)}));
    EXPECT_EQ(Must(tx.ListClusterBlockVolumeIds(Id(1), false)), (V{Id(30), Id(32)}));
    EXPECT_EQ(Must(tx.ListClusterBlockVolumeIds(Id(2), true)), V{});
    EXPECT_EQ(Must(tx.ListHostedBlockVolumeIds(Id(10), true)), (V{Id(30), Id(31), Id(32)}));
    EXPECT_EQ(Must(tx.ListHostedBlockVolumeIds(Id(10), false)), (V{Id(30), Id(32)}));
    EXPECT_EQ(Must(tx.FindBlockVolumeByName(Id(10), "b")), std::optional<std::string>(Id(31)));
    EXPECT_EQ(Must(tx.FindBlockVolumeByName(Id(10), "z")), std::nullopt);
    EXPECT_EQ(Must(tx.FindBlockVolumeByName(Id(11), "a")), std::nullopt);
    return Status::Ok();
  }).ok());
}

TEST_F(BlockStoreTest, ADanglingHostingVolumeCannotCommit) {
  Status st = store_->Update([&](WriteTx& tx) {
    return tx.PutBlockVolume(SampleBlockVolume(Id(30), Id(77), Id(1), "a"));
  });
  EXPECT_EQ(st.code(), Code::kInternal);
  EXPECT_NE(st.message().find("FOREIGN KEY"), std::string::npos) << st.message();
}

TEST_F(BlockStoreTest, DeleteRemovesTheBlockVolume) {
  ASSERT_TRUE(store_->Update([&](WriteTx& tx) -> Status {
                      BY_RETURN_IF_ERROR(tx.PutBlockVolume(SampleBlockVolume(Id(30), Id(10), Id(1), "a")));
                      BY_RETURN_IF_ERROR(tx.DeleteBlockVolume(Id(30)));
                      return tx.DeleteBlockVolume(Id(30));
                    }).ok());
  ASSERT_TRUE(store_->View([&](ReadTx& tx) -> Status {
    EXPECT_EQ(Must(tx.ListBlockVolumeIds(true)), std::vector<std::string>{});
    return Status::Ok();
  }).ok());
}

TEST_F(BlockStoreTest, AttributesAndLvmNamesRoundTripAndFollowTheirBrick) {
  ASSERT_TRUE(store_->Update([&](WriteTx& tx) -> Status {
                      BY_RETURN_IF_ERROR(tx.PutDbAttribute("DB_GENERATION_ID", "abc"));
                      BY_RETURN_IF_ERROR(tx.PutDbAttribute("DB_GENERATION_ID", "def"));
                      BY_RETURN_IF_ERROR(tx.PutDbAttribute("DB_HAS_PENDING_OPS_BUCKET", "yes"));
                      return tx.PutBrickLvmNames(Id(20), {"tp_origin", "abc_0"});
                    }).ok());
  ASSERT_TRUE(store_->View([&](ReadTx& tx) -> Status {
    auto attrs = Must(tx.ListDbAttributes());
    EXPECT_EQ(attrs.size(), 2u);
    EXPECT_EQ(attrs["DB_GENERATION_ID"], "def");
    auto names = Must(tx.ListBrickLvmNames());
    EXPECT_EQ(names.size(), 1u);
    EXPECT_EQ(names[Id(20)], (BrickLvmNames{"tp_origin", "abc_0"}));
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(store_->Update([&](WriteTx& tx) { return tx.DeleteBrick(Id(20)); }).ok());
  ASSERT_TRUE(store_->View([&](ReadTx& tx) -> Status {
    EXPECT_TRUE(Must(tx.ListBrickLvmNames()).empty());
    return Status::Ok();
  }).ok());
}

TEST(BlockSchemaTest, AVersion2DatabaseUpgradesAndKeepsItsVolumes) {
  test_util::TempDir dir;
  const std::string path = dir.File("old.db");
  {
    auto store = Must(SqliteStore::Open(path, {}, Migrations().first(2)));
    ASSERT_NE(store, nullptr);
    ASSERT_EQ(store->SchemaVersion(), 2);
    ASSERT_TRUE(store->Update([](WriteTx& tx) -> Status {
                        BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1))));
                        return tx.PutVolume(test_util::SampleVolume(Id(10), Id(1), "bhv"));
                      }).ok());
  }
  auto store = Must(SqliteStore::Open(path, {}));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), static_cast<int>(Migrations().size()));
  EXPECT_GE(store->SchemaVersion(), 3);
  ASSERT_TRUE(store->Update([](WriteTx& tx) -> Status {
                      EXPECT_EQ(Must(tx.GetVolume(Id(10))).name, "bhv");
                      return tx.PutBlockVolume(SampleBlockVolume(Id(30), Id(10), Id(1), "a"));
                    }).ok());
}

}  // namespace
}  // namespace brickyard::store
