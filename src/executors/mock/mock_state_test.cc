#include "executors/mock/mock_state.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

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

}  // namespace
}  // namespace brickyard::executors
