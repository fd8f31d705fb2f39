#include "cli/format.h"

#include <gtest/gtest.h>

namespace brickyard::cli {
namespace {

const char kVolume[] = R"({"size":1,"name":"vol_3cc7ce25f5e7c441b64f56bff5a4fd7e",
 "durability":{"type":"replicate","replicate":{"replica":3},"disperse":{}},
 "snapshot":{"enable":false,"factor":1},
 "id":"3cc7ce25f5e7c441b64f56bff5a4fd7e","cluster":"37cc609c4ff862bfa69017747ea4aba4",
 "mount":{"glusterfs":{"hosts":["10.99.3.216","10.99.4.161","10.99.5.91"],
   "device":"10.99.3.216:vol_3cc7ce25f5e7c441b64f56bff5a4fd7e",
   "options":{"backup-volfile-servers":"10.99.4.161,10.99.5.91"}}},
 "blockinfo":{},
 "bricks":[{"id":"8f0fe0c817aa4d3d895191460ba16934","path":"/p1","device":"d1","node":"n1","volume":"v","size":1048576},
           {"id":"210177139925936e15a0a6c90ea94e2b","path":"/p2","device":"d2","node":"n2","volume":"v","size":1048576},
           {"id":"8b703673bba40c80e3ae0e98355185ee","path":"/p3","device":"d3","node":"n3","volume":"v","size":1048576}]})";

TEST(FormatVolumeTest, ReplicateMatchesHeketiCli) {
  EXPECT_EQ(FormatVolume(Json::parse(kVolume)),
            "Name: vol_3cc7ce25f5e7c441b64f56bff5a4fd7e\n"
            "Size: 1\n"
            "Volume Id: 3cc7ce25f5e7c441b64f56bff5a4fd7e\n"
            "Cluster Id: 37cc609c4ff862bfa69017747ea4aba4\n"
            "Mount: 10.99.3.216:vol_3cc7ce25f5e7c441b64f56bff5a4fd7e\n"
            "Mount Options: backup-volfile-servers=10.99.4.161,10.99.5.91\n"
            "Block: false\n"
            "Free Size: 0\n"
            "Reserved Size: 0\n"
            "Block Hosting Restriction: (none)\n"
            "Block Volumes: []\n"
            "Durability Type: replicate\n"
            "Distribute Count: 1\n"
            "Replica Count: 3\n");
}

TEST(FormatVolumeTest, NoneWithSnapshotAndBlockInfo) {
  Json v = Json::parse(kVolume);
  v["durability"] = {{"type", "none"}, {"replicate", Json::object()}, {"disperse", Json::object()}};
  v["snapshot"] = {{"enable", true}, {"factor", 1.5}};
  v["block"] = true;
  v["blockinfo"] = {{"freesize", 98}, {"reservedsize", 2}, {"blockvolume", {"b1", "b2"}}, {"restriction", "locked"}};
  EXPECT_EQ(FormatVolume(v).substr(FormatVolume(v).find("Block:")),
            "Block: true\n"
            "Free Size: 98\n"
            "Reserved Size: 2\n"
            "Block Hosting Restriction: locked\n"
            "Block Volumes: [b1 b2]\n"
            "Durability Type: none\n"
            "Distribute Count: 3\n"
            "Snapshot Factor: 1.50\n\n");
}

TEST(FormatVolumeTest, DisperseCountsSets) {
  Json v = Json::parse(kVolume);
  v["durability"] = {{"type", "disperse"}, {"replicate", Json::object()}, {"disperse", {{"data", 2}, {"redundancy", 1}}}};
  std::string out = FormatVolume(v);
  EXPECT_NE(out.find("Durability Type: disperse\nDistribute Count: 1\nDisperse Data Count: 2\n"
                     "Disperse Redundancy Count: 1\n"),
            std::string::npos)
      << out;
}

TEST(FormatVolumeTest, UnsetReplicaDoesNotCrash) {
  Json v = Json::parse(kVolume);
  v["durability"]["replicate"] = Json::object();
  EXPECT_NE(FormatVolume(v).find("Distribute Count: 1\nReplica Count: 0\n"), std::string::npos);
}

TEST(FormatVolumeTest, ListLines) {
  Json a = Json::parse(kVolume);
  Json b = a;
  b["block"] = true;
  b["name"] = "bhv";
  EXPECT_EQ(FormatVolumeList({a, b}),
            "Id:3cc7ce25f5e7c441b64f56bff5a4fd7e    Cluster:37cc609c4ff862bfa69017747ea4aba4    "
            "Name:vol_3cc7ce25f5e7c441b64f56bff5a4fd7e\n"
            "Id:3cc7ce25f5e7c441b64f56bff5a4fd7e    Cluster:37cc609c4ff862bfa69017747ea4aba4    "
            "Name:bhv [block]\n");
}

