#include "executors/commands/command.h"

#include <gtest/gtest.h>

namespace brickyard::executors::commands {
namespace {

TEST(ShellQuoteTest, WrapsInSingleQuotes) {
  EXPECT_EQ(ShellQuote(""), "''");
  EXPECT_EQ(ShellQuote("abc"), "'abc'");
  EXPECT_EQ(ShellQuote("a b"), "'a b'");
  EXPECT_EQ(ShellQuote("$(reboot)"), "'$(reboot)'");
  EXPECT_EQ(ShellQuote("`id`;\"x\"\\n"), "'`id`;\"x\"\\n'");
  EXPECT_EQ(ShellQuote("line1\nline2"), "'line1\nline2'");
}

TEST(ShellQuoteTest, EscapesSingleQuotes) {
  EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellQuote("'"), "''\\'''");
  EXPECT_EQ(ShellQuote("''"), "''\\'''\\'''");
}

TEST(ToShellLineTest, QuotesEveryElement) {
  Command c{{"gluster", "volume", "set", "v", "user.note", "a b"}, 60, false, false};
  EXPECT_EQ(ToShellLine(c), "'gluster' 'volume' 'set' 'v' 'user.note' 'a b'");
}

TEST(ToShellLineTest, SudoPrefix) {
  Command c{{"mkdir", "-p", "/x"}, 60, true, false};
  EXPECT_EQ(ToShellLine(c), "sudo -n 'mkdir' '-p' '/x'");
}

TEST(ToShellLineTest, EmptyArgumentSurvives) {
  Command c{{"printf", "%s|", "", "x"}, 60, false, false};
  EXPECT_EQ(ToShellLine(c), "'printf' '%s|' '' 'x'");
}

TEST(CheckCommandTest, Rules) {
  EXPECT_TRUE(CheckCommand({{"ls"}, 1, false, false}).ok());
  EXPECT_FALSE(CheckCommand({{}, 1, false, false}).ok());
  EXPECT_FALSE(CheckCommand({{""}, 1, false, false}).ok());
  EXPECT_FALSE(CheckCommand({{"-rf"}, 1, false, false}).ok());
  EXPECT_FALSE(CheckCommand({{"ls", std::string("a\0b", 3)}, 1, false, false}).ok());
  EXPECT_FALSE(CheckCommand({{"ls"}, 0, false, false}).ok());
}

TEST(TimeoutTest, GlusterExecTimeout) {
  config::ExecutorOptions o;
  EXPECT_EQ(GlusterExecTimeoutS(o), 11 * 60);  // default 600 s -> 11 min
  o.gluster_cli_timeout = 60;
  EXPECT_EQ(GlusterExecTimeoutS(o), 10 * 60);  // floor of 10 min
  o.gluster_cli_timeout = 1200;
  EXPECT_EQ(GlusterExecTimeoutS(o), 21 * 60);
  o.gluster_cli_timeout = INT64_MAX;
  EXPECT_EQ(GlusterExecTimeoutS(o), 24 * 60 * 60);  // capped, no overflow
}

TEST(MakeCommandTest, FollowsSudoOption) {
  config::ExecutorOptions o;
  o.sudo = true;
  Command c = MakeCommand(o, {"true"}, 7);
  EXPECT_TRUE(c.sudo);
  EXPECT_EQ(c.timeout_s, 7);
  EXPECT_FALSE(c.quiet);
}

}  // namespace
}  // namespace brickyard::executors::commands
