#include "executors/registry.h"

#include <gtest/gtest.h>

namespace brickyard::executors {
namespace {

TEST(RegistryTest, BuiltinsAndUnknown) {
  ExecutorRegistry reg;
  RegisterBuiltins(reg);
  config::Config cfg;
  auto mock = reg.Create("mock", cfg);
  ASSERT_TRUE(mock.ok());
  EXPECT_EQ((*mock)->Name(), "mock");
  auto bad = reg.Create("nope", cfg);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "invalid executor: nope");
}

TEST(RegistryTest, DuplicateNameRejected) {
  ExecutorRegistry reg;
  RegisterBuiltins(reg);
  Status s = reg.Register("mock", [](const config::Config&) -> Result<std::unique_ptr<Executor>> {
    return Internal("unused");
  });
  EXPECT_EQ(s.code(), Code::kConflict);
}

}  // namespace
}  // namespace brickyard::executors
