#include "api/dump.h"

#include <gtest/gtest.h>

#include "api/wire.h"

namespace brickyard::api {
namespace {

// An export in the shape `heketi db export` writes: a replica-3 arbiter
// volume, a pending replicate volume created without "replica" (Heketi
// quirk), a block volume, database attributes and a stale operation.
constexpr std::string_view kHeketiExport = R"({
    "clusterentries": {
        "c1": {
            "Info": {
                "id": "c1",
                "nodes": ["n1", "n2", "n3"],
                "volumes": ["v1", "v2"],
                "block": true,
                "file": true,
                "blockvolumes": ["bv1"]
            }
        },
        "c2": {
            "Info": {"id": "c2", "nodes": [], "volumes": [], "blockvolumes": []}
        }
    },
    "volumeentries": {
        "v1": {
            "Info": {
                "size": 10,
                "name": "vol_v1",
                "durability": {"type": "replicate", "replicate": {"replica": 3}, "disperse": {}},
                "gid": 2001,
                "block": true,
                "snapshot": {"enable": false, "factor": 1},
                "id": "v1",
                "cluster": "c1",
                "mount": {"glusterfs": {"hosts": ["10.0.0.1", "10.0.0.2", "10.0.0.3"],
                          "device": "10.0.0.1:vol_v1",
                          "options": {"backup-volfile-servers": "10.0.0.2,10.0.0.3"}}},
                "blockinfo": {"freesize": 8, "reservedsize": 1, "blockvolume": ["bv1"]}
            },
            "Bricks": ["b1", "b2", "b3"],
            "GlusterVolumeOptions": ["", "group gluster-block", "user.heketi.arbiter true", ""],
            "Pending": {"Id": ""}
        },
        "v2": {
            "Info": {
                "size": 5,
                "clusters": ["c1"],
                "name": "myvol",
                "durability": {"type": "replicate", "replicate": {}, "disperse": {}},
                "snapshot": {"enable": true, "factor": 1.5},
                "id": "v2",
                "cluster": "c1",
                "mount": {"glusterfs": {"hosts": null, "device": "", "options": null}},
                "blockinfo": {}
            },
            "Bricks": [],
            "GlusterVolumeOptions": null,
            "Pending": {"Id": "op1"}
        }
    },
    "brickentries": {
        "b1": {
            "Info": {"id": "b1", "path": "/var/lib/heketi/mounts/vg_d1/brick_b1/brick",
                     "device": "d1", "node": "n1", "volume": "v1", "size": 10485760},
            "TpSize": 10485760, "PoolMetadataSize": 53248, "Pending": {"Id": ""},
            "LvmThinPool": "tp_b1", "LvmLv": "", "SubType": 1
        },
        "b2": {
            "Info": {"id": "b2", "path": "/var/lib/heketi/mounts/vg_d2/brick_b2/brick",
                     "device": "d2", "node": "n2", "volume": "v1", "size": 10485760},
            "TpSize": 10485760, "PoolMetadataSize": 53248, "Pending": {"Id": ""},
            "LvmThinPool": "tp_b2", "LvmLv": "", "SubType": 1
        },
        "b3": {
            "Info": {"id": "b3", "path": "/var/lib/heketi/mounts/vg_d3/brick_b3/brick",
                     "device": "d3", "node": "n3", "volume": "v1", "size": 163840},
            "TpSize": 163840, "PoolMetadataSize": 4096, "Pending": {"Id": ""},
            "LvmThinPool": "tp_b3", "LvmLv": "", "SubType": 2
        }
    },
    "nodeentries": {
        "n1": {"State": "online",
               "Info": {"zone": 1, "hostnames": {"manage": ["node1"], "storage": ["10.0.0.1"]},
                        "cluster": "c1", "tags": {"rack": "a"}, "id": "n1"},
               "Devices": ["d1"]},
        "n2": {"State": "offline",
               "Info": {"zone": 2, "hostnames": {"manage": ["node2"], "storage": ["10.0.0.2"]},
                        "cluster": "c1", "id": "n2"},
               "Devices": ["d2"]},
        "n3": {"State": "online",
               "Info": {"zone": 3, "hostnames": {"manage": ["node3"], "storage": ["10.0.0.3"]},
                        "cluster": "c1", "id": "n3"},
               "Devices": ["d3"]}
    },
    "deviceentries": {
        "d1": {"State": "online",
               "Info": {"name": "/dev/sdb", "storage": {"total": 524275712, "free": 513736704,
                        "used": 10539008}, "id": "d1", "paths": ["/dev/sdb"], "pv_uuid": "pv-1"},
               "Bricks": ["b1"], "NodeId": "n1", "ExtentSize": 4096},
        "d2": {"State": "failed",
               "Info": {"name": "/dev/sdb", "tags": {"tier": "gold"}, "storage": {"total": 524275712,
                        "free": 513736704, "used": 10539008}, "id": "d2"},
               "Bricks": ["b2"], "NodeId": "n2", "ExtentSize": 4096},
        "d3": {"State": "online",
               "Info": {"name": "/dev/vdc", "storage": {"total": 100, "free": 100, "used": 0},
                        "id": "d3"},
               "Bricks": ["b3"], "NodeId": "n3"}
    },
    "blockvolumeentries": {
        "bv1": {"Info": {"size": 1, "name": "blockvol_bv1", "hacount": 3, "auth": true, "id": "bv1",
                         "blockvolume": {"hosts": ["10.0.0.1"], "iqn": "iqn.2016-12.org.gluster-block:x",
                                         "lun": 0, "username": "u", "password": "p"},
                         "cluster": "c1", "blockhostingvolume": "v1", "usablesize": 1},
                "Pending": {"Id": ""}}
    },
    "dbattributeentries": {
        "DB_BRICK_HAS_SUBTYPE_FIELD": {"Key": "DB_BRICK_HAS_SUBTYPE_FIELD", "Value": "yes"},
        "DB_GENERATION_ID": {"Key": "DB_GENERATION_ID", "Value": "2c5f1a"}
    },
    "pendingoperations": {
        "op1": {"Id": "op1", "Timestamp": 1600000000, "Type": 1,
                "Actions": [{"Change": 2, "Id": "v2", "Delta": 0}], "Status": "stale"}
    }
}
)";

