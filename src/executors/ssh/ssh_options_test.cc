#include "executors/ssh/ssh_options.h"

#include <gtest/gtest.h>

namespace brickyard::executors::ssh {
namespace {

TEST(ResolveKnownHostsTest, ConfigThenEnvThenHome) {
  config::Env env{{"SSH_KNOWN_HOSTS", "/etc/a:/etc/b"}, {"HOME", "/home/x"}};
  EXPECT_EQ(ResolveKnownHosts("/cfg/kh", env), "/cfg/kh");
  EXPECT_EQ(ResolveKnownHosts("", env), "/etc/a");
  EXPECT_EQ(ResolveKnownHosts("", {{"HOME", "/home/x"}}), "/home/x/.ssh/known_hosts");
  EXPECT_EQ(ResolveKnownHosts("", {{"SSH_KNOWN_HOSTS", ""}, {"HOME", "/h"}}), "/h/.ssh/known_hosts");
  EXPECT_EQ(ResolveKnownHosts("", {}), "");
}

TEST(OptionsFromConfigTest, MapsEveryField) {
  config::ExecutorOptions c;
  c.keyfile = "/k";
  c.user = "root";
  c.port = "2222";
  c.trust_on_first_use = true;
  c.connect_timeout_s = 3;
  c.command_timeout_s = 90;
  c.max_sessions_per_host = 2;
  auto o = OptionsFromConfig(c, {{"HOME", "/root"}});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->keyfile, "/k");
  EXPECT_EQ(o->user, "root");
  EXPECT_EQ(o->port, 2222);
  EXPECT_EQ(o->known_hosts, "/root/.ssh/known_hosts");
  EXPECT_TRUE(o->trust_on_first_use);
  EXPECT_EQ(o->connect_timeout_s, 3);
  EXPECT_EQ(o->command_timeout_s, 90);
  EXPECT_EQ(o->max_sessions_per_host, 2);
}

TEST(OptionsFromConfigTest, RejectsBadValues) {
  config::ExecutorOptions c;
  const config::Env env{{"HOME", "/root"}};
  EXPECT_EQ(OptionsFromConfig(c, env).status().message(), "sshexec.keyfile is required");
  c.keyfile = "/k";
  for (const char* port : {"0", "65536", "22x", "-1"}) {
    c.port = port;
    auto o = OptionsFromConfig(c, env);
    EXPECT_EQ(o.status().code(), Code::kInvalidArgument) << port;
  }
  c.port = "22";
  EXPECT_EQ(OptionsFromConfig(c, {}).status().code(), Code::kInvalidArgument);  // no known_hosts
  c.max_sessions_per_host = 0;
  EXPECT_EQ(OptionsFromConfig(c, env).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace brickyard::executors::ssh
