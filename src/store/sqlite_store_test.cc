#include "store/sqlite_store.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "store/store_test_util.h"

namespace brickyard::store {
namespace {

using test_util::Fields;
using test_util::Id;
using test_util::Must;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteStore::Open(path_, {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  void Write(const std::function<Status(WriteTx&)>& fn) {
    Status st = store_->Update(fn);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  void Read(const std::function<Status(ReadTx&)>& fn) {
    Status st = store_->View(fn);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  // Cluster 1 > node 10 > device 100, the parents most tests need.
  void PutTopology() {
    Write([](WriteTx& tx) {
      BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1))));
      BY_RETURN_IF_ERROR(tx.PutNode(test_util::SampleNode(Id(10), Id(1), "n10")));
      return tx.PutDevice(test_util::SampleDevice(Id(100), Id(10)));
    });
  }

  test_util::TempDir dir_;
  std::string path_ = dir_.File("brickyard.db");
  std::unique_ptr<SqliteStore> store_;
};

// ---- round trips ----

TEST_F(SqliteStoreTest, RoundTripsEveryEntityWithEveryField) {
  model::Cluster c = test_util::SampleCluster(Id(1), "gold");
  model::Node n = test_util::SampleNode(Id(10), Id(1), "n10");
  model::Device d = test_util::SampleDevice(Id(100), Id(10));
  model::Volume v = test_util::SampleVolume(Id(1000), Id(1), "vol1");
  v.pending_op = Id(7);
  model::Brick b = test_util::SampleBrick(Id(2000), Id(1000), Id(100), Id(10));
  b.pending_op = Id(7);
  model::PendingOp op = test_util::SampleOp(Id(7), model::OpType::kExpandVolume);
  Job job = test_util::SampleJob(Id(5));
  model::OpStep step{3, "brick-create", Id(2000), 1700000005};

  Write([&](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(c));
    BY_RETURN_IF_ERROR(tx.PutNode(n));
    BY_RETURN_IF_ERROR(tx.PutDevice(d));
    BY_RETURN_IF_ERROR(tx.PutVolume(v));
    BY_RETURN_IF_ERROR(tx.PutBrick(b));
    BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
    BY_RETURN_IF_ERROR(tx.AppendOpStep(op.id, step));
    return tx.PutJob(job);
  });
  Read([&](ReadTx& tx) {
    EXPECT_EQ(Fields(Must(tx.GetCluster(c.id))), Fields(c));
    EXPECT_EQ(Fields(Must(tx.GetNode(n.id))), Fields(n));
    EXPECT_EQ(Fields(Must(tx.GetDevice(d.id))), Fields(d));
    EXPECT_EQ(Fields(Must(tx.GetVolume(v.id))), Fields(v));
    EXPECT_EQ(Fields(Must(tx.GetBrick(b.id))), Fields(b));
    EXPECT_EQ(Fields(Must(tx.GetPendingOp(op.id))), Fields(op));
    auto steps = Must(tx.ListOpSteps(op.id));
    EXPECT_EQ(steps.size(), 1u);
    if (!steps.empty()) {
      EXPECT_EQ(Fields(steps[0]), Fields(step));
    }
    EXPECT_EQ(Fields(Must(tx.GetJob(job.id))), Fields(job));
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, DefaultsAndEmptyValuesRoundTrip) {
  model::Cluster c{Id(1), "", true, false};
  model::Node n;
  n.id = Id(10);
  n.cluster_id = Id(1);
  n.manage_hostnames = {"m"};
  n.storage_hostnames = {"m"};
  model::Volume v;
  v.id = Id(1000);
  v.cluster_id = Id(1);
  v.options = {"", ""};
  model::PendingOp op;
  op.id = Id(7);
  Job job;
  job.id = Id(5);
  Write([&](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(c));
    BY_RETURN_IF_ERROR(tx.PutNode(n));
    BY_RETURN_IF_ERROR(tx.PutVolume(v));
    BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
    return tx.PutJob(job);
  });
  Read([&](ReadTx& tx) {
    EXPECT_EQ(Fields(Must(tx.GetCluster(c.id))), Fields(c));
    EXPECT_EQ(Fields(Must(tx.GetNode(n.id))), Fields(n));
    EXPECT_EQ(Fields(Must(tx.GetVolume(v.id))), Fields(v));
    EXPECT_EQ(Fields(Must(tx.GetPendingOp(op.id))), Fields(op));
    EXPECT_EQ(Fields(Must(tx.GetJob(job.id))), Fields(job));
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, PutReplacesEveryField) {
  PutTopology();
  model::Device d = test_util::SampleDevice(Id(100), Id(10));
  d.name = "/dev/sdc";
  d.tags.clear();
  d.state = model::State::kOnline;
  d.free_kib -= 100;
  d.used_kib += 100;
  d.paths = {};
  model::Volume v = test_util::SampleVolume(Id(1000), Id(1), "v");
  Write([&](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutVolume(v));
    v.size_gib = 20;
    v.options.push_back("cluster.brick-multiplex on");
    v.durability = {model::DurabilityType::kReplicate, 3, 0, 0};
    BY_RETURN_IF_ERROR(tx.PutVolume(v));
    return tx.PutDevice(d);
  });
  Read([&](ReadTx& tx) {
    EXPECT_EQ(Fields(Must(tx.GetDevice(d.id))), Fields(d));
    EXPECT_EQ(Fields(Must(tx.GetVolume(v.id))), Fields(v));
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, GettersReturnNotFound) {
  Read([](ReadTx& tx) {
    const Status want = NotFound("Id not found");
    EXPECT_EQ(tx.GetCluster(Id(1)).status(), want);
    EXPECT_EQ(tx.FindClusterByName("x").status(), want);
    EXPECT_EQ(tx.GetNode(Id(1)).status(), want);
    EXPECT_EQ(tx.GetDevice(Id(1)).status(), want);
    EXPECT_EQ(tx.GetBrick(Id(1)).status(), want);
    EXPECT_EQ(tx.GetVolume(Id(1)).status(), want);
    EXPECT_EQ(tx.GetPendingOp(Id(1)).status(), want);
    EXPECT_EQ(tx.GetJob(Id(1)).status(), want);
    EXPECT_EQ(Must(tx.FindNodeByHostname("nope")), std::nullopt);
    EXPECT_EQ(Must(tx.FindVolumeByName(Id(1), "nope")), std::nullopt);
    EXPECT_TRUE(Must(tx.ListOpSteps(Id(1))).empty());
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, DeletesRemoveAndMissingIdsAreNotErrors) {
  PutTopology();
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutVolume(test_util::SampleVolume(Id(1000), Id(1), "v")));
    BY_RETURN_IF_ERROR(tx.PutBrick(test_util::SampleBrick(Id(2000), Id(1000), Id(100), Id(10))));
    BY_RETURN_IF_ERROR(tx.PutJob(test_util::SampleJob(Id(5))));
    return tx.PutPendingOp(test_util::SampleOp(Id(7), model::OpType::kDeleteVolume));
  });
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.DeleteBrick(Id(2000)));
    BY_RETURN_IF_ERROR(tx.DeleteVolume(Id(1000)));
    BY_RETURN_IF_ERROR(tx.DeleteDevice(Id(100)));
    BY_RETURN_IF_ERROR(tx.DeleteNode(Id(10)));
    BY_RETURN_IF_ERROR(tx.DeleteCluster(Id(1)));
    BY_RETURN_IF_ERROR(tx.DeleteJob(Id(5)));
    BY_RETURN_IF_ERROR(tx.DeletePendingOp(Id(7)));
    // Again: already gone.
    BY_RETURN_IF_ERROR(tx.DeleteCluster(Id(1)));
    return tx.DeleteBrick(Id(2000));
  });
  Read([](ReadTx& tx) {
    EXPECT_TRUE(Must(tx.ListClusterIds()).empty());
    EXPECT_TRUE(Must(tx.ListVolumeIds(true)).empty());
    EXPECT_TRUE(Must(tx.ListPendingOps()).empty());
    EXPECT_EQ(tx.GetBrick(Id(2000)).status().code(), Code::kNotFound);
    EXPECT_EQ(tx.GetJob(Id(5)).status().code(), Code::kNotFound);
    EXPECT_EQ(Must(tx.FindNodeByHostname("n10.manage")), std::nullopt);
    return Status::Ok();
  });
}

