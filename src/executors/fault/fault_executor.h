// FaultExecutor: TEST-ONLY. Forwards every call to an inner executor, except
// the calls its rules (fault_rules.h) pick: those fail, or kill the process
// with SIGKILL, before or after reaching the inner executor. Created by the
// registry for "inject/mock" and "inject/ssh" with the rules of the
// BRICKYARD_FAULTS environment variable; never use it in production.
// Thread-safe: calls are counted per method with atomics, so "the Nth call"
// is the Nth to start in this process.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "executors/fault/fault_rules.h"
#include "executors/forwarding_executor.h"

namespace brickyard::executors::fault {

class FaultExecutor final : public ForwardingExecutor {
 public:
  // Takes ownership of `inner`. `kill` ends the process; tests replace it.
  FaultExecutor(std::unique_ptr<Executor> inner, std::vector<FaultRule> rules,
                std::function<void()> kill = nullptr);

  // "inject/<inner name>".
  std::string Name() const override;

  Status GlusterdCheck(const std::string& host) override;
  Status PeerProbe(const std::string& exec_host, const std::string& new_host) override;
  Status PeerDetach(const std::string& exec_host, const std::string& host) override;
  Result<DeviceInfo> DeviceSetup(const std::string& host, const std::string& device,
                                 const std::string& device_id, bool destroy_data) override;
  Result<DeviceInfo> GetDeviceInfo(const std::string& host, const DeviceHandle& handle) override;
  Status DeviceTeardown(const std::string& host, const DeviceHandle& handle) override;
  Status DeviceForget(const std::string& host, const DeviceHandle& handle) override;
  Status BrickCreate(const std::string& host, const BrickRequest& req) override;
  Result<bool> BrickDestroy(const std::string& host, const BrickRequest& req) override;
  Status BrickExtend(const std::string& host, const BrickRequest& req,
                     const BrickSize& grown) override;
  Status VolumeCreate(const std::string& host, const VolumeRequest& req) override;
  Status VolumeExpand(const std::string& host, const VolumeRequest& req) override;
  Status VolumeDestroy(const std::string& host, const std::string& name) override;
  Status VolumeClone(const std::string& host, const std::string& origin,
                     const std::string& clone_name) override;
  Status VolumeReplaceBrick(const std::string& host, const std::string& volume,
                            const BrickAddress& old_brick, const BrickAddress& new_brick) override;
  Result<commands::GlusterVolume> VolumeInfo(const std::string& host,
                                             const std::string& name) override;
  Result<std::vector<commands::HealBrick>> HealInfo(const std::string& host,
                                                    const std::string& name) override;

  // How many calls of `method` have started.
  int64_t Calls(const std::string& method) const;

 private:
  // Counts a call of `method` and applies the matching rules for `when`
  // (before: fails or kills; after: kills, or turns `result` into a failure).
  Status Before(const std::string& method, int64_t* call);
  Status After(const std::string& method, int64_t call);
  Status Apply(const std::string& method, int64_t call, FaultRule::When when);

  template <typename R, typename F>
  R Guard(const std::string& method, F&& forward) {
    int64_t call = 0;
    if (Status st = Before(method, &call); !st.ok()) return st;
    R result = forward();
    if (Status st = After(method, call); !st.ok()) return st;
    return result;
  }

  std::unique_ptr<Executor> owned_;
  const std::vector<FaultRule> rules_;
  std::function<void()> kill_;
  std::map<std::string, std::atomic<int64_t>> calls_;  // keys fixed at construction
};

}  // namespace brickyard::executors::fault
