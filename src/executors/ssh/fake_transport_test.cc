#include "executors/ssh/fake_transport.h"

#include <gtest/gtest.h>

namespace brickyard::executors::ssh {
namespace {

commands::Command Cmd(std::vector<std::string> argv) {
  commands::Command c;
  c.argv = std::move(argv);
  return c;
}

TEST(FakeTransportTest, RecordsCallsAndSucceedsByDefault) {
  FakeTransport t;
  auto r = t.Run("h1", Cmd({"echo", "a b"}));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->exit_status, 0);
  ASSERT_EQ(t.calls().size(), 1u);
  EXPECT_EQ(t.calls()[0].host, "h1");
  EXPECT_EQ(t.calls()[0].line, "'echo' 'a b'");
  EXPECT_EQ(t.lines(), std::vector<std::string>{"'echo' 'a b'"});
}

TEST(FakeTransportTest, RulesMatchInOrderAndRunOut) {
  FakeTransport t;
  t.When("'lvs'", FakeTransport::Exit(5, "", "first"), 1);
  t.When("'lvs'", FakeTransport::Exit(0, "second"));
  t.When("'x'", Status(Unavailable("down")));
  EXPECT_EQ(t.Run("h", Cmd({"lvs"}))->stderr_text, "first");
  EXPECT_EQ(t.Run("h", Cmd({"lvs"}))->stdout_text, "second");
  EXPECT_EQ(t.Run("h", Cmd({"lvs"}))->stdout_text, "second");
  EXPECT_EQ(t.Run("h", Cmd({"x"})).status().code(), Code::kUnavailable);
  t.Clear();
  EXPECT_TRUE(t.calls().empty());
  EXPECT_EQ(t.Run("h", Cmd({"x"}))->exit_status, 0);
}

TEST(FakeTransportTest, RefusesWhatNoTransportMayRun) {
  FakeTransport t;
  EXPECT_EQ(t.Run("h", Cmd({})).status().code(), Code::kInvalidArgument);
  EXPECT_TRUE(t.calls().empty());
}

}  // namespace
}  // namespace brickyard::executors::ssh