// ---- lists ----

TEST_F(SqliteStoreTest, ListsAreSortedById) {
  const std::vector<int> order = {5, 3, 9, 1, 7};
  Write([&](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(2))));
    for (int i : order) {
      BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(100 + i))));
      BY_RETURN_IF_ERROR(
          tx.PutNode(test_util::SampleNode(Id(200 + i), Id(2), "h" + std::to_string(i))));
      BY_RETURN_IF_ERROR(tx.PutDevice(test_util::SampleDevice(Id(300 + i), Id(200 + i))));
      BY_RETURN_IF_ERROR(tx.PutDevice(test_util::SampleDevice(Id(310 + i), Id(201))));
      BY_RETURN_IF_ERROR(tx.PutVolume(test_util::SampleVolume(Id(400 + i), Id(2), "v")));
      BY_RETURN_IF_ERROR(
          tx.PutBrick(test_util::SampleBrick(Id(500 + i), Id(401), Id(301), Id(201))));
      BY_RETURN_IF_ERROR(
          tx.PutPendingOp(test_util::SampleOp(Id(600 + i), model::OpType::kEvictBrick)));
    }
    return Status::Ok();
  });
  auto ids = [](int base, std::vector<int> ns) {
    std::vector<std::string> out;
    for (int n : ns) out.push_back(Id(base + n));
    return out;
  };
  Read([&](ReadTx& tx) {
    std::vector<std::string> clusters = {Id(2)};
    for (auto& id : ids(100, {1, 3, 5, 7, 9})) clusters.push_back(id);
    EXPECT_EQ(Must(tx.ListClusterIds()), clusters);
    EXPECT_EQ(Must(tx.ListNodeIds(Id(2))), ids(200, {1, 3, 5, 7, 9}));
    EXPECT_EQ(Must(tx.ListDeviceIds(Id(201))), ids(0, {301, 311, 313, 315, 317, 319}));
    EXPECT_EQ(Must(tx.ListVolumeIds(true)), ids(400, {1, 3, 5, 7, 9}));
    EXPECT_EQ(Must(tx.ListClusterVolumeIds(Id(2), true)), ids(400, {1, 3, 5, 7, 9}));
    std::vector<std::string> got;
    for (const auto& d : Must(tx.ListClusterDevices(Id(2)))) got.push_back(d.id);
    EXPECT_EQ(got, ids(0, {301, 303, 305, 307, 309, 311, 313, 315, 317, 319}));
    got.clear();
    for (const auto& b : Must(tx.ListVolumeBricks(Id(401)))) got.push_back(b.id);
    EXPECT_EQ(got, ids(500, {1, 3, 5, 7, 9}));
    got.clear();
    for (const auto& b : Must(tx.ListDeviceBricks(Id(301)))) got.push_back(b.id);
    EXPECT_EQ(got, ids(500, {1, 3, 5, 7, 9}));
    got.clear();
    for (const auto& op : Must(tx.ListPendingOps())) {
      got.push_back(op.id);
      EXPECT_EQ(op.changes.size(), 3u);
    }
    EXPECT_EQ(got, ids(600, {1, 3, 5, 7, 9}));
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, ClusterDevicesExcludeOtherClusters) {
  PutTopology();
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(2))));
    BY_RETURN_IF_ERROR(tx.PutNode(test_util::SampleNode(Id(20), Id(2), "n20")));
    BY_RETURN_IF_ERROR(tx.PutDevice(test_util::SampleDevice(Id(200), Id(20))));
    return tx.PutDevice(test_util::SampleDevice(Id(101), Id(10)));
  });
  Read([](ReadTx& tx) {
    auto devices = Must(tx.ListClusterDevices(Id(1)));
    EXPECT_EQ(devices.size(), 2u);
    if (devices.size() == 2) {
      EXPECT_EQ(Fields(devices[0]), Fields(test_util::SampleDevice(Id(100), Id(10))));
      EXPECT_EQ(devices[1].id, Id(101));
    }
    EXPECT_TRUE(Must(tx.ListClusterDevices(Id(3))).empty());
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, DeviceSpaceIsTheDevicesPlacementColumnsInIdOrder) {
  PutTopology();
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutNode(test_util::SampleNode(Id(11), Id(1), "n11")));
    model::Device tagged = test_util::SampleDevice(Id(99), Id(11));
    tagged.tags = {{"disk", "ssd"}};
    tagged.state = model::State::kOffline;
    tagged.free_kib = 12345;
    tagged.extent_kib = 8192;
    BY_RETURN_IF_ERROR(tx.PutDevice(tagged));
    return tx.PutDevice(test_util::SampleDevice(Id(101), Id(10)));
  });
  Read([](ReadTx& tx) {
    auto devices = Must(tx.ListClusterDevices(Id(1)));
    auto space = Must(tx.ListClusterDeviceSpace(Id(1)));
    EXPECT_EQ(space.size(), 3u);
    EXPECT_EQ(space.size(), devices.size());
    for (size_t i = 0; i < std::min(space.size(), devices.size()); ++i) {
      EXPECT_EQ(space[i].id, devices[i].id);
      EXPECT_EQ(space[i].node_id, devices[i].node_id);
      EXPECT_EQ(space[i].tags, devices[i].tags);
      EXPECT_EQ(space[i].state, devices[i].state);
      EXPECT_EQ(space[i].free_kib, devices[i].free_kib);
      EXPECT_EQ(space[i].extent_kib, devices[i].extent_kib);
    }
    // Id order, not node order: Id(99) sits on node Id(11), after node Id(10).
    if (space.size() == 3) {
      EXPECT_EQ(space[0].id, Id(99));
      EXPECT_EQ(space[2].id, Id(101));
      EXPECT_EQ(space[0].tags, (model::Tags{{"disk", "ssd"}}));
    }
    EXPECT_TRUE(Must(tx.ListClusterDeviceSpace(Id(3))).empty());
    return Status::Ok();
  });
}