DumpData MustDecode(std::string_view text) {
  auto r = DecodeDump(text);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : DumpData{};
}

TEST(DumpDecodeTest, ReadsAHeketiExport) {
  DumpData d = MustDecode(kHeketiExport);

  ASSERT_EQ(d.clusters.size(), 2u);
  EXPECT_EQ(d.clusters[0].id, "c1");
  EXPECT_TRUE(d.clusters[0].block);
  // A cluster without flags allows both, as Heketi's upgrade sets them.
  EXPECT_TRUE(d.clusters[1].file);
  EXPECT_TRUE(d.clusters[1].block);
  EXPECT_EQ(d.cluster_nodes.at("c1"), (std::vector<std::string>{"n1", "n2", "n3"}));
  EXPECT_EQ(d.cluster_volumes.at("c1"), (std::vector<std::string>{"v1", "v2"}));
  EXPECT_EQ(d.cluster_blockvolumes.at("c1"), (std::vector<std::string>{"bv1"}));
  EXPECT_EQ(d.cluster_nodes.count("c2"), 0u);

  ASSERT_EQ(d.nodes.size(), 3u);
  const model::Node& n1 = d.nodes[0];
  EXPECT_EQ(n1.zone, 1);
  EXPECT_EQ(n1.manage_hostnames, (std::vector<std::string>{"node1"}));
  EXPECT_EQ(n1.storage_hostnames, (std::vector<std::string>{"10.0.0.1"}));
  EXPECT_EQ(n1.cluster_id, "c1");
  EXPECT_EQ(n1.tags, (model::Tags{{"rack", "a"}}));
  EXPECT_EQ(d.nodes[1].state, model::State::kOffline);
  EXPECT_EQ(d.node_devices.at("n2"), (std::vector<std::string>{"d2"}));

  ASSERT_EQ(d.devices.size(), 3u);
  const model::Device& d1 = d.devices[0];
  EXPECT_EQ(d1.name, "/dev/sdb");
  EXPECT_EQ(d1.node_id, "n1");
  EXPECT_EQ(d1.total_kib, 524275712);
  EXPECT_EQ(d1.free_kib, 513736704);
  EXPECT_EQ(d1.used_kib, 10539008);
  EXPECT_EQ(d1.paths, (std::vector<std::string>{"/dev/sdb"}));
  EXPECT_EQ(d1.pv_uuid, "pv-1");
  EXPECT_EQ(d1.extent_kib, 4096);
  EXPECT_EQ(d.devices[1].state, model::State::kFailed);
  EXPECT_EQ(d.devices[1].tags, (model::Tags{{"tier", "gold"}}));
  EXPECT_EQ(d.devices[2].extent_kib, 4096);  // absent -> default
  EXPECT_EQ(d.device_bricks.at("d3"), (std::vector<std::string>{"b3"}));

  ASSERT_EQ(d.bricks.size(), 3u);
  const model::Brick& b1 = d.bricks[0];
  EXPECT_EQ(b1.path, "/var/lib/heketi/mounts/vg_d1/brick_b1/brick");
  EXPECT_EQ(b1.device_id, "d1");
  EXPECT_EQ(b1.node_id, "n1");
  EXPECT_EQ(b1.volume_id, "v1");
  EXPECT_EQ(b1.size_kib, 10485760);
  EXPECT_EQ(b1.tp_size_kib, 10485760);
  EXPECT_EQ(b1.pool_meta_kib, 53248);
  EXPECT_EQ(b1.AccountedKib(), d1.used_kib);
  EXPECT_EQ(b1.role, model::BrickRole::kData);
  EXPECT_EQ(d.bricks[2].role, model::BrickRole::kArbiter);
  EXPECT_TRUE(d.brick_lv_names.empty());

  ASSERT_EQ(d.volumes.size(), 2u);
  const model::Volume& v1 = d.volumes[0];
  EXPECT_EQ(v1.name, "vol_v1");
  EXPECT_EQ(v1.size_gib, 10);
  EXPECT_EQ(v1.durability.type, model::DurabilityType::kReplicate);
  EXPECT_EQ(v1.durability.replica, 3);
  EXPECT_EQ(v1.gid, 2001);
  EXPECT_TRUE(v1.block);
  EXPECT_EQ(v1.options,
            (std::vector<std::string>{"", "group gluster-block", "user.heketi.arbiter true", ""}));
  EXPECT_EQ(v1.block_info.free_size, 8);
  EXPECT_EQ(v1.block_info.reserved_size, 1);
  EXPECT_EQ(v1.pending_op, "");
  EXPECT_EQ(d.volume_bricks.at("v1"), (std::vector<std::string>{"b1", "b2", "b3"}));
  EXPECT_EQ(d.volume_blockvolumes.at("v1"), (std::vector<std::string>{"bv1"}));
  const model::Volume& v2 = d.volumes[1];
  EXPECT_EQ(v2.durability.replica, 2);  // the effective replica is stored
  EXPECT_TRUE(v2.snapshot_enable);
  EXPECT_EQ(v2.snapshot_factor, 1.5);
  EXPECT_EQ(v2.pending_op, "op1");
  EXPECT_TRUE(v2.options.empty());

  ASSERT_EQ(d.blockvolumes.size(), 1u);
  const model::BlockVolume& bv = d.blockvolumes[0];
  EXPECT_EQ(bv.id, "bv1");
  EXPECT_EQ(bv.name, "blockvol_bv1");
  EXPECT_EQ(bv.size_gib, 1);
  EXPECT_EQ(bv.usable_size_gib, 1);
  EXPECT_EQ(bv.ha_count, 3);
  EXPECT_TRUE(bv.auth);
  EXPECT_EQ(bv.hosts, std::vector<std::string>{"10.0.0.1"});
  EXPECT_EQ(bv.iqn, "iqn.2016-12.org.gluster-block:x");
  EXPECT_EQ(bv.username, "u");
  EXPECT_EQ(bv.password, "p");
  EXPECT_EQ(bv.cluster_id, "c1");
  EXPECT_EQ(bv.hosting_volume_id, "v1");
  EXPECT_EQ(d.db_attributes.at("DB_GENERATION_ID"), "2c5f1a");

  ASSERT_EQ(d.ops.size(), 1u);
  const model::PendingOp& op = d.ops[0];
  EXPECT_EQ(op.id, "op1");
  EXPECT_EQ(op.timestamp, 1600000000);
  EXPECT_EQ(op.type, model::OpType::kCreateVolume);
  EXPECT_EQ(op.status, model::OpStatus::kStale);
  ASSERT_EQ(op.changes.size(), 1u);
  EXPECT_EQ(op.changes[0].change, model::ChangeType::kAddVolume);
  EXPECT_EQ(op.changes[0].id, "v2");
}

