// Exact response bytes (spec heketi-api §7).
#include "api/responses.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

model::Brick MakeBrick(const std::string& id, const std::string& device, const std::string& node) {
  model::Brick b;
  b.id = id;
  b.volume_id = "v1";
  b.device_id = device;
  b.node_id = node;
  b.path = "/var/lib/heketi/mounts/vg_" + device + "/brick_" + id + "/brick";
  b.size_kib = 10485760;
  b.tp_size_kib = 10485760;
  b.pool_meta_kib = 53248;
  return b;
}

model::Device MakeDevice() {
  model::Device d;
  d.id = "d1";
  d.node_id = "n1";
  d.name = "/dev/sdb";
  d.total_kib = 524288000;
  d.free_kib = 513748992;
  d.used_kib = 10539008;
  return d;
}

model::Node MakeNode() {
  model::Node n;
  n.id = "n1";
  n.cluster_id = "c1";
  n.zone = 1;
  n.manage_hostnames = {"node1.example.com"};
  n.storage_hostnames = {"10.0.0.1"};
  return n;
}

model::Volume MakeVolume() {
  model::Volume v;
  v.id = "v1";
  v.cluster_id = "c1";
  v.name = "vol_v1";
  v.size_gib = 10;
  v.durability = {model::DurabilityType::kReplicate, 3, 0, 0};
  v.gid = 2001;
  v.options = {"", "user.heketi.arbiter true", ""};
  return v;
}

// --- bricks, devices, nodes -----------------------------------------------------

TEST(ResponsesTest, Brick) {
  EXPECT_EQ(ToWire(EncodeBrick(MakeBrick("b1", "d1", "n1"))),
            R"({"id":"b1","path":"/var/lib/heketi/mounts/vg_d1/brick_b1/brick","device":"d1",)"
            R"("node":"n1","volume":"v1","size":10485760})"
            "\n");
}

TEST(ResponsesTest, DeviceOmitsEmptyTagsPathsAndPvUuid) {
  EXPECT_EQ(ToWire(EncodeDevice(MakeDevice(), {})),
            R"({"name":"/dev/sdb","storage":{"total":524288000,"free":513748992,"used":10539008},)"
            R"("id":"d1","state":"online","bricks":[]})"
            "\n");
}

TEST(ResponsesTest, DeviceWithEverything) {
  model::Device d = MakeDevice();
  d.tags = {{"tier", "gold"}, {"arbiter", "disabled"}};
  d.paths = {"/dev/sdb", "/dev/disk/by-id/wwn-1"};
  d.pv_uuid = "Xy12-ab";
  d.state = model::State::kOffline;
  std::vector<model::Brick> bricks = {MakeBrick("b2", "d1", "n1"), MakeBrick("b1", "d1", "n1")};
  EXPECT_EQ(ToWire(EncodeDevice(d, bricks)),
            R"({"name":"/dev/sdb","tags":{"arbiter":"disabled","tier":"gold"},)"
            R"("storage":{"total":524288000,"free":513748992,"used":10539008},"id":"d1",)"
            R"("paths":["/dev/sdb","/dev/disk/by-id/wwn-1"],"pv_uuid":"Xy12-ab","state":"offline",)"
            R"("bricks":[{"id":"b1","path":"/var/lib/heketi/mounts/vg_d1/brick_b1/brick",)"
            R"("device":"d1","node":"n1","volume":"v1","size":10485760},)"
            R"({"id":"b2","path":"/var/lib/heketi/mounts/vg_d1/brick_b2/brick",)"
            R"("device":"d1","node":"n1","volume":"v1","size":10485760}]})"
            "\n");
}

TEST(ResponsesTest, NodeWithoutDevices) {
  // The body a node add finishes with.
  EXPECT_EQ(ToWire(EncodeNode(MakeNode(), {})),
            R"({"zone":1,"hostnames":{"manage":["node1.example.com"],"storage":["10.0.0.1"]},)"
            R"("cluster":"c1","id":"n1","state":"online","devices":[]})"
            "\n");
}

TEST(ResponsesTest, NodeWithTagsAndDevices) {
  model::Node n = MakeNode();
  n.tags = {{"rack", "r1"}};
  n.state = model::State::kFailed;
  model::Device d2 = MakeDevice();
  d2.id = "d2";
  std::vector<DeviceWithBricks> devices = {{d2, {}}, {MakeDevice(), {}}};
  std::string device_json = R"({"name":"/dev/sdb","storage":{"total":524288000,"free":513748992,)"
                            R"("used":10539008},"id":"ID","state":"online","bricks":[]})";
  auto with_id = [&](const std::string& id) {
    std::string s = device_json;
    s.replace(s.find("ID"), 2, id);
    return s;
  };
  EXPECT_EQ(ToWire(EncodeNode(n, devices)),
            R"({"zone":1,"hostnames":{"manage":["node1.example.com"],"storage":["10.0.0.1"]},)"
            R"("cluster":"c1","tags":{"rack":"r1"},"id":"n1","state":"failed","devices":[)" +
                with_id("d1") + "," + with_id("d2") + "]}\n");
}