// ---- volumes: pending filtering, names, gids ----

TEST_F(SqliteStoreTest, ListingWithoutPendingHidesVolumesBeingCreated) {
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1))));
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(2))));
    BY_RETURN_IF_ERROR(tx.PutPendingOp(test_util::SampleOp(Id(71), model::OpType::kCreateVolume)));
    BY_RETURN_IF_ERROR(tx.PutPendingOp(test_util::SampleOp(Id(72), model::OpType::kCloneVolume)));
    BY_RETURN_IF_ERROR(tx.PutPendingOp(test_util::SampleOp(Id(73), model::OpType::kExpandVolume)));
    const std::pair<int, int> volumes[] = {{1, 0}, {2, 71}, {3, 72}, {4, 73}, {5, 79}};
    for (auto [n, op] : volumes) {
      model::Volume v = test_util::SampleVolume(Id(n), Id(1), "v" + std::to_string(n));
      if (op != 0) v.pending_op = Id(op);
      BY_RETURN_IF_ERROR(tx.PutVolume(v));
    }
    model::Volume other = test_util::SampleVolume(Id(6), Id(2), "v6");
    return tx.PutVolume(other);
  });
  Read([](ReadTx& tx) {
    // 4 is pending an expand and 5 points at no operation: both are settled volumes.
    EXPECT_EQ(Must(tx.ListVolumeIds(false)),
              (std::vector<std::string>{Id(1), Id(4), Id(5), Id(6)}));
    EXPECT_EQ(Must(tx.ListVolumeIds(true)),
              (std::vector<std::string>{Id(1), Id(2), Id(3), Id(4), Id(5), Id(6)}));
    EXPECT_EQ(Must(tx.ListClusterVolumeIds(Id(1), false)),
              (std::vector<std::string>{Id(1), Id(4), Id(5)}));
    EXPECT_EQ(Must(tx.ListClusterVolumeIds(Id(1), true)),
              (std::vector<std::string>{Id(1), Id(2), Id(3), Id(4), Id(5)}));
    EXPECT_EQ(Must(tx.FindVolumeByName(Id(1), "v2")), Id(2));  // pending included
    EXPECT_EQ(Must(tx.FindVolumeByName(Id(2), "v2")), std::nullopt);
    EXPECT_EQ(Must(tx.FindVolumeByName(Id(2), "v6")), Id(6));
    EXPECT_EQ(Must(tx.CountClusterVolumes(Id(1))), 5);
    EXPECT_EQ(Must(tx.CountClusterVolumes(Id(3))), 0);
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, VolumeCountsFollowPutsMovesAndDeletes) {
  auto counts = [&] {
    std::pair<int64_t, int64_t> out;
    Read([&](ReadTx& tx) {
      out = {Must(tx.CountClusterVolumes(Id(1))), Must(tx.CountClusterVolumes(Id(2)))};
      return Status::Ok();
    });
    return out;
  };
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1))));
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(2))));
    for (int i = 1; i <= 3; ++i) {
      BY_RETURN_IF_ERROR(tx.PutVolume(test_util::SampleVolume(Id(10 + i), Id(1), "v")));
    }
    // Re-putting an existing volume does not count it twice.
    return tx.PutVolume(test_util::SampleVolume(Id(11), Id(1), "renamed"));
  });
  EXPECT_EQ(counts(), std::make_pair(int64_t{3}, int64_t{0}));
  Write([](WriteTx& tx) { return tx.PutVolume(test_util::SampleVolume(Id(12), Id(2), "v")); });
  EXPECT_EQ(counts(), std::make_pair(int64_t{2}, int64_t{1}));
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.DeleteVolume(Id(11)));
    BY_RETURN_IF_ERROR(tx.DeleteVolume(Id(12)));
    return tx.DeleteVolume(Id(99));
  });
  EXPECT_EQ(counts(), std::make_pair(int64_t{1}, int64_t{0}));
  // A rolled-back Update leaves the counts alone.
  EXPECT_FALSE(store_
                   ->Update([](WriteTx& tx) -> Status {
                     BY_RETURN_IF_ERROR(tx.PutVolume(test_util::SampleVolume(Id(20), Id(2), "v")));
                     return Conflict("no");
                   })
                   .ok());
  EXPECT_EQ(counts(), std::make_pair(int64_t{1}, int64_t{0}));
}

