#include "executors/fault/fault_executor.h"

#include <gtest/gtest.h>

#include "executors/mock/mock_executor.h"
#include "executors/registry.h"

namespace brickyard::executors::fault {
namespace {

BrickRequest Brick(const std::string& id) {
  BrickRequest r;
  r.device_id = "d";
  r.brick_id = id;
  r.size_kib = 1024;
  return r;
}

TEST(FaultRulesTest, ParsesEveryField) {
  auto rules = ParseFaultRules(" kill:after:BrickCreate:2 , fail:before:VolumeCreate:*;");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_EQ((*rules)[0].action, FaultRule::Action::kKill);
  EXPECT_EQ((*rules)[0].when, FaultRule::When::kAfter);
  EXPECT_EQ((*rules)[0].method, "BrickCreate");
  EXPECT_EQ((*rules)[0].nth, 2);
  EXPECT_EQ((*rules)[1].action, FaultRule::Action::kFail);
  EXPECT_EQ((*rules)[1].when, FaultRule::When::kBefore);
  EXPECT_EQ((*rules)[1].nth, 0);
  EXPECT_TRUE(ParseFaultRules("")->empty());
}

TEST(FaultRulesTest, RejectsBadRules) {
  for (const char* bad : {"kill:after:BrickCreate", "crash:after:BrickCreate:1",
                          "kill:during:BrickCreate:1", "kill:after:RmRf:1", "kill:after:BrickCreate:0",
                          "kill:after:BrickCreate:2x", "kill:after:BrickCreate:-1"}) {
    auto r = ParseFaultRules(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find(bad), std::string::npos) << r.status().message();
  }
}

struct Harness {
  explicit Harness(const std::string& rules)
      : fault(std::make_unique<MockExecutor>(), *ParseFaultRules(rules), [this] { ++kills; }) {}
  int kills = 0;
  FaultExecutor fault;
};

TEST(FaultExecutorTest, FailBeforeSkipsTheInnerCall) {
  auto inner = std::make_unique<MockExecutor>();
  MockExecutor* mock = inner.get();
  FaultExecutor f(std::move(inner), *ParseFaultRules("fail:before:BrickCreate:2"));
  EXPECT_TRUE(f.BrickCreate("h", Brick("a")).ok());
  Status second = f.BrickCreate("h", Brick("b"));
  EXPECT_EQ(second.code(), Code::kInternal);
  EXPECT_EQ(second.message(), "injected fault before BrickCreate call 2");
  EXPECT_TRUE(f.BrickCreate("h", Brick("c")).ok());
  EXPECT_EQ(mock->BrickCount(), 2u);
  EXPECT_EQ(f.Calls("BrickCreate"), 3);
  EXPECT_EQ(f.Name(), "inject/mock");
}

TEST(FaultExecutorTest, FailAfterLosesTheResultOfADoneCall) {
  auto inner = std::make_unique<MockExecutor>();
  MockExecutor* mock = inner.get();
  FaultExecutor f(std::move(inner), *ParseFaultRules("fail:after:BrickDestroy:*"));
  ASSERT_TRUE(f.BrickCreate("h", Brick("a")).ok());
  auto r = f.BrickDestroy("h", Brick("a"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(mock->BrickCount(), 0u);
}

TEST(FaultExecutorTest, KillsBeforeOrAfterTheChosenCall) {
  Harness before("kill:before:VolumeDestroy:1");
  (void)before.fault.VolumeDestroy("h", "v");
  EXPECT_EQ(before.kills, 1);
  (void)before.fault.VolumeDestroy("h", "v");
  EXPECT_EQ(before.kills, 1);

  Harness after("kill:after:BrickCreate:2");
  EXPECT_TRUE(after.fault.BrickCreate("h", Brick("a")).ok());
  EXPECT_EQ(after.kills, 0);
  (void)after.fault.BrickCreate("h", Brick("b"));
  EXPECT_EQ(after.kills, 1);
  EXPECT_EQ(after.fault.Calls("BrickCreate"), 2);
  EXPECT_EQ(after.fault.Calls("VolumeCreate"), 0);
}

TEST(FaultExecutorTest, RegistryWrapsInjectNamesWithTheEnvironmentsRules) {
  ExecutorRegistry reg;
  RegisterBuiltins(reg);
  config::Config cfg;
  setenv("BRICKYARD_FAULTS", "fail:before:GlusterdCheck:1", 1);
  auto e = reg.Create("inject/mock", cfg);
  setenv("BRICKYARD_FAULTS", "nonsense", 1);
  auto bad = reg.Create("inject/mock", cfg);
  unsetenv("BRICKYARD_FAULTS");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ((*e)->Name(), "inject/mock");
  EXPECT_FALSE((*e)->GlusterdCheck("h").ok());
  EXPECT_TRUE((*e)->GlusterdCheck("h").ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  auto plain = reg.Create("mock", cfg);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*plain)->Name(), "mock");
}

}  // namespace
}  // namespace brickyard::executors::fault
