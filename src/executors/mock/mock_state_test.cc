#include "executors/mock/mock_state.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "executors/mock/mock_executor.h"

namespace brickyard::executors {
namespace {

class MockStateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/brickyard-mockstate-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/mock.json";
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string dir_, path_;
};

TEST_F(MockStateTest, MissingFileIsEmpty) {
  auto s = LoadMockState(path_);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->bricks.empty() && s->devices.empty() && s->volumes.empty());
}

TEST_F(MockStateTest, GarbageIsAnError) {
  std::ofstream(path_) << "{not json";
  EXPECT_EQ(LoadMockState(path_).status().code(), Code::kInternal);
}

TEST_F(MockStateTest, ExecutorStateSurvivesARestart) {
  VolumeRequest vr;
  vr.name = "vol1";
  vr.id = "id1";
  vr.kind = VolumeRequest::Kind::kReplica;
  vr.replica = 3;
  vr.arbiter = true;
  vr.bricks = {{"h1", "/b1"}, {"h2", "/b2"}, {"h3", "/b3"}};
  {
    MockExecutor m(500, 0, path_);
    ASSERT_TRUE(m.DeviceSetup("h1", "/dev/sdb", "d1", false).ok());
    BrickRequest b;
    b.brick_id = "brick1";
    ASSERT_TRUE(m.BrickCreate("h1", b).ok());
    b.brick_id = "brick2";
    ASSERT_TRUE(m.BrickCreate("h1", b).ok());
    ASSERT_TRUE(m.BrickDestroy("h1", b).ok());
    ASSERT_TRUE(m.VolumeCreate("h1", vr).ok());
  }
  MockExecutor again(500, 0, path_);
  EXPECT_EQ(again.DeviceCount(), 1u);
  EXPECT_EQ(again.BrickCount(), 1u);
  EXPECT_EQ(again.VolumeCount(), 1u);
  auto info = again.VolumeInfo("h1", "vol1");
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(info->bricks.size(), 3u);
  EXPECT_EQ(info->bricks[2].name, "h3:/b3");
  EXPECT_TRUE(info->bricks[2].is_arbiter);
  EXPECT_EQ(info->replica_count, 3);
  EXPECT_EQ(again.DeviceSetup("h1", "/dev/sdb", "d1", false).status().code(), Code::kConflict);
  ASSERT_TRUE(again.VolumeDestroy("h1", "vol1").ok());
  EXPECT_EQ(MockExecutor(500, 0, path_).VolumeCount(), 0u);
}

// A state with every field set to a value other than its default.
MockNodeState FullState() {
  MockNodeState s;
  s.devices = {"h1|/dev/sdb", "h2|/dev/sdc"};
  s.bricks = {"brick1", "brick2"};
  commands::GlusterVolume v;
  v.name = "vol1";
  v.id = "6f2a-uuid";
  v.status = 2;
  v.status_str = "Stopped";
  v.brick_count = 2;
  v.dist_count = 1;
  v.stripe_count = 1;
  v.replica_count = 2;
  v.arbiter_count = 1;
  v.disperse_count = 3;
  v.redundancy_count = 1;
  v.type = 2;
  v.type_str = "Replicate";
  v.transport = 1;
  v.bricks = {{"s1:/b1", "uuid-1", false}, {"s2:/b2", "uuid-2", true}};
  v.opt_count = 2;
  v.options = {{"performance.readdir-ahead", "on"}, {"user.heketi.id", "abc"}};
  s.volumes["vol1"] = v;
  MockPlacedBrick b;
  b.host = "h1";
  b.req = {"dev1", "brick1", "tp_brick1", "brick_brick1", 1024, 2048, 16, 2001, "/m/b/brick", true};
  b.lv = true;
  b.mounted = false;
  b.fstab = true;
  b.dir = false;
  b.process = false;
  s.placed["brick1"] = b;
  s.pool = {"h1", "h2"};
  s.heals = 3;
  commands::BlockState blk;
  blk.name = "blk1";
  blk.hosting_volume = "vol1";
  blk.gbid = "gb-1";
  blk.size_gib = 5;
  blk.ha_count = 2;
  blk.password = "pw";
  blk.exported_on = {"s1", "s2"};
  blk.resize_failed_min_gib = 4;
  s.block_volumes["vol1/blk1"] = blk;
  return s;
}

