#include <future>
#include <map>
#include <set>

#include "ops/evict.h"
#include "ops/ops_test_env.h"
#include "ops/volume_load.h"

namespace brickyard::ops::testing {
namespace {

class TopologyOpsTest : public OpsTest {};

// Every brick set of every volume sits on distinct nodes and distinct zones.
void ExpectSetsValid(store::Store& store) {
  Status st = store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(auto vids, tx.ListVolumeIds(true));
    for (const auto& vid : vids) {
      std::map<int64_t, std::set<std::string>> nodes;
      std::map<int64_t, std::set<int64_t>> zones;
      std::map<int64_t, int> sizes;
      auto bricks = tx.ListVolumeBricks(vid);
      if (!bricks.ok()) return bricks.status();
      for (const auto& b : *bricks) {
        auto node = tx.GetNode(b.node_id);
        if (!node.ok()) return node.status().Prefixed("brick " + b.id + " node '" + b.node_id + "': ");
        model::Node n = *node;
        nodes[b.set_index].insert(n.id);
        zones[b.set_index].insert(n.zone);
        ++sizes[b.set_index];
      }
      for (const auto& [set, count] : sizes) {
        EXPECT_EQ(static_cast<int>(nodes[set].size()), count) << "volume " << vid << " set " << set;
        EXPECT_EQ(static_cast<int>(zones[set].size()), count) << "volume " << vid << " set " << set;
      }
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
}

TEST_F(TopologyOpsTest, ClusterLifecycleAndNames) {
  std::string a = MakeCluster();
  std::string b = MakeCluster("ocp");
  EXPECT_EQ(topology_->CreateCluster(true, true, "ocp").status().code(), Code::kConflict);
  EXPECT_TRUE(topology_->SetClusterFlags("ocp", false, true).ok());
  AddNode(b, 1, "10.8.0.1");
  EXPECT_EQ(topology_->DeleteCluster(b).code(), Code::kConflict);
  EXPECT_TRUE(topology_->DeleteCluster(a).ok());
  EXPECT_EQ(topology_->DeleteCluster(a).code(), Code::kNotFound);
}

TEST_F(TopologyOpsTest, NodeAddChecks) {
  std::string c = MakeCluster();
  AddNode(c, 1, "10.8.0.1");
  auto dup = topology_->PrepareNodeAdd({c, 1, {"10.8.0.1"}, {"10.8.0.2"}, {}});
  EXPECT_EQ(dup.status().code(), Code::kConflict);
  EXPECT_EQ(dup.status().message().rfind("Hostname 10.8.0.1 already used by node with id ", 0), 0u);
  auto missing = topology_->PrepareNodeAdd({"ffffffffffffffffffffffffffffffff", 1, {"h"}, {"h"}, {}});
  EXPECT_EQ(missing.status().message(), "Cluster id does not exist");
  mock_.SetHostDown("10.8.0.1", true);
  auto none = topology_->PrepareNodeAdd({c, 2, {"10.8.0.3"}, {"10.8.0.3"}, {}});
  EXPECT_EQ(none.status().message(), "None of the nodes in cluster has glusterd running");
}

TEST_F(TopologyOpsTest, StateMachine) {
  std::string c = MakeCluster();
  std::string n = AddNode(c, 1, "10.8.0.1");
  auto to_failed = RunOp(topology_->PrepareNodeState(n, model::State::kFailed));
  EXPECT_EQ(to_failed.status().message(), "Node must be offline before remove operation is performed, node:" + n);
  EXPECT_TRUE(RunOp(topology_->PrepareNodeState(n, model::State::kOffline)).ok());
  EXPECT_TRUE(RunOp(topology_->PrepareNodeState(n, model::State::kFailed)).ok());
  EXPECT_EQ(RunOp(topology_->PrepareNodeState(n, model::State::kOnline)).status().message(),
            "Cannot move a failed/removed node to online state");
  auto tags = topology_->SetNodeTags(n, TagChange::kSet, {{"rack", "a"}, {"arbiter", "disabled"}});
  ASSERT_TRUE(tags.ok());
  tags = topology_->SetNodeTags(n, TagChange::kDelete, {{"rack", ""}});
  EXPECT_EQ(*tags, (model::Tags{{"arbiter", "disabled"}}));
}

TEST_F(TopologyOpsTest, DeviceDuplicateAndDeleteRules) {
  std::string c = MakeCluster();
  std::string n = AddNode(c, 1, "10.8.0.1");
  AddDevice(n, "/dev/sdb");
  auto dup = topology_->PrepareDeviceAdd({n, "/dev/sdb", false, {}});
  EXPECT_EQ(dup.status().code(), Code::kConflict);
  std::string d;
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    d = tx.ListDeviceIds(n)->front();
    return Status::Ok();
  });
  EXPECT_EQ(topology_->PrepareDeviceDelete(d, false).status().message(),
            "device: " + d + " is not in failed state");
  EXPECT_TRUE(RunOp(topology_->PrepareDeviceState(d, model::State::kOffline)).ok());
  EXPECT_TRUE(RunOp(topology_->PrepareDeviceState(d, model::State::kFailed)).ok());
  EXPECT_TRUE(RunOp(topology_->PrepareDeviceDelete(d, false)).ok());
  EXPECT_EQ(mock_.DeviceCount(), 0u);
}

// The two-cluster set-up of the first seed article: three hosts, one device
// each in the RHV cluster and five each in the OCP cluster.
class TwoClusterTest : public OpsTest {
 protected:
  void SetUp() override {
    OpsTest::SetUp();
    rhv_ = MakeCluster();
    ocp_ = MakeCluster("ocp");
    for (int i = 1; i <= 3; ++i) {
      AddDevice(AddNode(rhv_, i, "192.168.99." + std::to_string(27 + i)), "/dev/sdb");
      std::string n = AddNode(ocp_, i, "192.168.199." + std::to_string(27 + i));
      for (const char* dev : {"/dev/sdc", "/dev/sdd", "/dev/sde", "/dev/sdf", "/dev/sdg"}) AddDevice(n, dev);
    }
  }
  std::string rhv_, ocp_;
};

TEST_F(TwoClusterTest, VolumesLandOnlyOnTheChosenCluster) {
  for (const std::string& ref : {ocp_, std::string("ocp")}) {
    auto id = CreateVolume(Replica3(100, ref));
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    (void)store_->View([&](store::ReadTx& tx) -> Status {
      EXPECT_EQ(tx.GetVolume(*id)->cluster_id, ocp_);
      return Status::Ok();
    });
  }
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    for (const auto& d : *tx.ListClusterDevices(rhv_)) EXPECT_EQ(d.used_kib, 0);
    return Status::Ok();
  });
  ExpectSetsValid(*store_);
  ExpectConsistent();
}