// --- clusters -------------------------------------------------------------------

TEST(ResponsesTest, UnnamedClusterIsHeketisObject) {
  model::Cluster c;
  c.id = "c1";
  c.block = false;
  EXPECT_EQ(ToWire(EncodeCluster(c, {}, {}, {})),
            R"({"id":"c1","nodes":[],"volumes":[],"block":false,"file":true,"blockvolumes":[]})"
            "\n");
}

TEST(ResponsesTest, NamedClusterAddsNameAfterId) {
  model::Cluster c;
  c.id = "c1";
  c.name = "prod";
  EXPECT_EQ(ToWire(EncodeCluster(c, {"n2", "n1"}, {"v1"}, {"bv1"})),
            R"({"id":"c1","name":"prod","nodes":["n1","n2"],"volumes":["v1"],"block":true,)"
            R"("file":true,"blockvolumes":["bv1"]})"
            "\n");
}

TEST(ResponsesTest, Tags) {
  EXPECT_EQ(ToWire(EncodeTags({{"b", "2"}, {"a", "1"}})), "{\"a\":\"1\",\"b\":\"2\"}\n");
  EXPECT_EQ(ToWire(EncodeTags({})), "{}\n");
}

// --- volumes --------------------------------------------------------------------

TEST(ResponsesTest, ReplicateVolume) {
  std::vector<model::Brick> bricks = {MakeBrick("b1", "d1", "n1")};
  EXPECT_EQ(
      ToWire(EncodeVolume(MakeVolume(), bricks, {"10.0.0.1", "10.0.0.2", "10.0.0.3"}, {})),
      R"({"size":10,"name":"vol_v1",)"
      R"("durability":{"type":"replicate","replicate":{"replica":3},"disperse":{}},)"
      R"("gid":2001,"glustervolumeoptions":["","user.heketi.arbiter true",""],)"
      R"("snapshot":{"enable":false,"factor":1},"id":"v1","cluster":"c1",)"
      R"("mount":{"glusterfs":{"hosts":["10.0.0.1","10.0.0.2","10.0.0.3"],)"
      R"("device":"10.0.0.1:vol_v1","options":{"backup-volfile-servers":"10.0.0.2,10.0.0.3"}}},)"
      R"("blockinfo":{},"bricks":[{"id":"b1","path":"/var/lib/heketi/mounts/vg_d1/brick_b1/brick",)"
      R"("device":"d1","node":"n1","volume":"v1","size":10485760}]})"
      "\n");
}

TEST(ResponsesTest, MinimalVolumeOmitsEmptyMembers) {
  model::Volume v;
  v.id = "v2";
  v.cluster_id = "c1";
  v.name = "vol_v2";
  v.size_gib = 1;
  v.snapshot_enable = true;
  v.snapshot_factor = 1.5;
  EXPECT_EQ(ToWire(EncodeVolume(v, {}, {"10.0.0.1"}, {})),
            R"({"size":1,"name":"vol_v2","durability":{"type":"none","replicate":{},"disperse":{}},)"
            R"("snapshot":{"enable":true,"factor":1.5},"id":"v2","cluster":"c1",)"
            R"("mount":{"glusterfs":{"hosts":["10.0.0.1"],"device":"10.0.0.1:vol_v2",)"
            R"("options":{"backup-volfile-servers":""}}},"blockinfo":{},"bricks":[]})"
            "\n");
}

TEST(ResponsesTest, SnapshotFactorIsOneWhenDisabled) {
  model::Volume v = MakeVolume();
  v.snapshot_enable = false;
  v.snapshot_factor = 1.5;
  Json j = EncodeVolume(v, {}, {}, {});
  EXPECT_EQ(j["snapshot"].dump(), R"({"enable":false,"factor":1})");
}

TEST(ResponsesTest, DisperseVolumeRendersEffectiveDurability) {
  model::Volume v = MakeVolume();
  v.durability = {model::DurabilityType::kDisperse, 0, 4, 2};
  Json j = EncodeVolume(v, {}, {}, {});
  EXPECT_EQ(j["durability"].dump(),
            R"({"type":"disperse","replicate":{},"disperse":{"data":4,"redundancy":2}})");
}

