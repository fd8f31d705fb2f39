#include "executors/commands/health.h"

#include <gtest/gtest.h>

#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

TEST(HealthTest, PoolListProbe) {
  config::ExecutorOptions o;
  auto r = GlusterdCheck(o);
  test_support::ExpectCommand(r, {"gluster", "--mode=script", "--timeout=60", "pool", "list"},
                         "'gluster' '--mode=script' '--timeout=60' 'pool' 'list'");
  EXPECT_TRUE(r->quiet);
  EXPECT_EQ(r->timeout_s, 120);
}

TEST(HealthTest, ShorterCliTimeoutWins) {
  config::ExecutorOptions o;
  o.gluster_cli_timeout = 20;
  o.sudo = true;
  auto r = GlusterdCheck(o);
  test_support::ExpectCommand(r, {"gluster", "--mode=script", "--timeout=20", "pool", "list"},
                         "sudo -n 'gluster' '--mode=script' '--timeout=20' 'pool' 'list'");
  EXPECT_EQ(r->timeout_s, 80);
  o.gluster_cli_timeout = -1;
  test_support::ExpectInvalid(GlusterdCheck(o));
}

}  // namespace
}  // namespace brickyard::executors::commands
