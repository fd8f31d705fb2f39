// StatelessMockExecutor ("mock/stateless"): every node call succeeds at once
// and nothing is remembered, as Heketi's mock executor behaves. It exists so
// benchmarks measure the server alone: MockExecutor keeps a picture of every
// brick and volume it was asked to make (a few KiB per volume), which at
// 100,000 volumes would dominate the process's memory.
//
// Calls that can only be answered from node state (VolumeInfo, HealInfo,
// BlockVolumeInfo and every inspection) fail with Unavailable saying so;
// flows that need them (clone delete, operation recovery of some steps,
// examine) are not for this executor. Devices report `device_size_gb` GiB.
// For benchmarks only.
#pragma once

#include <cstdint>
#include <string>

#include "executors/executor.h"

namespace brickyard::executors {

class StatelessMockExecutor final : public Executor {
 public:
  explicit StatelessMockExecutor(int64_t device_size_gb = 500) : device_size_gb_(device_size_gb) {}

  std::string Name() const override { return "mock/stateless"; }

  Status GlusterdCheck(const std::string&) override { return Status::Ok(); }
  Status PeerProbe(const std::string&, const std::string&) override { return Status::Ok(); }
  Status PeerDetach(const std::string&, const std::string&) override { return Status::Ok(); }

  Result<DeviceInfo> DeviceSetup(const std::string& host, const std::string& device,
                                 const std::string& device_id, bool destroy_data) override;
  Result<DeviceInfo> GetDeviceInfo(const std::string& host, const DeviceHandle& handle) override;
  Status DeviceTeardown(const std::string&, const DeviceHandle&) override { return Status::Ok(); }
  Status DeviceForget(const std::string&, const DeviceHandle&) override { return Status::Ok(); }

  Status BrickCreate(const std::string&, const BrickRequest&) override { return Status::Ok(); }
  Result<bool> BrickDestroy(const std::string&, const BrickRequest&) override { return true; }
  Status BrickExtend(const std::string&, const BrickRequest&, const BrickSize&) override {
    return Status::Ok();
  }

  Status VolumeCreate(const std::string&, const VolumeRequest&) override { return Status::Ok(); }
  Status VolumeExpand(const std::string&, const VolumeRequest&) override { return Status::Ok(); }
  Status VolumeDestroy(const std::string&, const std::string&) override { return Status::Ok(); }
  Status VolumeClone(const std::string&, const std::string&, const std::string&) override {
    return Status::Ok();
  }
  Status VolumeReplaceBrick(const std::string&, const std::string&, const BrickAddress&,
                            const BrickAddress&) override {
    return Status::Ok();
  }
  Result<commands::GlusterVolume> VolumeInfo(const std::string&, const std::string&) override;
  Result<std::vector<commands::HealBrick>> HealInfo(const std::string&,
                                                    const std::string&) override;

  Result<std::vector<commands::GlusterVolume>> VolumesInfo(const std::string&) override;
  Result<std::vector<commands::GlusterPeer>> PeerStatus(const std::string&) override;
  Result<std::vector<commands::BrickProcess>> VolumeStatus(const std::string&,
                                                          const std::string&) override;
  Result<std::vector<commands::NodeLv>> BrickLvs(const std::string&) override;
  Result<std::vector<commands::MountEntry>> BrickMounts(const std::string&) override;
  Result<std::vector<commands::MountEntry>> FstabBricks(const std::string&) override;
  Result<std::vector<std::string>> BrickDirs(const std::string&) override;
  Status VolumeStart(const std::string&, const std::string&, bool) override { return Status::Ok(); }
  Status VolumeResetBrick(const std::string&, const std::string&, const BrickAddress&) override {
    return Status::Ok();
  }
  Status VolumeHealFull(const std::string&, const std::string&) override { return Status::Ok(); }
  Status BrickRemount(const std::string&, const BrickRequest&) override { return Status::Ok(); }

  // The export a block volume would get; nothing is kept, so BlockVolumeInfo
  // cannot answer.
  Result<BlockVolumeExport> BlockVolumeCreate(const std::string& host,
                                              const BlockVolumeRequest& req) override;
  Status BlockVolumeDelete(const std::string&, const std::string&, const std::string&) override {
    return Status::Ok();
  }
  Status BlockVolumeExpand(const std::string&, const std::string&, const std::string&,
                           int64_t) override {
    return Status::Ok();
  }
  Result<commands::BlockState> BlockVolumeInfo(const std::string&, const std::string&,
                                               const std::string&) override;

 private:
  DeviceInfo SizedInfo(std::vector<std::string> paths) const;

  const int64_t device_size_gb_;
};

}  // namespace brickyard::executors