TEST(DumpDecodeTest, RoundTripIsStable) {
  DumpData d = MustDecode(kHeketiExport);
  std::string once = ToWireIndented(EncodeDump(d));
  DumpData again = MustDecode(once);
  EXPECT_EQ(ToWireIndented(EncodeDump(again)), once);
}

TEST(DumpEncodeTest, EntryShapes) {
  DumpData d = MustDecode(kHeketiExport);
  Json out = EncodeDump(d);
  std::vector<std::string> keys;
  for (auto it = out.begin(); it != out.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"clusterentries", "volumeentries", "brickentries",
                                            "nodeentries", "deviceentries", "blockvolumeentries",
                                            "dbattributeentries", "pendingoperations"}));
  EXPECT_EQ(ToWire(out["clusterentries"]["c1"]),
            R"({"Info":{"id":"c1","nodes":["n1","n2","n3"],"volumes":["v1","v2"],"block":true,)"
            R"("file":true,"blockvolumes":["bv1"]}})"
            "\n");
  EXPECT_EQ(ToWire(out["brickentries"]["b3"]),
            R"({"Info":{"id":"b3","path":"/var/lib/heketi/mounts/vg_d3/brick_b3/brick",)"
            R"("device":"d3","node":"n3","volume":"v1","size":163840},"TpSize":163840,)"
            R"("PoolMetadataSize":4096,"Pending":{"Id":""},"LvmThinPool":"tp_b3","LvmLv":"",)"
            R"("SubType":2,"SetIndex":0,"SetPosition":0})"
            "\n");
  EXPECT_EQ(ToWire(out["nodeentries"]["n1"]),
            R"({"State":"online","Info":{"zone":1,"hostnames":{"manage":["node1"],)"
            R"("storage":["10.0.0.1"]},"cluster":"c1","tags":{"rack":"a"},"id":"n1"},)"
            R"("Devices":["d1"]})"
            "\n");
  EXPECT_EQ(ToWire(out["deviceentries"]["d2"]),
            R"({"State":"failed","Info":{"name":"/dev/sdb","tags":{"tier":"gold"},)"
            R"("storage":{"total":524275712,"free":513736704,"used":10539008},"id":"d2"},)"
            R"("Bricks":["b2"],"NodeId":"n2","ExtentSize":4096})"
            "\n");
  // The mount section is recomputed from the cluster's nodes; the option list
  // sits beside Info, as in Heketi.
  EXPECT_EQ(ToWire(out["volumeentries"]["v2"]),
            R"({"Info":{"size":5,"name":"myvol",)"
            R"("durability":{"type":"replicate","replicate":{"replica":2},"disperse":{}},)"
            R"("snapshot":{"enable":true,"factor":1.5},"id":"v2","cluster":"c1",)"
            R"("mount":{"glusterfs":{"hosts":["10.0.0.1","10.0.0.2","10.0.0.3"],)"
            R"("device":"10.0.0.1:myvol","options":{"backup-volfile-servers":"10.0.0.2,10.0.0.3"}}},)"
            R"("blockinfo":{}},"Bricks":[],"GlusterVolumeOptions":[],"Pending":{"Id":"op1"}})"
            "\n");
  EXPECT_EQ(ToWire(out["dbattributeentries"]["DB_GENERATION_ID"]),
            R"({"Key":"DB_GENERATION_ID","Value":"2c5f1a"})"
            "\n");
  EXPECT_EQ(ToWire(out["pendingoperations"]["op1"]),
            R"({"Id":"op1","Timestamp":1600000000,"Type":1,)"
            R"("Actions":[{"Change":2,"Id":"v2","Delta":0}],"Status":"stale"})"
            "\n");
  EXPECT_EQ(ToWire(out["blockvolumeentries"]["bv1"]),
            R"({"Info":{"size":1,"name":"blockvol_bv1","hacount":3,"auth":true,"id":"bv1",)"
            R"("blockvolume":{"hosts":["10.0.0.1"],"iqn":"iqn.2016-12.org.gluster-block:x",)"
            R"("lun":0,"username":"u","password":"p"},"cluster":"c1","blockhostingvolume":"v1",)"
            R"("usablesize":1},"Pending":{"Id":""}})"
            "\n");
}