TEST_F(TwoClusterTest, FillingEndsInNoSpaceWithExactAccounting) {
  int created = 0;
  for (int i = 0; i < 200; ++i) {
    auto id = CreateVolume(Replica3(300, "ocp"));
    ExpectConsistent();
    if (!id.ok()) {
      EXPECT_EQ(id.status().code(), Code::kNoSpace);
      EXPECT_EQ(id.status().message().rfind("Failed to allocate new volume: ", 0), 0u)
          << id.status().message();
      break;
    }
    ++created;
  }
  // 5 × 500 GiB per node; a 300 GiB replica-3 volume takes ~301.5 GiB per node.
  EXPECT_EQ(created, 8);
  ExpectSetsValid(*store_);
}

TEST_F(TwoClusterTest, RemovingADeviceMovesItsBricks) {
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(CreateVolume(Replica3(50, "ocp")).ok());
  std::string busiest;
  size_t most = 0;
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    for (const auto& d : *tx.ListClusterDevices(ocp_)) {
      size_t n = tx.ListDeviceBricks(d.id)->size();
      if (n > most) {
        most = n;
        busiest = d.id;
      }
    }
    return Status::Ok();
  });
  ASSERT_GT(most, 0u);
  ASSERT_TRUE(RunOp(topology_->PrepareDeviceState(busiest, model::State::kOffline)).ok());
  auto removed = RunOp(topology_->PrepareDeviceState(busiest, model::State::kFailed));
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    EXPECT_TRUE(tx.ListDeviceBricks(busiest)->empty());
    EXPECT_EQ(tx.GetDevice(busiest)->state, model::State::kFailed);
    EXPECT_EQ(tx.GetDevice(busiest)->used_kib, 0);
    return Status::Ok();
  });
  ExpectSetsValid(*store_);
  ExpectConsistent();
  EXPECT_EQ(mock_.BrickCount(), 18u);
}

TEST_F(TwoClusterTest, RemovalWithoutReplacementIsAClearError) {
  // The RHV cluster has one device per node: a replica-3 brick has nowhere to go.
  ASSERT_TRUE(CreateVolume(Replica3(10, rhv_)).ok());
  std::string dev;
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    dev = tx.ListClusterDevices(rhv_)->front().id;
    return Status::Ok();
  });
  ASSERT_TRUE(RunOp(topology_->PrepareDeviceState(dev, model::State::kOffline)).ok());
  auto removed = RunOp(topology_->PrepareDeviceState(dev, model::State::kFailed));
  ASSERT_FALSE(removed.ok());
  EXPECT_NE(removed.status().message().find("no device was found to replace it"), std::string::npos)
      << removed.status().message();
  ExpectSetsValid(*store_);
  ExpectConsistent();
}

TEST_F(TwoClusterTest, ConcurrentCreatesAndDeletes) {
  std::vector<std::future<void>> workers;
  for (int t = 0; t < 64; ++t) {
    workers.push_back(std::async(std::launch::async, [this, t] {
      auto id = CreateVolume(Replica3(1 + t % 7, "ocp"));
      if (id.ok() && t % 2 == 0) {
        auto del = RunOp(volumes_->PrepareDelete(*id));
        EXPECT_TRUE(del.ok()) << del.status().ToString();
      }
    }));
  }
  for (auto& w : workers) w.get();
  ExpectConsistent();
  ExpectSetsValid(*store_);
  (void)store_->View([&](store::ReadTx& tx) -> Status {
    EXPECT_EQ(tx.ListVolumeIds(true)->size(), 32u);
    for (const auto& d : *tx.ListClusterDevices(ocp_)) EXPECT_GE(d.free_kib, 0);
    return Status::Ok();
  });
  EXPECT_EQ(mock_.VolumeCount(), 32u);
}

}  // namespace
}  // namespace brickyard::ops::testing
