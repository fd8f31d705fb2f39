#include "executors/ssh/command_error.h"

#include <gtest/gtest.h>

namespace brickyard::executors::ssh {
namespace {

CommandResult Result(int status, std::string out, std::string err) {
  CommandResult r;
  r.exit_status = status;
  r.stdout_text = std::move(out);
  r.stderr_text = std::move(err);
  return r;
}

TEST(CommandErrorTest, NamesHostCommandStatusAndTrimmedStderr) {
  Status s = CommandFailed("node1", "'lvm' 'vgs'", Result(5, "ignored", "  Volume group not found\n"));
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_EQ(s.message(),
            "node1: command `'lvm' 'vgs'` failed with exit status 5: Volume group not found");
}

TEST(CommandErrorTest, FallsBackToStdoutThenToNothing) {
  EXPECT_EQ(FailureOutput(Result(1, " volume stop: v: failed\n", " \n")), "volume stop: v: failed");
  EXPECT_EQ(CommandFailed("h", "x", Result(2, "", "")).message(),
            "h: command `x` failed with exit status 2");
}

TEST(CommandErrorTest, BoundsLongLinesAndOutput) {
  const std::string line(5000, 'a');
  const std::string err(5000, 'e');
  Status s = CommandFailed("h", line, Result(1, "", err));
  EXPECT_LT(s.message().size(), kMaxQuotedLine + kMaxQuotedOutput + 100);
  EXPECT_NE(s.message().find("..."), std::string::npos);
  EXPECT_EQ(BoundedLine("short"), "short");
}

TEST(CommandErrorTest, MatchesOutputIgnoringCase) {
  EXPECT_TRUE(LvmNotFound(Result(5, "", "  Failed to find logical volume \"vg_a/brick_b\"")));
  EXPECT_TRUE(LvmNotFound(Result(5, "", "Volume group \"vg_a\" not found")));
  EXPECT_FALSE(LvmNotFound(Result(5, "", "Logical volume vg_a/tp_b in use.")));
  EXPECT_TRUE(Mentions(Result(1, "volume delete: v: failed: Volume v does not exist", ""),
                       "DOES NOT EXIST"));
  EXPECT_EQ(CommandFailed("h", "x", Result(1, "", "gone"), Code::kNotFound).code(), Code::kNotFound);
}

}  // namespace
}  // namespace brickyard::executors::ssh