TEST(DumpEncodeTest, EmptyDump) {
  EXPECT_EQ(ToWireIndented(EncodeDump(DumpData{})),
            "{\n"
            "    \"clusterentries\": {},\n"
            "    \"volumeentries\": {},\n"
            "    \"brickentries\": {},\n"
            "    \"nodeentries\": {},\n"
            "    \"deviceentries\": {},\n"
            "    \"blockvolumeentries\": {},\n"
            "    \"dbattributeentries\": {},\n"
            "    \"pendingoperations\": {}\n"
            "}\n");
}

// Builds a small topology the way a Brickyard store would hand it over.
DumpData BrickyardData() {
  DumpData d;
  model::Cluster c;
  c.id = "c1";
  c.name = "prod";
  c.block = false;
  d.clusters.push_back(c);
  model::Node n;
  n.id = "n1";
  n.cluster_id = "c1";
  n.zone = 2;
  n.manage_hostnames = {"m1"};
  n.storage_hostnames = {"s1"};
  d.nodes.push_back(n);
  model::Device dev;
  dev.id = "d1";
  dev.node_id = "n1";
  dev.name = "/dev/sdc";
  dev.total_kib = 1000;
  dev.free_kib = 900;
  dev.used_kib = 100;
  d.devices.push_back(dev);
  model::Volume v;
  v.id = "v1";
  v.cluster_id = "c1";
  v.name = "data";
  v.size_gib = 1;
  v.durability = {model::DurabilityType::kDisperse, 0, 4, 2};
  v.options = {"performance.readdir-ahead off"};
  d.volumes.push_back(v);
  for (int i = 0; i < 2; ++i) {
    model::Brick b;
    b.id = "b" + std::to_string(i);
    b.volume_id = "v1";
    b.device_id = "d1";
    b.node_id = "n1";
    b.size_kib = 50;
    b.tp_size_kib = 48;
    b.pool_meta_kib = 2;
    b.set_index = 1;
    b.set_position = i;
    b.pending_op = i ? "op9" : "";
    d.bricks.push_back(b);
  }
  d.brick_lv_names["b1"] = {"tp_b0", "3f9a_0"};
  model::PendingOp op{"op9", model::OpType::kExpandVolume, 7, model::OpStatus::kNew,
                      {{model::ChangeType::kExpandVolume, "v1", 3},
                       {model::ChangeType::kAddBrick, "b1", 0}}};
  d.ops.push_back(op);
  d.db_attributes["DB_HAS_PENDING_OPS_BUCKET"] = "yes";
  LinkByReferences(&d);
  return d;
}

