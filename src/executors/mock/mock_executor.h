// MockExecutor: implements every executor role without touching any system.
// It keeps an in-memory picture of what would exist on the nodes (devices,
// bricks, volumes) so tests can assert that operations leave nothing behind.
// New devices report `device_size_gb` GiB (HEKETI_MOCK_DEVICE_SIZE_GB, 500 by
// default as Heketi's mock). For tests and benchmarks only. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "executors/executor.h"

namespace brickyard::executors {

class MockExecutor final : public Executor {
 public:
  // `delay_ms` is added to every call that would touch a node, so tests can
  // hold operations in flight.
  explicit MockExecutor(int64_t device_size_gb = 500, int64_t delay_ms = 0);

  std::string Name() const override { return "mock"; }

  Status GlusterdCheck(const std::string& host) override;
  Status PeerProbe(const std::string& exec_host, const std::string& new_storage_host) override;
  Status PeerDetach(const std::string& exec_host, const std::string& storage_host) override;

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
  // The bricks the volume was created, expanded and replaced with, as
  // "<host>:<path>" in set order; every brick reported Started/Connected.
  Result<commands::GlusterVolume> VolumeInfo(const std::string& host,
                                             const std::string& name) override;
  Result<std::vector<commands::HealBrick>> HealInfo(const std::string& host,
                                                    const std::string& name) override;

  // What the mock believes exists, for test assertions.
  size_t DeviceCount() const;
  size_t BrickCount() const;
  size_t VolumeCount() const;
  // Makes GlusterdCheck fail for `host` (simulates a down node).
  void SetHostDown(const std::string& host, bool down);

 private:
  DeviceInfo SizedInfo() const;
  void Delay() const;

  const int64_t device_size_gb_;
  const int64_t delay_ms_;
  mutable std::mutex mu_;
  std::set<std::string> devices_;  // guarded by mu_; "host|device"
  std::set<std::string> bricks_;   // guarded by mu_; brick ids
  std::map<std::string, commands::GlusterVolume> volumes_;  // guarded by mu_; by name
  std::set<std::string> down_;     // guarded by mu_; hosts
};

}  // namespace brickyard::executors