TEST_F(SqliteStoreTest, GidInUseSeesEveryVolume) {
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1))));
    BY_RETURN_IF_ERROR(tx.PutPendingOp(test_util::SampleOp(Id(71), model::OpType::kCreateVolume)));
    model::Volume a = test_util::SampleVolume(Id(1), Id(1), "a");
    a.gid = 2000;
    model::Volume b = test_util::SampleVolume(Id(2), Id(1), "b");
    b.gid = 2001;
    b.pending_op = Id(71);
    BY_RETURN_IF_ERROR(tx.PutVolume(a));
    return tx.PutVolume(b);
  });
  Read([](ReadTx& tx) {
    EXPECT_TRUE(Must(tx.GidInUse(2000)));
    EXPECT_TRUE(Must(tx.GidInUse(2001)));
    EXPECT_FALSE(Must(tx.GidInUse(2002)));
    return Status::Ok();
  });
  Write([](WriteTx& tx) { return tx.DeleteVolume(Id(1)); });
  Read([](ReadTx& tx) {
    EXPECT_FALSE(Must(tx.GidInUse(2000)));
    return Status::Ok();
  });
}

// ---- uniqueness ----

TEST_F(SqliteStoreTest, ClusterNamesAreUniqueWhenSet) {
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1), "gold")));
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(2))));
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(3))));  // two unnamed: fine
    return tx.PutCluster(test_util::SampleCluster(Id(1), "gold"));       // re-put own name: fine
  });
  Status st = store_->Update([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(4))));
    return tx.PutCluster(test_util::SampleCluster(Id(2), "gold"));
  });
  EXPECT_EQ(st, Conflict("cluster name 'gold' is already used by cluster " + Id(1)));
  Write([](WriteTx& tx) { return tx.PutCluster(test_util::SampleCluster(Id(1), "silver")); });
  Write([](WriteTx& tx) { return tx.PutCluster(test_util::SampleCluster(Id(2), "gold")); });
  Read([](ReadTx& tx) {
    EXPECT_EQ(tx.GetCluster(Id(4)).status().code(), Code::kNotFound);  // rolled back
    EXPECT_EQ(Must(tx.FindClusterByName("gold")).id, Id(2));
    EXPECT_EQ(Must(tx.FindClusterByName("silver")).id, Id(1));
    EXPECT_EQ(tx.FindClusterByName("").status().code(), Code::kNotFound);
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, ClusterNodesComeInOneListSortedById) {
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1))));
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(2))));
    for (int i : {7, 3, 5}) {
      BY_RETURN_IF_ERROR(
          tx.PutNode(test_util::SampleNode(Id(10 + i), Id(1), "a" + std::to_string(i))));
    }
    return tx.PutNode(test_util::SampleNode(Id(20), Id(2), "b"));
  });
  Read([&](ReadTx& tx) {
    std::vector<model::Node> nodes = Must(tx.ListClusterNodes(Id(1)));
    EXPECT_EQ(nodes.size(), 3u);
    for (size_t k = 0; k < nodes.size() && k < 3; ++k) {
      const int i = std::vector<int>{3, 5, 7}[k];
      EXPECT_EQ(Fields(nodes[k]), Fields(test_util::SampleNode(Id(10 + i), Id(1), "a" + std::to_string(i))));
    }
    EXPECT_EQ(Must(tx.ListClusterNodes(Id(2))).size(), 1u);
    EXPECT_TRUE(Must(tx.ListClusterNodes(Id(9))).empty());
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, ClusterMountHostsAreFirstStorageHostnamesById) {
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1))));
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(2))));
    for (int i : {7, 3, 5}) {
      model::Node n = test_util::SampleNode(Id(10 + i), Id(1), "a" + std::to_string(i));
      n.storage_hostnames.push_back("a" + std::to_string(i) + ".storage-alt");
      if (i == 5) n.storage_hostnames.clear();
      BY_RETURN_IF_ERROR(tx.PutNode(n));
    }
    return tx.PutNode(test_util::SampleNode(Id(20), Id(2), "b"));
  });
  Read([&](ReadTx& tx) {
    EXPECT_EQ(Must(tx.ListClusterMountHosts(Id(1))),
              (std::vector<std::string>{"a3.storage", "a7.storage"}));
    EXPECT_EQ(Must(tx.ListClusterMountHosts(Id(2))), std::vector<std::string>{"b.storage"});
    EXPECT_TRUE(Must(tx.ListClusterMountHosts(Id(9))).empty());
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, HostnamesMapToTheirNodeAndAreUnique) {
  PutTopology();
  Read([](ReadTx& tx) {
    EXPECT_EQ(Must(tx.FindNodeByHostname("n10.manage")), Id(10));
    EXPECT_EQ(Must(tx.FindNodeByHostname("n10.manage-alt")), Id(10));
    EXPECT_EQ(Must(tx.FindNodeByHostname("n10.storage")), Id(10));
    return Status::Ok();
  });
  model::Node other = test_util::SampleNode(Id(11), Id(1), "n11");
  other.storage_hostnames = {"n10.storage"};
  Status st = store_->Update([&](WriteTx& tx) { return tx.PutNode(other); });
  EXPECT_EQ(st, Conflict("Hostname n10.storage already used by node with id " + Id(10)));

  // Same name for manage and storage on one node is fine; changing a node's
  // hostnames releases the old ones.
  model::Node n = test_util::SampleNode(Id(10), Id(1), "n10");
  n.manage_hostnames = {"10.0.0.1"};
  n.storage_hostnames = {"10.0.0.1"};
  Write([&](WriteTx& tx) { return tx.PutNode(n); });
  Write([&](WriteTx& tx) { return tx.PutNode(other); });
  Read([](ReadTx& tx) {
    EXPECT_EQ(Must(tx.FindNodeByHostname("10.0.0.1")), Id(10));
    EXPECT_EQ(Must(tx.FindNodeByHostname("n10.manage")), std::nullopt);
    EXPECT_EQ(Must(tx.FindNodeByHostname("n10.storage")), Id(11));
    return Status::Ok();
  });
}

// ---- operations and jobs ----

TEST_F(SqliteStoreTest, PendingOpChangesAndSteps) {
  model::PendingOp op = test_util::SampleOp(Id(7), model::OpType::kCreateVolume);
  Write([&](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
    BY_RETURN_IF_ERROR(tx.AppendOpStep(op.id, {0, "brick-create", Id(1), 10}));
    BY_RETURN_IF_ERROR(tx.AppendOpStep(op.id, {0, "brick-create", Id(2), 11}));
    return tx.AppendOpStep(op.id, {0, "volume-create", Id(3), 12});
  });
  // Re-putting the op (e.g. to mark it failed) keeps its steps and replaces its changes.
  op.status = model::OpStatus::kFailed;
  op.changes.pop_back();
  Write([&](WriteTx& tx) { return tx.PutPendingOp(op); });
  Read([&](ReadTx& tx) {
    EXPECT_EQ(Fields(Must(tx.GetPendingOp(op.id))), Fields(op));
    auto steps = Must(tx.ListOpSteps(op.id));
    EXPECT_EQ(steps.size(), 3u);
    for (size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(steps[i].seq, static_cast<int64_t>(i + 1));
    if (steps.size() == 3) {
      EXPECT_EQ(Fields(steps[2]), Fields(model::OpStep{3, "volume-create", Id(3), 12}));
    }
    return Status::Ok();
  });
  EXPECT_EQ(store_->Update([](WriteTx& tx) {
    return tx.AppendOpStep(Id(8), {0, "x", "", 0});
  }),
            NotFound("Id not found"));

  Write([&](WriteTx& tx) { return tx.DeletePendingOp(op.id); });
  Write([&](WriteTx& tx) {
    model::PendingOp again = op;
    again.changes.clear();
    return tx.PutPendingOp(again);
  });
  Read([&](ReadTx& tx) {
    EXPECT_TRUE(Must(tx.GetPendingOp(op.id)).changes.empty());
    EXPECT_TRUE(Must(tx.ListOpSteps(op.id)).empty());
    return Status::Ok();
  });
}

TEST_F(SqliteStoreTest, DeleteJobsFinishedBeforeCountsAndKeepsRunning) {
  Write([](WriteTx& tx) {
    for (int i = 1; i <= 6; ++i) {
      Job j = test_util::SampleJob(Id(i));
      j.state = i % 2 == 0 ? Job::State::kDone : Job::State::kFailed;
      j.finished_unix = 100 * i;
      BY_RETURN_IF_ERROR(tx.PutJob(j));
    }
    Job running = test_util::SampleJob(Id(9));
    running.state = Job::State::kRunning;
    running.finished_unix = 0;
    return tx.PutJob(running);
  });
  int64_t deleted = -1;
  Write([&](WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(deleted, tx.DeleteJobsFinishedBefore(350));
    return Status::Ok();
  });
  EXPECT_EQ(deleted, 3);
  Read([](ReadTx& tx) {
    EXPECT_EQ(tx.GetJob(Id(3)).status().code(), Code::kNotFound);
    EXPECT_TRUE(tx.GetJob(Id(4)).ok());
    EXPECT_TRUE(tx.GetJob(Id(9)).ok());
    std::vector<std::string> running;
    for (const Job& j : Must(tx.ListRunningJobs())) running.push_back(j.id);
    EXPECT_EQ(running, std::vector<std::string>{Id(9)});
    return Status::Ok();
  });
}

// ---- transactions ----

TEST_F(SqliteStoreTest, FailedUpdateLeavesNothing) {
  Status st = store_->Update([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1))));
    BY_RETURN_IF_ERROR(tx.PutNode(test_util::SampleNode(Id(10), Id(1), "n10")));
    BY_RETURN_IF_ERROR(tx.PutJob(test_util::SampleJob(Id(5))));
    return NoSpace("no space");
  });
  EXPECT_EQ(st, NoSpace("no space"));
  st = store_->Update([](WriteTx& tx) -> Status {
    BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(2))));
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(st, Internal("store: transaction aborted by exception: boom"));
  Read([](ReadTx& tx) {
    EXPECT_TRUE(Must(tx.ListClusterIds()).empty());
    EXPECT_EQ(Must(tx.FindNodeByHostname("n10.manage")), std::nullopt);
    EXPECT_EQ(tx.GetJob(Id(5)).status().code(), Code::kNotFound);
    return Status::Ok();
  });
  // The writer is usable afterwards.
  PutTopology();
}