TEST(FormatClusterTest, ListInfoAndCreate) {
  Json c1 = {{"id", "c1"}, {"nodes", {"n1", "n2"}}, {"volumes", {"v1"}}, {"block", true}, {"file", true}};
  Json c2 = {{"id", "c2"}, {"nodes", Json::array()}, {"volumes", Json::array()}, {"block", false}, {"file", false}};
  Json c3 = {{"id", "c3"}, {"block", true}, {"file", false}, {"name", "ocp"}};
  EXPECT_EQ(FormatClusterList({c1, c2, c3}), "Clusters:\nId:c1 [file][block]\nId:c2 []\nId:c3 [block] Name:ocp\n");
  EXPECT_EQ(FormatClusterList({}), "Clusters:\n");
  EXPECT_EQ(FormatClusterInfo(c1), "Cluster id: c1\nNodes:\nn1\nn2\nVolumes:\nv1\nBlock: true\n\nFile: true\n");
  EXPECT_EQ(FormatClusterInfo(c2), "Cluster id: c2\nNodes:\n\nVolumes:\n\nBlock: false\n\nFile: false\n");
  EXPECT_EQ(FormatClusterCreated(c1), "Cluster id: c1\n");
  EXPECT_EQ(FormatNodeList({c1, c2}), "Id:n1\tCluster:c1\nId:n2\tCluster:c1\n");
}

const char kNode[] = R"({"zone":1,"hostnames":{"manage":["glustera"],"storage":["10.99.3.216"]},
 "cluster":"37cc609c4ff862bfa69017747ea4aba4","id":"033b95c5a5a2ed6eabacea85dd9b7d83","state":"online",
 "devices":[{"name":"/dev/xvdf","storage":{"total":10354688,"free":9305088,"used":1049600},
   "id":"37b799f5d213aacac0a46f94d53b359b","paths":["/dev/xvdf","/dev/disk/by-id/x"],"pv_uuid":"UX4c",
   "state":"online","bricks":[{"id":"0d98000f85540d0854b0db455706c2ae","path":"/var/lib/heketi/mounts/b",
   "device":"37b799f5d213aacac0a46f94d53b359b","node":"033b95c5a5a2ed6eabacea85dd9b7d83","volume":"v","size":1048576}]}]})";

TEST(FormatNodeTest, InfoAndAdded) {
  Json n = Json::parse(kNode);
  EXPECT_EQ(FormatNodeInfo(n),
            "Node Id: 033b95c5a5a2ed6eabacea85dd9b7d83\n"
            "State: online\n"
            "Cluster Id: 37cc609c4ff862bfa69017747ea4aba4\n"
            "Zone: 1\n"
            "Management Hostname: glustera\n"
            "Storage Hostname: 10.99.3.216\n"
            "Devices:\n"
            "Id:37b799f5d213aacac0a46f94d53b359b   Name:/dev/xvdf           State:online    "
            "Size (GiB):9       Used (GiB):1       Free (GiB):8       Bricks:1       \n");
  n["tags"] = {{"rack", "b"}, {"arbiter", "supported"}};
  EXPECT_NE(FormatNodeInfo(n).find("Storage Hostname: 10.99.3.216\nTags:\n  arbiter: supported\n  rack: b\nDevices:\n"),
            std::string::npos);
  EXPECT_EQ(FormatNodeAdded(n),
            "Node information:\nId: 033b95c5a5a2ed6eabacea85dd9b7d83\nState: online\n"
            "Cluster Id: 37cc609c4ff862bfa69017747ea4aba4\nZone: 1\nManagement Hostname glustera\n"
            "Storage Hostname 10.99.3.216\n");
}

TEST(FormatDeviceTest, Info) {
  Json d = Json::parse(kNode)["devices"][0];
  EXPECT_EQ(FormatDeviceInfo(d),
            "Device Id: 37b799f5d213aacac0a46f94d53b359b\n"
            "State: online\n"
            "Size (GiB): 9\n"
            "Used (GiB): 1\n"
            "Free (GiB): 8\n"
            "Create Path: /dev/xvdf\n"
            "Physical Volume UUID: UX4c\n"
            "Known Paths: /dev/xvdf /dev/disk/by-id/x\n"
            "Bricks:\n"
            "Id:0d98000f85540d0854b0db455706c2ae   Size (GiB):1       Path: /var/lib/heketi/mounts/b\n");
}

