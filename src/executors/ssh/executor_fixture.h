// Test fixture for SshExecutor over a FakeTransport, with the expected
// command lines computed from the same builders the executor uses.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "executors/commands/command.h"
#include "executors/commands/naming.h"
#include "executors/ssh/fake_transport.h"
#include "executors/ssh/ssh_executor.h"

namespace brickyard::executors::ssh {

inline constexpr char kHost[] = "node1.example.com";
inline constexpr char kDeviceId[] = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
inline constexpr char kBrickId[] = "11112222333344445555666677778888";

class ExecutorFixture : public ::testing::Test {
 protected:
  ExecutorFixture() { Reset(config::ExecutorOptions{}); }

  // Starts over with `opts` and a fresh fake transport.
  void Reset(const config::ExecutorOptions& opts) {
    opts_ = opts;
    auto fake = std::make_unique<FakeTransport>();
    fake_ = fake.get();
    exec_ = std::make_unique<SshExecutor>(std::move(fake), opts_);
  }

  static std::string Line(const Result<commands::Command>& cmd) {
    EXPECT_TRUE(cmd.ok()) << cmd.status().ToString();
    return cmd.ok() ? commands::ToShellLine(*cmd) : "<builder failed>";
  }
  static std::vector<std::string> Lines(const Result<std::vector<commands::Command>>& cmds) {
    EXPECT_TRUE(cmds.ok()) << cmds.status().ToString();
    std::vector<std::string> out;
    if (cmds.ok()) {
      for (const auto& c : *cmds) out.push_back(commands::ToShellLine(c));
    }
    return out;
  }
  static void Append(std::vector<std::string>& to, const std::vector<std::string>& more) {
    to.insert(to.end(), more.begin(), more.end());
  }

  // Every call went to kHost.
  void ExpectAllOnHost() const {
    for (const auto& c : fake_->calls()) EXPECT_EQ(c.host, kHost) << c.line;
  }

  static BrickRequest Brick() {
    BrickRequest b;
    b.device_id = kDeviceId;
    b.brick_id = kBrickId;
    b.tp_name = commands::ThinPoolName(kBrickId);
    b.lv_name = commands::BrickLvName(kBrickId);
    b.size_kib = 1048576;
    b.tp_size_kib = 1048576;
    b.pool_meta_kib = 8192;
    b.gid = 2001;
    b.path = commands::BrickPath(kDeviceId, kBrickId);
    return b;
  }

  config::ExecutorOptions opts_;
  FakeTransport* fake_ = nullptr;  // owned by exec_
  std::unique_ptr<SshExecutor> exec_;
};

}  // namespace brickyard::executors::ssh
