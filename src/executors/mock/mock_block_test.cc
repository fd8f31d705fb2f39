#include <gtest/gtest.h>

#include "executors/mock/mock_executor.h"

namespace brickyard::executors {
namespace {

VolumeRequest Hosting() {
  VolumeRequest v;
  v.name = "bhv";
  v.id = std::string(32, 'a');
  v.kind = VolumeRequest::Kind::kReplica;
  v.replica = 3;
  v.bricks = {{"h1", "/b/1"}, {"h2", "/b/2"}, {"h3", "/b/3"}};
  return v;
}

BlockVolumeRequest Block(bool auth) {
  BlockVolumeRequest r;
  r.hosting_volume = "bhv";
  r.name = "bv";
  r.ha_count = 3;
  r.auth = auth;
  r.hosts = {"h1", "h2", "h3"};
  r.size_gib = 5;
  return r;
}

TEST(MockBlockTest, CreateInfoExpandDelete) {
  MockExecutor mock;
  ASSERT_TRUE(mock.VolumeCreate("h1", Hosting()).ok());
  auto made = mock.BlockVolumeCreate("h1", Block(true));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->iqn.rfind("iqn.2016-12.org.gluster-block:", 0), 0u);
  EXPECT_FALSE(made->username.empty());
  EXPECT_FALSE(made->password.empty());
  EXPECT_EQ(mock.BlockVolumeCount(), 1u);
  EXPECT_EQ(mock.BlockVolumeCreate("h1", Block(true)).status().code(), Code::kInternal);

  ASSERT_TRUE(mock.BlockVolumeExpand("h2", "bhv", "bv", 8).ok());
  auto info = mock.BlockVolumeInfo("h3", "bhv", "bv");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->size_gib, 8);
  EXPECT_EQ(info->Iqn(), made->iqn);

  ASSERT_TRUE(mock.BlockVolumeDelete("h1", "bhv", "bv").ok());
  EXPECT_EQ(mock.BlockVolumeDelete("h1", "bhv", "bv").code(), Code::kNotFound);
  EXPECT_EQ(mock.BlockVolumeInfo("h1", "bhv", "bv").status().code(), Code::kNotFound);
  EXPECT_EQ(mock.BlockVolumeCount(), 0u);
}

TEST(MockBlockTest, NeedsItsHostingVolumeAndAReachableHost) {
  MockExecutor mock;
  EXPECT_EQ(mock.BlockVolumeCreate("h1", Block(false)).status().code(), Code::kInternal);
  ASSERT_TRUE(mock.VolumeCreate("h1", Hosting()).ok());
  auto made = mock.BlockVolumeCreate("h1", Block(false));
  ASSERT_TRUE(made.ok());
  EXPECT_TRUE(made->username.empty());
  mock.SetHostDown("h2", true);
  EXPECT_EQ(mock.BlockVolumeDelete("h2", "bhv", "bv").code(), Code::kUnavailable);
}

}  // namespace
}  // namespace brickyard::executors
