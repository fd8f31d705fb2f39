// The mock's inspection answers and drift hooks.
#include <gtest/gtest.h>

#include "executors/commands/naming.h"
#include "executors/mock/mock_executor.h"

namespace brickyard::executors {
namespace {

constexpr char kDev[] = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kBrick[] = "11112222333344445555666677778888";

BrickRequest Brick() {
  BrickRequest b;
  b.device_id = kDev;
  b.brick_id = kBrick;
  b.lv_name = commands::BrickLvName(kBrick);
  b.tp_name = commands::ThinPoolName(kBrick);
  b.size_kib = 1048576;
  b.tp_size_kib = 1048576;
  b.pool_meta_kib = 8192;
  b.path = commands::BrickPath(kDev, kBrick);
  return b;
}

class MockInspectTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_.BrickCreate("h1", Brick()).ok());
    VolumeRequest v;
    v.name = "vol1";
    v.bricks = {{"s1", Brick().path}};
    ASSERT_TRUE(m_.VolumeCreate("h1", v).ok());
  }
  MockExecutor m_;
};

TEST_F(MockInspectTest, ACreatedBrickIsSeenWhole) {
  auto lvs = m_.BrickLvs("h1");
  ASSERT_TRUE(lvs.ok());
  ASSERT_EQ(lvs->size(), 2u);
  EXPECT_EQ((*lvs)[0].pool, Brick().tp_name);
  EXPECT_TRUE((*lvs)[1].thin_pool);
  EXPECT_EQ((*lvs)[1].metadata_kib, 8192);
  EXPECT_EQ(m_.BrickMounts("h1")->size(), 1u);
  EXPECT_EQ(m_.FstabBricks("h1")->front().mount_point, *commands::MountPointOf(Brick().path));
  EXPECT_EQ(m_.BrickDirs("h1")->size(), 1u);
  EXPECT_TRUE(m_.BrickLvs("h2")->empty());
  auto status = m_.VolumeStatus("h1", "vol1");
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(status->size(), 1u);
  EXPECT_TRUE(status->front().online);
  EXPECT_EQ(status->front().host, "s1");
}

TEST_F(MockInspectTest, DriftAndRepairs) {
  m_.UnmountBrick(kBrick);
  EXPECT_TRUE(m_.BrickMounts("h1")->empty());
  EXPECT_FALSE(m_.VolumeStatus("h1", "vol1")->front().online);
  ASSERT_TRUE(m_.BrickRemount("h1", Brick()).ok());
  EXPECT_FALSE(m_.VolumeStatus("h1", "vol1")->front().online) << "the process needs a start";
  ASSERT_TRUE(m_.VolumeStart("h1", "vol1", /*force=*/true).ok());
  EXPECT_TRUE(m_.VolumeStatus("h1", "vol1")->front().online);

  m_.DropBrickStorage(kBrick);
  EXPECT_TRUE(m_.BrickLvs("h1")->empty());
  EXPECT_EQ(m_.BrickRemount("h1", Brick()).code(), Code::kNotFound);
  EXPECT_EQ(m_.VolumeResetBrick("h1", "vol1", {"s1", Brick().path}).code(), Code::kInternal);

  m_.StopVolume("vol1");
  EXPECT_EQ(m_.VolumesInfo("h1")->front().status_str, "Stopped");
  EXPECT_TRUE(m_.VolumeStatus("h1", "vol1")->empty());
  ASSERT_TRUE(m_.VolumeStart("h1", "vol1", false).ok());
  EXPECT_EQ(m_.VolumeStart("h1", "vol1", false).code(), Code::kConflict);
  EXPECT_EQ(m_.VolumeStart("h1", "nosuch", false).code(), Code::kNotFound);
  EXPECT_TRUE(m_.VolumeHealFull("h1", "vol1").ok());
  EXPECT_EQ(m_.HealsStarted(), 1);
}

TEST_F(MockInspectTest, DownHostAnswersNothingAndPeersFollowProbes) {
  ASSERT_TRUE(m_.PeerProbe("h1", "s2").ok());
  auto peers = m_.PeerStatus("h1");
  ASSERT_TRUE(peers.ok());
  ASSERT_EQ(peers->size(), 1u);
  EXPECT_EQ(peers->front().hostname, "s2");
  m_.SetHostDown("h1", true);
  EXPECT_EQ(m_.BrickLvs("h1").status().code(), Code::kUnavailable);
  EXPECT_EQ(m_.VolumesInfo("h1").status().code(), Code::kUnavailable);
  EXPECT_EQ(m_.PeerStatus("h1").status().code(), Code::kUnavailable);
  m_.SetHostDown("h1", false);
  ASSERT_TRUE(m_.PeerDetach("h1", "s2").ok());
  EXPECT_TRUE(m_.PeerStatus("h1")->empty());
}

}  // namespace
}  // namespace brickyard::executors