TEST(FormatTopologyTest, MatchesHeketiLayout) {
  Json v = Json::parse(kVolume);
  v["bricks"] = Json::array({v["bricks"][0]});
  Json t = {{"clusters", {{{"volumes", {v}}, {"nodes", {Json::parse(kNode)}}, {"id", "c1"}, {"block", true}, {"file", true}}}}};
  EXPECT_EQ(FormatTopology(t),
            "\nCluster Id: c1\n"
            "\n    File:  true\n"
            "    Block: true\n"
            "\n    Volumes:\n"
            "\n\tName: vol_3cc7ce25f5e7c441b64f56bff5a4fd7e\n"
            "\tSize: 1\n"
            "\tId: 3cc7ce25f5e7c441b64f56bff5a4fd7e\n"
            "\tCluster Id: 37cc609c4ff862bfa69017747ea4aba4\n"
            "\tMount: 10.99.3.216:vol_3cc7ce25f5e7c441b64f56bff5a4fd7e\n"
            "\tMount Options: backup-volfile-servers=10.99.4.161,10.99.5.91\n"
            "\tDurability Type: replicate\n"
            "\tReplica: 3\n"
            "\tSnapshot: Disabled\n"
            "\n\t\tBricks:\n"
            "\t\t\tId: 8f0fe0c817aa4d3d895191460ba16934\n"
            "\t\t\tPath: /p1\n"
            "\t\t\tSize (GiB): 1\n"
            "\t\t\tNode: n1\n"
            "\t\t\tDevice: d1\n"
            "\n"
            "    Nodes:\n"
            "\n\tNode Id: 033b95c5a5a2ed6eabacea85dd9b7d83\n"
            "\tState: online\n"
            "\tCluster Id: 37cc609c4ff862bfa69017747ea4aba4\n"
            "\tZone: 1\n"
            "\tManagement Hostnames: glustera\n"
            "\tStorage Hostnames: 10.99.3.216\n"
            "\tDevices:\n"
            "\t\tId:37b799f5d213aacac0a46f94d53b359b   State:online    Size (GiB):9       "
            "Used (GiB):1       Free (GiB):8       \n"
            "\t\t\tKnown Paths: /dev/xvdf /dev/disk/by-id/x\n"
            "\n\t\t\tBricks:\n"
            "\t\t\t\tId:0d98000f85540d0854b0db455706c2ae   Size (GiB):1       Path: /var/lib/heketi/mounts/b\n"
            "\n");
}

TEST(FormatTopologyTest, EmptyCluster) {
  Json t = {{"clusters", {{{"volumes", Json::array()}, {"nodes", Json::array()}, {"id", "c"}, {"block", false}, {"file", true}}}}};
  EXPECT_EQ(FormatTopology(t), "\nCluster Id: c\n\n    File:  true\n    Block: false\n\n    Volumes:\n\n    Nodes:\n\n");
}

TEST(FormatBlockVolumeTest, BlockAndList) {
  Json b = Json::parse(R"({"size":5,"name":"bv1","hacount":3,"id":"b1",
    "blockvolume":{"hosts":["10.0.0.1","10.0.0.2"],"iqn":"iqn.2016-12.org.gluster-block:x","lun":0,
    "username":"u","password":"p"},"cluster":"c1","blockhostingvolume":"v1","usablesize":5})");
  EXPECT_EQ(FormatBlockVolume(b),
            "Name: bv1\nSize: 5\nUsableSize: 5\nVolume Id: b1\nCluster Id: c1\nHosts: [10.0.0.1 10.0.0.2]\n"
            "IQN: iqn.2016-12.org.gluster-block:x\nLUN: 0\nHacount: 3\nUsername: u\nPassword: p\n"
            "Block Hosting Volume: v1\n");
  EXPECT_EQ(FormatBlockVolumeList({b}), "Id:b1                                  Cluster:c1                                  Name:bv1\n");
}

TEST(FormatOperationsTest, CountsDetailsAndList) {
  EXPECT_EQ(FormatOperationCounts(Json::parse(R"({"total":3,"in_flight":1,"stale":1,"failed":0,"new":2})")),
            "Operation Counts:\n  Total: 3\n  In-Flight: 1\n  New: 2\n  Failed: 0\n  Stale: 1\n");
  Json op = Json::parse(R"({"id":"o1","type_name":"create-volume","status":"","sub_status":"in-flight",
    "changes":[{"id":"b1","description":"Add brick"}]})");
  EXPECT_EQ(FormatOperationDetails(op),
            "Id: o1\nType: create-volume\nStatus: New in-flight\nChanges:\n    Add brick: b1\n");
  EXPECT_EQ(FormatOperationList(Json::parse(R"({"pendingoperations":[{"id":"o2","type_name":"delete-volume","status":"stale","sub_status":""}]})")),
            "Id:o2  Type:delete-volume  Status:stale\n");
}

}  // namespace
}  // namespace brickyard::cli
