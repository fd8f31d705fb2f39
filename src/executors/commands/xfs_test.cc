#include "executors/commands/xfs.h"

#include <gtest/gtest.h>

#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

using test_support::ExpectCommand;
using test_support::ExpectInvalid;

constexpr char kD[] = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kLv[] = "brick_11112222333344445555666677778888";
constexpr char kDev[] =
    "/dev/mapper/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9-brick_11112222333344445555666677778888";

TEST(XfsTest, DataBrick) {
  config::ExecutorOptions o;
  ExpectCommand(MkfsXfs(o, kD, kLv, false), {"mkfs.xfs", "-i", "size=512", "-n", "size=8192", kDev},
                std::string("'mkfs.xfs' '-i' 'size=512' '-n' 'size=8192' '") + kDev + "'");
}

TEST(XfsTest, StripeUnitAndWidthOnlyWhenBothSet) {
  config::ExecutorOptions o;
  o.xfs_su = 128;
  ExpectCommand(MkfsXfs(o, kD, kLv, false), {"mkfs.xfs", "-i", "size=512", "-n", "size=8192", kDev},
                std::string("'mkfs.xfs' '-i' 'size=512' '-n' 'size=8192' '") + kDev + "'");
  o.xfs_sw = 10;
  ExpectCommand(MkfsXfs(o, kD, kLv, false),
                {"mkfs.xfs", "-i", "size=512", "-d", "su=128,sw=10", "-n", "size=8192", kDev},
                std::string("'mkfs.xfs' '-i' 'size=512' '-d' 'su=128,sw=10' '-n' 'size=8192' '") +
                    kDev + "'");
}

TEST(XfsTest, ArbiterBrickNeverUsesStripes) {
  config::ExecutorOptions o;
  o.xfs_su = 128;
  o.xfs_sw = 10;
  auto r = MkfsXfs(o, kD, kLv, true);
  ExpectCommand(r, {"mkfs.xfs", "-i", "maxpct=100", "-n", "size=8192", kDev},
                std::string("'mkfs.xfs' '-i' 'maxpct=100' '-n' 'size=8192' '") + kDev + "'");
  EXPECT_EQ(r->timeout_s, kBrickTimeoutS);
}

TEST(XfsTest, Growfs) {
  config::ExecutorOptions o;
  std::string m = "/var/lib/heketi/mounts/vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9/"
                  "brick_11112222333344445555666677778888";
  ExpectCommand(XfsGrowfs(o, m), {"xfs_growfs", m}, "'xfs_growfs' '" + m + "'");
}

TEST(XfsTest, RefusesBadInput) {
  config::ExecutorOptions o;
  ExpectInvalid(MkfsXfs(o, "x", kLv, false));
  ExpectInvalid(MkfsXfs(o, kD, "-f", false));
  ExpectInvalid(MkfsXfs(o, kD, "a/../b", false));
  ExpectInvalid(XfsGrowfs(o, "relative"));
  ExpectInvalid(XfsGrowfs(o, "/a/../b"));
  ExpectInvalid(XfsGrowfs(o, "/a b"));
  o.xfs_su = -1;
  o.xfs_sw = 1;
  ExpectInvalid(MkfsXfs(o, kD, kLv, false));
}

}  // namespace
}  // namespace brickyard::executors::commands