TEST_F(SqliteStoreTest, DanglingLinksFailAtCommit) {
  Status st = store_->Update(
      [](WriteTx& tx) { return tx.PutNode(test_util::SampleNode(Id(10), Id(1), "n10")); });
  EXPECT_EQ(st.code(), Code::kInternal);
  EXPECT_NE(st.message().find("FOREIGN KEY"), std::string::npos) << st.message();

  PutTopology();
  st = store_->Update([](WriteTx& tx) { return tx.DeleteCluster(Id(1)); });
  EXPECT_EQ(st.code(), Code::kInternal);

  // Order inside one transaction does not matter.
  Write([](WriteTx& tx) {
    BY_RETURN_IF_ERROR(tx.PutBrick(test_util::SampleBrick(Id(2000), Id(1000), Id(100), Id(10))));
    return tx.PutVolume(test_util::SampleVolume(Id(1000), Id(1), "v"));
  });
}

TEST_F(SqliteStoreTest, NestedUpdateIsRefused) {
  Status inner;
  Write([&](WriteTx&) {
    inner = store_->Update([](WriteTx&) { return Status::Ok(); });
    return Status::Ok();
  });
  EXPECT_EQ(inner, Internal("store: Update called inside an Update"));
}

TEST_F(SqliteStoreTest, ViewErrorAndExceptionArePassedThrough) {
  EXPECT_EQ(store_->View([](ReadTx&) { return Conflict("x"); }), Conflict("x"));
  EXPECT_EQ(store_->View([](ReadTx&) -> Status { throw std::logic_error("bad"); }),
            Internal("store: transaction aborted by exception: bad"));
  Read([](ReadTx& tx) { return tx.ListClusterIds().status(); });
}

