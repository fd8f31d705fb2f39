// PrepareImport on small exports built in code; the full Heketi export is
// exercised by src/server/db_transfer_test.cc.
#include "ops/dump_import.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace brickyard::ops {
namespace {

std::string Id(char c) { return std::string(32, c); }

// One cluster, three nodes with a device each, a replica-3 block-hosting
// volume of 10 GiB holding one 2 GiB block volume.
api::DumpData Valid() {
  api::DumpData d;
  model::Cluster c;
  c.id = Id('c');
  d.clusters.push_back(c);
  const int64_t brick = 10 * 1024 * 1024;
  model::Volume v;
  v.id = Id('f');
  v.cluster_id = c.id;
  v.name = "bhv";
  v.size_gib = 10;
  v.durability = {model::DurabilityType::kReplicate, 3, 0, 0};
  v.block = true;
  v.block_info = {7, 1, ""};
  d.volumes.push_back(v);
  for (int i = 0; i < 3; ++i) {
    model::Node n;
    n.id = Id(static_cast<char>('1' + i));
    n.cluster_id = c.id;
    n.manage_hostnames = {"node" + std::to_string(i)};
    n.storage_hostnames = {"10.0.0." + std::to_string(i + 1)};
    d.nodes.push_back(n);
    model::Device dev;
    dev.id = Id(static_cast<char>('4' + i));
    dev.node_id = n.id;
    dev.name = "/dev/vdb";
    dev.total_kib = 100 * brick;
    dev.used_kib = brick + 53248;
    dev.free_kib = dev.total_kib - dev.used_kib;
    d.devices.push_back(dev);
    model::Brick b;
    b.id = Id(static_cast<char>('7' + i));
    b.volume_id = v.id;
    b.device_id = dev.id;
    b.node_id = n.id;
    b.path = "/var/lib/heketi/mounts/vg_" + dev.id + "/brick_" + b.id + "/brick";
    b.size_kib = brick;
    b.tp_size_kib = brick;
    b.pool_meta_kib = 53248;
    d.bricks.push_back(b);
  }
  model::BlockVolume bv;
  bv.id = Id('b');
  bv.name = "blk";
  bv.size_gib = 2;
  bv.cluster_id = c.id;
  bv.hosting_volume_id = v.id;
  bv.hosts = {"10.0.0.1"};
  d.blockvolumes.push_back(bv);
  api::LinkByReferences(&d);
  return d;
}

bool Mentions(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

TEST(PrepareImportTest, AValidExportPassesAndGetsASetOrder) {
  api::DumpData d = Valid();
  ImportReport r = PrepareImport(&d);
  EXPECT_TRUE(r.ok()) << r.errors.front();
  EXPECT_EQ(r.counts.front(), (std::pair<std::string, int64_t>{"clusters", 1}));
  EXPECT_TRUE(Mentions(r.warnings, "no brick set order"));
  for (size_t i = 0; i < d.bricks.size(); ++i) {
    EXPECT_EQ(d.bricks[i].set_index, 0);
    EXPECT_EQ(d.bricks[i].set_position, static_cast<int64_t>(i));
  }
}

TEST(PrepareImportTest, AnExportWithASetOrderKeepsIt) {
  api::DumpData d = Valid();
  d.bricks[0].set_position = 2;
  d.bricks[2].set_position = 0;
  ImportReport r = PrepareImport(&d);
  EXPECT_TRUE(r.ok());
  EXPECT_FALSE(Mentions(r.warnings, "no brick set order"));
  EXPECT_EQ(d.bricks[0].set_position, 2);
}

TEST(PrepareImportTest, LinksAreCheckedBothWays) {
  api::DumpData d = Valid();
  d.cluster_blockvolumes.clear();
  ImportReport r = PrepareImport(&d);
  EXPECT_TRUE(Mentions(r.errors, "block volume " + Id('b') + " names cluster " + Id('c') +
                                     ", which does not list it in blockvolumes"));

  d = Valid();
  d.volume_blockvolumes[Id('f')].push_back(Id('e'));
  r = PrepareImport(&d);
  EXPECT_TRUE(Mentions(r.errors, "lists block volume " + Id('e') +
                                     " in blockinfo.blockvolume, which is not in the export"));

  d = Valid();
  d.blockvolumes[0].hosting_volume_id = Id('e');
  r = PrepareImport(&d);
  EXPECT_TRUE(Mentions(r.errors, "names volume " + Id('e') + ", which is not in the export"));
}

TEST(PrepareImportTest, ABrickOnAnotherNodesDeviceIsAnError) {
  api::DumpData d = Valid();
  d.bricks[0].node_id = d.nodes[1].id;
  api::LinkByReferences(&d);
  EXPECT_TRUE(Mentions(PrepareImport(&d).errors, "but its device"));
}

TEST(PrepareImportTest, BlockVolumesNeedABlockHostingVolume) {
  api::DumpData d = Valid();
  d.volumes[0].block = false;
  EXPECT_TRUE(Mentions(PrepareImport(&d).errors, "hosts block volumes but is not a block"));
}

TEST(PrepareImportTest, DuplicateNamesAreErrors) {
  api::DumpData d = Valid();
  model::BlockVolume twin = d.blockvolumes[0];
  twin.id = Id('a');
  d.blockvolumes.push_back(twin);
  d.volumes[0].block_info.free_size -= 2;
  api::LinkByReferences(&d);
  EXPECT_TRUE(Mentions(PrepareImport(&d).errors, "are both named blk"));
}

TEST(PrepareImportTest, IdsMustBeHeketiIds) {
  api::DumpData d = Valid();
  d.clusters[0].id = "c1";
  for (auto& n : d.nodes) n.cluster_id = "c1";
  for (auto& v : d.volumes) v.cluster_id = "c1";
  for (auto& b : d.blockvolumes) b.cluster_id = "c1";
  api::LinkByReferences(&d);
  ImportReport r = PrepareImport(&d);
  EXPECT_EQ(r.errors.size(), 1u) << r.errors.front();
  EXPECT_TRUE(Mentions(r.errors, "cluster c1"));
}

TEST(PrepareImportTest, PendingOperationsAreImportedWithAWarning) {
  api::DumpData d = Valid();
  model::PendingOp op;
  op.id = Id('9');
  op.type = model::OpType::kCreateBlockVolume;
  op.changes.push_back({model::ChangeType::kAddBlockVolume, Id('b'), 0});
  op.changes.push_back({model::ChangeType::kAddBrick, Id('d'), 0});
  d.ops.push_back(op);
  d.blockvolumes[0].pending_op = op.id;
  ImportReport r = PrepareImport(&d);
  EXPECT_TRUE(r.ok()) << r.errors.front();
  EXPECT_TRUE(Mentions(r.warnings, "create-block-volume) is imported unfinished"));
  EXPECT_TRUE(Mentions(r.warnings, "changes " + Id('d') + ", which is not in the export"));
}

TEST(PrepareImportTest, AttributesMustBeKnown) {
  api::DumpData d = Valid();
  d.db_attributes["DB_GENERATION_ID"] = "x";
  d.db_attributes["SOMETHING_ELSE"] = "y";
  ImportReport r = PrepareImport(&d);
  EXPECT_EQ(r.errors, std::vector<std::string>{"unknown db attribute SOMETHING_ELSE"});
}

}  // namespace
}  // namespace brickyard::ops
