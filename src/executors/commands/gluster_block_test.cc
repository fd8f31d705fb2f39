#include "executors/commands/gluster_block.h"

#include <gtest/gtest.h>

#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

using test_support::ExpectCommand;
using test_support::ExpectInvalid;
using test_support::Golden;

BlockCreateArgs Args() {
  BlockCreateArgs a;
  a.hosting_volume = "vol_bhv";
  a.name = "bv1";
  a.ha_count = 2;
  a.auth = true;
  a.hosts = {"10.0.0.1", "10.0.0.2", "10.0.0.3"};
  a.size_gib = 5;
  return a;
}

TEST(GlusterBlockTest, Create) {
  config::ExecutorOptions opts;
  ExpectCommand(BlockCreate(opts, Args()),
                {"gluster-block", "create", "vol_bhv/bv1", "ha", "2", "auth", "enable", "prealloc",
                 "full", "10.0.0.1,10.0.0.2,10.0.0.3", "5GiB", "--json"},
                "'gluster-block' 'create' 'vol_bhv/bv1' 'ha' '2' 'auth' 'enable' 'prealloc' "
                "'full' '10.0.0.1,10.0.0.2,10.0.0.3' '5GiB' '--json'");
  EXPECT_EQ(BlockCreate(opts, Args())->timeout_s, kBrickTimeoutS);
  BlockCreateArgs plain = Args();
  plain.auth = false;
  opts.block_prealloc = "no";
  opts.sudo = true;
  auto c = BlockCreate(opts, plain);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->argv[6], "disable");
  EXPECT_EQ(c->argv[8], "no");
  EXPECT_TRUE(c->sudo);
}

TEST(GlusterBlockTest, CreateRefusesUnsafeOrImpossibleArguments) {
  config::ExecutorOptions opts;
  BlockCreateArgs a = Args();
  a.name = "bv1;reboot";
  ExpectInvalid(BlockCreate(opts, a));
  a = Args();
  a.hosting_volume = "../x";
  ExpectInvalid(BlockCreate(opts, a));
  a = Args();
  a.hosts.push_back("10.0.0.4,evil");
  ExpectInvalid(BlockCreate(opts, a));
  a = Args();
  a.ha_count = 4;
  ExpectInvalid(BlockCreate(opts, a));
  a = Args();
  a.ha_count = 0;
  ExpectInvalid(BlockCreate(opts, a));
  a = Args();
  a.size_gib = 0;
  ExpectInvalid(BlockCreate(opts, a));
  opts.block_prealloc = "full --force";
  ExpectInvalid(BlockCreate(opts, Args()));
}

TEST(GlusterBlockTest, DeleteModifyInfo) {
  config::ExecutorOptions opts;
  ExpectCommand(BlockDelete(opts, "vol_bhv", "bv1"),
                {"gluster-block", "delete", "vol_bhv/bv1", "--json"},
                "'gluster-block' 'delete' 'vol_bhv/bv1' '--json'");
  ExpectCommand(BlockModify(opts, "vol_bhv", "bv1", 8),
                {"gluster-block", "modify", "vol_bhv/bv1", "size", "8GiB", "--json"},
                "'gluster-block' 'modify' 'vol_bhv/bv1' 'size' '8GiB' '--json'");
  ExpectCommand(BlockInfo(opts, "vol_bhv", "bv1"),
                {"gluster-block", "info", "vol_bhv/bv1", "--json"},
                "'gluster-block' 'info' 'vol_bhv/bv1' '--json'");
  ExpectInvalid(BlockModify(opts, "vol_bhv", "bv1", 0));
  ExpectInvalid(BlockDelete(opts, "vol_bhv", "-rf"));
}

TEST(GlusterBlockTest, CreateAnswer) {
  auto text = BlockAnswer(Golden("block_create.json"), "", /*prefer_err=*/false);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  auto c = ParseBlockCreate(*text);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->iqn, "iqn.2016-12.org.gluster-block:9e3a7c16-4a8f-4b4e-9d1c-2c0f6b1f7a55");
  EXPECT_EQ(c->username, "9e3a7c16-4a8f-4b4e-9d1c-2c0f6b1f7a55");
  EXPECT_EQ(c->password, "c1f0d2e3-1111-4222-8333-444455556666");
  EXPECT_EQ(c->portals.size(), 3u);
}

TEST(GlusterBlockTest, AnswersFromStderrAndFailures) {
  // create prints its failure on stderr when stdout is empty.
  auto fail = BlockAnswer("  \n", Golden("block_create_fail.json"), false);
  ASSERT_FALSE(fail.ok());
  EXPECT_EQ(fail.status().code(), Code::kInternal);
  EXPECT_NE(fail.status().message().find("target name already exists"), std::string::npos);
  // delete reads stderr first; a missing block volume is NotFound.
  auto missing = BlockAnswer("{}", Golden("block_delete_missing.json"), /*prefer_err=*/true);
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  EXPECT_EQ(BlockAnswer("not json", "", false).status().code(), Code::kInternal);
  EXPECT_EQ(ParseBlockCreate("{\"RESULT\":\"SUCCESS\"}").status().code(), Code::kInternal);
  auto modified = BlockAnswer(Golden("block_modify.json"), "", false);
  EXPECT_TRUE(modified.ok());
}

TEST(GlusterBlockTest, InfoAnswer) {
  auto s = ParseBlockInfo(Golden("block_info.json"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->name, "bv1");
  EXPECT_EQ(s->hosting_volume, "vol_bhv");
  EXPECT_EQ(s->size_gib, 5);
  EXPECT_EQ(s->ha_count, 3);
  EXPECT_EQ(s->exported_on.size(), 3u);
  EXPECT_EQ(s->resize_failed_min_gib, 4);
  EXPECT_EQ(s->Iqn(), "iqn.2016-12.org.gluster-block:9e3a7c16-4a8f-4b4e-9d1c-2c0f6b1f7a55");
  EXPECT_EQ(ParseBlockInfo("{\"NAME\":\"x\"}").status().code(), Code::kInternal);
}

TEST(GlusterBlockTest, Sizes) {
  EXPECT_EQ(*ParseBlockSize("1.0 GiB"), 1);
  EXPECT_EQ(*ParseBlockSize("2 TiB"), 2048);
  EXPECT_EQ(*ParseBlockSize("1.0 PiB"), 1024 * 1024);
  EXPECT_EQ(*ParseBlockSize("1 EiB"), 1024LL * 1024 * 1024);
  EXPECT_EQ(*ParseBlockSize("512.0 MiB"), 0);
  EXPECT_EQ(ParseBlockSize("5 bananas").status().code(), Code::kInternal);
  EXPECT_EQ(ParseBlockSize("").status().code(), Code::kInternal);
  // Out of range or not a number: refused, never converted.
  EXPECT_EQ(ParseBlockSize("1e98 PiB").status().code(), Code::kInternal);
  EXPECT_EQ(ParseBlockSize("nan GiB").status().code(), Code::kInternal);
  EXPECT_EQ(ParseBlockSize("inf GiB").status().code(), Code::kInternal);
}

}  // namespace
}  // namespace brickyard::executors::commands