TEST(DumpRoundTripTest, BrickyardDataSurvives) {
  DumpData d = BrickyardData();
  DumpData back = MustDecode(ToWireIndented(EncodeDump(d)));
  ASSERT_EQ(back.clusters.size(), 1u);
  EXPECT_EQ(back.clusters[0].name, "prod");
  EXPECT_FALSE(back.clusters[0].block);
  EXPECT_TRUE(back.clusters[0].file);
  ASSERT_EQ(back.nodes.size(), 1u);
  EXPECT_EQ(back.nodes[0].zone, 2);
  ASSERT_EQ(back.devices.size(), 1u);
  EXPECT_EQ(back.devices[0].free_kib, 900);
  ASSERT_EQ(back.volumes.size(), 1u);
  EXPECT_EQ(back.volumes[0].durability.type, model::DurabilityType::kDisperse);
  EXPECT_EQ(back.volumes[0].durability.data, 4);
  EXPECT_EQ(back.volumes[0].durability.redundancy, 2);
  EXPECT_EQ(back.volumes[0].options, d.volumes[0].options);
  ASSERT_EQ(back.bricks.size(), 2u);
  EXPECT_EQ(back.bricks[1].set_index, 1);
  EXPECT_EQ(back.bricks[1].set_position, 1);
  EXPECT_EQ(back.bricks[1].pending_op, "op9");
  EXPECT_EQ(back.brick_lv_names.size(), 1u);
  EXPECT_EQ(back.brick_lv_names.at("b1").thin_pool, "tp_b0");
  EXPECT_EQ(back.brick_lv_names.at("b1").lv, "3f9a_0");
  ASSERT_EQ(back.ops.size(), 1u);
  EXPECT_EQ(back.ops[0].type, model::OpType::kExpandVolume);
  ASSERT_EQ(back.ops[0].changes.size(), 2u);
  EXPECT_EQ(back.ops[0].changes[0].delta, 3);
  EXPECT_EQ(back.cluster_nodes, d.cluster_nodes);
  EXPECT_EQ(back.cluster_volumes, d.cluster_volumes);
  EXPECT_EQ(back.node_devices, d.node_devices);
  EXPECT_EQ(back.device_bricks, d.device_bricks);
  EXPECT_EQ(back.volume_bricks, d.volume_bricks);
  EXPECT_EQ(back.db_attributes, d.db_attributes);
  EXPECT_EQ(ToWireIndented(EncodeDump(back)), ToWireIndented(EncodeDump(d)));
}