TEST(ResponsesTest, BlockHostingVolume) {
  model::Volume v = MakeVolume();
  v.gid = 0;
  v.options = {};
  v.block = true;
  v.block_info = {98, 2, "locked"};
  EXPECT_EQ(ToWire(EncodeVolume(v, {}, {"h1", "h2"}, {"bv2", "bv1"})),
            R"({"size":10,"name":"vol_v1",)"
            R"("durability":{"type":"replicate","replicate":{"replica":3},"disperse":{}},)"
            R"("block":true,"snapshot":{"enable":false,"factor":1},"id":"v1","cluster":"c1",)"
            R"("mount":{"glusterfs":{"hosts":["h1","h2"],"device":"h1:vol_v1",)"
            R"("options":{"backup-volfile-servers":"h2"}}},)"
            R"("blockinfo":{"freesize":98,"reservedsize":2,"blockvolume":["bv1","bv2"],)"
            R"("restriction":"locked"},"bricks":[]})"
            "\n");
}

TEST(ResponsesTest, MountWithoutHosts) {
  EXPECT_EQ(EncodeMount("vol", {}).dump(),
            R"({"glusterfs":{"hosts":[],"device":"","options":{"backup-volfile-servers":""}}})");
}

TEST(ResponsesTest, VolumeBricksSortedById) {
  std::vector<model::Brick> bricks = {MakeBrick("b3", "d1", "n1"), MakeBrick("b1", "d2", "n2"),
                                      MakeBrick("b2", "d3", "n3")};
  Json j = EncodeVolume(MakeVolume(), bricks, {}, {});
  ASSERT_EQ(j["bricks"].size(), 3u);
  EXPECT_EQ(j["bricks"][0]["id"], "b1");
  EXPECT_EQ(j["bricks"][1]["id"], "b2");
  EXPECT_EQ(j["bricks"][2]["id"], "b3");
}

// --- lists, admin, logging, operations ------------------------------------------

TEST(ResponsesTest, IdLists) {
  EXPECT_EQ(ToWire(EncodeIdList("clusters", {"b", "a"})), "{\"clusters\":[\"a\",\"b\"]}\n");
  EXPECT_EQ(ToWire(EncodeIdList("volumes", {})), "{\"volumes\":[]}\n");
  EXPECT_EQ(ToWire(EncodeIdList("blockvolumes", {"x"})), "{\"blockvolumes\":[\"x\"]}\n");
}

TEST(ResponsesTest, AdminAndLogLevel) {
  EXPECT_EQ(ToWire(EncodeAdminState("normal")), "{\"state\":\"normal\"}\n");
  EXPECT_EQ(ToWire(EncodeLogLevel({{"glusterfs", "info"}})),
            "{\"loglevel\":{\"glusterfs\":\"info\"}}\n");
}

TEST(ResponsesTest, OperationsCounts) {
  OperationsCounts c{4, 1, 2, 1, 1};
  EXPECT_EQ(ToWire(EncodeOperationsCounts(c)),
            "{\"total\":4,\"in_flight\":1,\"stale\":2,\"failed\":1,\"new\":1}\n");
}

TEST(ResponsesTest, PendingOperationList) {
  model::PendingOp a{"o2", model::OpType::kRemoveDevice, 100, model::OpStatus::kStale, {}};
  model::PendingOp b{"o1", model::OpType::kCreateVolume, 200, model::OpStatus::kNew, {}};
  EXPECT_EQ(ToWire(EncodePendingOpList({a, b}, {"o1"})),
            R"({"pendingoperations":[)"
            R"({"id":"o1","type_name":"create-volume","status":"","sub_status":"in-flight"},)"
            R"({"id":"o2","type_name":"remove-device","status":"stale","sub_status":""}]})"
            "\n");
  EXPECT_EQ(ToWire(EncodePendingOpList({}, {})), "{\"pendingoperations\":[]}\n");
}

TEST(ResponsesTest, PendingOperationDetails) {
  model::PendingOp op{"o1",
                      model::OpType::kCreateVolume,
                      100,
                      model::OpStatus::kFailed,
                      {{model::ChangeType::kAddVolume, "v1", 0},
                       {model::ChangeType::kAddBrick, "b1", 0}}};
  EXPECT_EQ(ToWire(EncodePendingOpDetails(op, false)),
            R"({"id":"o1","type_name":"create-volume","status":"failed","sub_status":"",)"
            R"("changes":[{"id":"v1","description":"Add volume"},)"
            R"({"id":"b1","description":"Add brick"}]})"
            "\n");
}

}  // namespace
}  // namespace brickyard::api