void ExpectSameVolume(const commands::GlusterVolume& a, const commands::GlusterVolume& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.status_str, b.status_str);
  EXPECT_EQ(a.brick_count, b.brick_count);
  EXPECT_EQ(a.dist_count, b.dist_count);
  EXPECT_EQ(a.stripe_count, b.stripe_count);
  EXPECT_EQ(a.replica_count, b.replica_count);
  EXPECT_EQ(a.arbiter_count, b.arbiter_count);
  EXPECT_EQ(a.disperse_count, b.disperse_count);
  EXPECT_EQ(a.redundancy_count, b.redundancy_count);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.type_str, b.type_str);
  EXPECT_EQ(a.transport, b.transport);
  ASSERT_EQ(a.bricks.size(), b.bricks.size());
  for (size_t i = 0; i < a.bricks.size(); ++i) {
    EXPECT_EQ(a.bricks[i].name, b.bricks[i].name);
    EXPECT_EQ(a.bricks[i].host_uuid, b.bricks[i].host_uuid);
    EXPECT_EQ(a.bricks[i].is_arbiter, b.bricks[i].is_arbiter);
  }
  EXPECT_EQ(a.opt_count, b.opt_count);
  EXPECT_EQ(a.options, b.options);
}

void ExpectSamePlaced(const MockPlacedBrick& a, const MockPlacedBrick& b) {
  EXPECT_EQ(a.host, b.host);
  EXPECT_EQ(a.req.device_id, b.req.device_id);
  EXPECT_EQ(a.req.brick_id, b.req.brick_id);
  EXPECT_EQ(a.req.tp_name, b.req.tp_name);
  EXPECT_EQ(a.req.lv_name, b.req.lv_name);
  EXPECT_EQ(a.req.size_kib, b.req.size_kib);
  EXPECT_EQ(a.req.tp_size_kib, b.req.tp_size_kib);
  EXPECT_EQ(a.req.pool_meta_kib, b.req.pool_meta_kib);
  EXPECT_EQ(a.req.gid, b.req.gid);
  EXPECT_EQ(a.req.path, b.req.path);
  EXPECT_EQ(a.req.arbiter, b.req.arbiter);
  EXPECT_EQ(a.lv, b.lv);
  EXPECT_EQ(a.mounted, b.mounted);
  EXPECT_EQ(a.fstab, b.fstab);
  EXPECT_EQ(a.dir, b.dir);
  EXPECT_EQ(a.process, b.process);
}

void ExpectSameBlock(const commands::BlockState& a, const commands::BlockState& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.hosting_volume, b.hosting_volume);
  EXPECT_EQ(a.gbid, b.gbid);
  EXPECT_EQ(a.size_gib, b.size_gib);
  EXPECT_EQ(a.ha_count, b.ha_count);
  EXPECT_EQ(a.password, b.password);
  EXPECT_EQ(a.exported_on, b.exported_on);
  EXPECT_EQ(a.resize_failed_min_gib, b.resize_failed_min_gib);
}

TEST_F(MockStateTest, EveryFieldRoundTrips) {
  const MockNodeState want = FullState();
  ASSERT_TRUE(SaveMockState(path_, want).ok());
  auto got = LoadMockState(path_);
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(got->devices, want.devices);
  EXPECT_EQ(got->bricks, want.bricks);
  ASSERT_EQ(got->volumes.size(), 1u);
  ExpectSameVolume(got->volumes.at("vol1"), want.volumes.at("vol1"));
  ASSERT_EQ(got->placed.size(), 1u);
  ExpectSamePlaced(got->placed.at("brick1"), want.placed.at("brick1"));
  EXPECT_EQ(got->pool, want.pool);
  EXPECT_EQ(got->heals, want.heals);
  ASSERT_EQ(got->block_volumes.size(), 1u);
  ExpectSameBlock(got->block_volumes.at("vol1/blk1"), want.block_volumes.at("vol1/blk1"));
}