TEST(DumpRoundTripTest, NamedClusterInfo) {
  Json out = EncodeDump(BrickyardData());
  EXPECT_EQ(ToWire(out["clusterentries"]["c1"]),
            R"({"Info":{"id":"c1","name":"prod","nodes":["n1"],"volumes":["v1"],"block":false,)"
            R"("file":true,"blockvolumes":[]}})"
            "\n");
}

TEST(LinkByReferencesTest, RebuildsEveryList) {
  DumpData d = MustDecode(kHeketiExport);
  DumpData linked = d;
  LinkByReferences(&linked);
  EXPECT_EQ(linked.cluster_nodes, d.cluster_nodes);
  EXPECT_EQ(linked.cluster_volumes, d.cluster_volumes);
  EXPECT_EQ(linked.cluster_blockvolumes, d.cluster_blockvolumes);
  EXPECT_EQ(linked.node_devices, d.node_devices);
  EXPECT_EQ(linked.device_bricks, d.device_bricks);
  EXPECT_EQ(linked.volume_bricks, d.volume_bricks);
  EXPECT_EQ(linked.volume_blockvolumes, d.volume_blockvolumes);
}

TEST(DumpDecodeTest, Errors) {
  EXPECT_EQ(DecodeDump("").status().code(), Code::kUnparsable);
  EXPECT_EQ(DecodeDump("{").status().code(), Code::kUnparsable);
  EXPECT_EQ(DecodeDump("[]").status().code(), Code::kUnparsable);
  EXPECT_EQ(DecodeDump(R"({"nodeentries":{"n":{"Info":{"zone":"1"}}}})").status().code(),
            Code::kUnparsable);
  EXPECT_EQ(DecodeDump(R"({"blockvolumeentries":{"x":1}})").status().code(), Code::kUnparsable);
  EXPECT_EQ(DecodeDump(R"({"nodeentries":{"n":{"State":"gone"}}})").status(),
            InvalidArgument("node n: unknown state \"gone\""));
  EXPECT_EQ(DecodeDump(R"({"volumeentries":{"v":{"Info":{"durability":{"type":"raid"}}}}})")
                .status(),
            InvalidArgument("volume v: unknown durability type \"raid\""));
  EXPECT_EQ(DecodeDump(R"({"brickentries":{"b":{"SubType":3}}})").status(),
            InvalidArgument("brick b: unknown SubType 3"));
  EXPECT_EQ(DecodeDump(R"({"pendingoperations":{"o":{"Type":42}}})").status(),
            InvalidArgument("pending operation o: unknown type 42"));
  EXPECT_EQ(DecodeDump(R"({"pendingoperations":{"o":{"Actions":[{"Change":99}]}}})").status(),
            InvalidArgument("pending operation o: unknown change 99"));
  EXPECT_EQ(DecodeDump(R"({"pendingoperations":{"o":{"Status":"done"}}})").status(),
            InvalidArgument("pending operation o: unknown status \"done\""));
}

TEST(DumpDecodeTest, OldDatabasesWithoutSubTypeAndEmptyState) {
  DumpData d = MustDecode(R"({"brickentries":{"b":{"Info":{"id":"b"}}},
                              "nodeentries":{"n":{"State":"","Info":{"id":"n"}}}})");
  ASSERT_EQ(d.bricks.size(), 1u);
  EXPECT_EQ(d.bricks[0].role, model::BrickRole::kData);
  EXPECT_TRUE(d.brick_lv_names.empty());
  ASSERT_EQ(d.nodes.size(), 1u);
  EXPECT_EQ(d.nodes[0].state, model::State::kOnline);
}

TEST(DumpDecodeTest, AnIdThatIsNotItsKeyIsRefused) {
  EXPECT_EQ(DecodeDump(R"({"clusterentries":{"c9":{"Info":{"id":"c8"}}}})").status(),
            InvalidArgument("cluster c9: entry has id c8"));
  EXPECT_EQ(DecodeDump(R"({"blockvolumeentries":{"b":{"Info":{"id":"x"}}}})").status(),
            InvalidArgument("block volume b: entry has id x"));
}

TEST(DumpDecodeTest, MissingIdsComeFromMapKeys) {
  DumpData d = MustDecode(R"({"clusterentries":{"c9":{"Info":{}}}})");
  ASSERT_EQ(d.clusters.size(), 1u);
  EXPECT_EQ(d.clusters[0].id, "c9");
}

}  // namespace
}  // namespace brickyard::api