// ---- opening ----

TEST_F(SqliteStoreTest, ReadOnlyStoreReadsButDoesNotWrite) {
  PutTopology();
  SqliteStore::Options options;
  options.read_only = true;
  auto ro = SqliteStore::Open(path_, options);
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_EQ((*ro)->SchemaVersion(), store_->SchemaVersion());
  Status st = (*ro)->View([](ReadTx& tx) {
    EXPECT_EQ(Must(tx.ListClusterIds()), std::vector<std::string>{Id(1)});
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ((*ro)->Update([](WriteTx&) { return Status::Ok(); }),
            Unavailable("store: the database is open read-only"));
}

TEST(SqliteStoreOpenTest, RefusesInMemoryAndNamesUnopenablePaths) {
  EXPECT_EQ(SqliteStore::Open(":memory:", {}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(SqliteStore::Open("", {}).status().code(), Code::kInvalidArgument);

  test_util::TempDir dir;
  std::string missing = dir.File("no/such/dir/brickyard.db");
  auto r = SqliteStore::Open(missing, {});
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_NE(r.status().message().find(missing), std::string::npos) << r.status().message();

  std::string junk = dir.File("junk.db");
  FILE* f = std::fopen(junk.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("this is not a database, just some text that is long enough to matter\n", f);
  std::fclose(f);
  r = SqliteStore::Open(junk, {});
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_NE(r.status().message().find(junk), std::string::npos) << r.status().message();
  SqliteStore::Options ro;
  ro.read_only = true;
  r = SqliteStore::Open(junk, ro);
  EXPECT_EQ(r.status().code(), Code::kInternal);
  EXPECT_NE(r.status().message().find(junk), std::string::npos) << r.status().message();
}

TEST_F(SqliteStoreTest, DataSurvivesReopen) {
  PutTopology();
  store_.reset();
  auto s = SqliteStore::Open(path_, {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  Status st = (*s)->View([](ReadTx& tx) {
    EXPECT_EQ(Fields(Must(tx.GetDevice(Id(100)))),
              Fields(test_util::SampleDevice(Id(100), Id(10))));
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
}

}  // namespace
}  // namespace brickyard::store