// A file as the first format wrote it: no version, no inspection sections.
TEST_F(MockStateTest, VersionOneFileLoads) {
  std::ofstream(path_) << R"({"devices":["h1|/dev/sdb"],"bricks":["brick1"],
    "volumes":{"vol1":{"id":"id1","status":1,"status_str":"Started","replica_count":2,
    "arbiter_count":0,"disperse_count":0,"redundancy_count":0,"dist_count":2,
    "bricks":["h1:/b1","h2:/b2"],"arbiters":[false,false]}}})";
  auto s = LoadMockState(path_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->devices.size(), 1u);
  EXPECT_EQ(s->bricks.count("brick1"), 1u);
  ASSERT_EQ(s->volumes.count("vol1"), 1u);
  const auto& v = s->volumes.at("vol1");
  EXPECT_EQ(v.brick_count, 2);
  EXPECT_EQ(v.bricks[1].name, "h2:/b2");
  EXPECT_EQ(v.replica_count, 2);
  EXPECT_TRUE(s->placed.empty());
  EXPECT_TRUE(s->pool.empty());
  EXPECT_EQ(s->heals, 0);
  EXPECT_TRUE(s->block_volumes.empty());
  MockExecutor m(500, 0, path_);
  EXPECT_EQ(m.BrickCount(), 1u);
  EXPECT_EQ(m.VolumeInfo("h1", "vol1")->bricks.size(), 2u);
}

TEST_F(MockStateTest, MissingSectionsAreEmpty) {
  std::ofstream(path_) << R"({"version":2,"pool":["h1"]})";
  auto s = LoadMockState(path_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(s->devices.empty() && s->bricks.empty() && s->volumes.empty());
  EXPECT_EQ(s->pool.size(), 1u);
}

TEST_F(MockStateTest, NewerVersionOrNonObjectIsAnError) {
  std::ofstream(path_) << R"({"version":99})";
  EXPECT_EQ(LoadMockState(path_).status().code(), Code::kInternal);
  std::ofstream(path_, std::ios::trunc) << "[]";
  EXPECT_EQ(LoadMockState(path_).status().code(), Code::kInternal);
}

TEST_F(MockStateTest, SavedFileCarriesTheVersion) {
  ASSERT_TRUE(SaveMockState(path_, MockNodeState{}).ok());
  std::ifstream in(path_);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("\"version\": " + std::to_string(kMockStateVersion)), std::string::npos);
}

// Inspection answers after a restart are those before it.
TEST_F(MockStateTest, InspectionStateSurvivesARestart) {
  BrickRequest b;
  b.device_id = "dev1";
  b.brick_id = "brick1";
  b.lv_name = "brick_brick1";
  b.tp_name = "tp_brick1";
  b.size_kib = 1024;
  b.tp_size_kib = 1024;
  b.path = "/var/lib/heketi/mounts/vg_dev1/brick_brick1/brick";
  BlockVolumeRequest br;
  br.hosting_volume = "vol1";
  br.name = "blk1";
  br.size_gib = 2;
  br.hosts = {"s1"};
  {
    MockExecutor m(500, 0, path_);
    ASSERT_TRUE(m.PeerProbe("h1", "h2").ok());
    ASSERT_TRUE(m.BrickCreate("h1", b).ok());
    VolumeRequest vr;
    vr.name = "vol1";
    vr.bricks = {{"s1", b.path}};
    ASSERT_TRUE(m.VolumeCreate("h1", vr).ok());
    ASSERT_TRUE(m.BlockVolumeCreate("h1", br).ok());
    ASSERT_TRUE(m.VolumeHealFull("h1", "vol1").ok());
    m.UnmountBrick("brick1");
    m.StopVolume("vol1");
    m.SetHostDown("h2", true);
  }
  MockExecutor again(500, 0, path_);
  EXPECT_EQ(again.PeerStatus("h1")->size(), 1u);
  EXPECT_TRUE(again.PeerStatus("h1")->front().connected);  // down hosts are not kept
  EXPECT_EQ(again.HealsStarted(), 1);
  EXPECT_EQ(again.BlockVolumeCount(), 1u);
  EXPECT_EQ(again.BlockVolumeInfo("h1", "vol1", "blk1")->size_gib, 2);
  EXPECT_EQ(again.BrickLvs("h1")->size(), 2u);
  EXPECT_TRUE(again.BrickMounts("h1")->empty());
  EXPECT_EQ(again.FstabBricks("h1")->size(), 1u);
  EXPECT_EQ(again.VolumeInfo("h1", "vol1")->status_str, "Stopped");
  ASSERT_TRUE(again.BrickRemount("h1", b).ok());
  EXPECT_EQ(MockExecutor(500, 0, path_).BrickMounts("h1")->size(), 1u);
}

}  // namespace
}  // namespace brickyard::executors
