#include "model/block_volume.h"

#include <gtest/gtest.h>

namespace brickyard::model {
namespace {

Volume Bhv(int64_t size) {
  Volume v;
  v.id = "bhv";
  v.size_gib = size;
  v.block = true;
  v.block_info = NewBlockInfo(size);
  return v;
}

TEST(BlockVolumeTest, NewBlockInfoReservesTwoPercentRoundedUp) {
  EXPECT_EQ(NewBlockInfo(100).free_size, 98);
  EXPECT_EQ(NewBlockInfo(100).reserved_size, 2);
  EXPECT_EQ(NewBlockInfo(1024).free_size, 1003);
  EXPECT_EQ(NewBlockInfo(1024).reserved_size, 21);
  EXPECT_EQ(NewBlockInfo(1).free_size, 0);
  EXPECT_EQ(NewBlockInfo(1).reserved_size, 1);
}

TEST(BlockVolumeTest, TakeAndReturnKeepTheBalance) {
  Volume v = Bhv(100);
  ASSERT_TRUE(TakeBlockSpace(&v, 40).ok());
  EXPECT_EQ(v.block_info.free_size, 58);
  EXPECT_TRUE(BlockSpaceBalances(v, 40));
  EXPECT_FALSE(BlockSpaceBalances(v, 39));
  Status st = TakeBlockSpace(&v, 59);
  EXPECT_EQ(st.code(), Code::kNoSpace);
  EXPECT_EQ(v.block_info.free_size, 58);
  ReturnBlockSpace(&v, 40);
  EXPECT_EQ(v.block_info.free_size, 98);
  EXPECT_TRUE(BlockSpaceBalances(v, 0));
}

TEST(BlockVolumeTest, TakeRefusesAFileVolume) {
  Volume v;
  v.size_gib = 10;
  EXPECT_EQ(TakeBlockSpace(&v, 1).code(), Code::kInvalidArgument);
}

TEST(BlockVolumeTest, CanHostNeedsSettledUnrestrictedRoom) {
  Volume v = Bhv(10);
  EXPECT_TRUE(CanHost(v, 9));
  EXPECT_FALSE(CanHost(v, 10));
  v.block_info.restriction = "locked";
  EXPECT_FALSE(CanHost(v, 1));
  v.block_info.restriction = "";
  v.pending_op = "op";
  EXPECT_FALSE(CanHost(v, 1));
  v.pending_op = "";
  v.block = false;
  EXPECT_FALSE(CanHost(v, 1));
}

}  // namespace
}  // namespace brickyard::model
