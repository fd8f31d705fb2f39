// ForwardingExecutor: forwards every call to an inner executor. Wrappers
// (fault injection, timing, logging) derive from it and override only the
// calls they change. Does not own the inner executor.
#pragma once

#include "executors/executor.h"

namespace brickyard::executors {

class ForwardingExecutor : public Executor {
 public:
  explicit ForwardingExecutor(Executor& inner) : inner_(inner) {}

  std::string Name() const override { return inner_.Name(); }

  Status GlusterdCheck(const std::string& host) override { return inner_.GlusterdCheck(host); }
  Status PeerProbe(const std::string& exec_host, const std::string& new_host) override {
    return inner_.PeerProbe(exec_host, new_host);
  }
  Status PeerDetach(const std::string& exec_host, const std::string& host) override {
    return inner_.PeerDetach(exec_host, host);
  }

  Result<DeviceInfo> DeviceSetup(const std::string& host, const std::string& device,
                                 const std::string& device_id, bool destroy_data) override {
    return inner_.DeviceSetup(host, device, device_id, destroy_data);
  }
  Result<DeviceInfo> GetDeviceInfo(const std::string& host, const DeviceHandle& handle) override {
    return inner_.GetDeviceInfo(host, handle);
  }
  Status DeviceTeardown(const std::string& host, const DeviceHandle& handle) override {
    return inner_.DeviceTeardown(host, handle);
  }
  Status DeviceForget(const std::string& host, const DeviceHandle& handle) override {
    return inner_.DeviceForget(host, handle);
  }

  Status BrickCreate(const std::string& host, const BrickRequest& req) override {
    return inner_.BrickCreate(host, req);
  }
  Result<bool> BrickDestroy(const std::string& host, const BrickRequest& req) override {
    return inner_.BrickDestroy(host, req);
  }
  Status BrickExtend(const std::string& host, const BrickRequest& req,
                     const BrickSize& grown) override {
    return inner_.BrickExtend(host, req, grown);
  }

  Status VolumeCreate(const std::string& host, const VolumeRequest& req) override {
    return inner_.VolumeCreate(host, req);
  }
  Status VolumeExpand(const std::string& host, const VolumeRequest& req) override {
    return inner_.VolumeExpand(host, req);
  }
  Status VolumeDestroy(const std::string& host, const std::string& name) override {
    return inner_.VolumeDestroy(host, name);
  }
  Status VolumeClone(const std::string& host, const std::string& origin,
                     const std::string& clone_name) override {
    return inner_.VolumeClone(host, origin, clone_name);
  }
  Status VolumeReplaceBrick(const std::string& host, const std::string& volume,
                            const BrickAddress& old_brick, const BrickAddress& new_brick) override {
    return inner_.VolumeReplaceBrick(host, volume, old_brick, new_brick);
  }
  Result<commands::GlusterVolume> VolumeInfo(const std::string& host,
                                             const std::string& name) override {
    return inner_.VolumeInfo(host, name);
  }
  Result<std::vector<commands::HealBrick>> HealInfo(const std::string& host,
                                                    const std::string& name) override {
    return inner_.HealInfo(host, name);
  }

  Result<std::vector<commands::GlusterVolume>> VolumesInfo(const std::string& host) override {
    return inner_.VolumesInfo(host);
  }
  Result<std::vector<commands::GlusterPeer>> PeerStatus(const std::string& host) override {
    return inner_.PeerStatus(host);
  }
  Result<std::vector<commands::BrickProcess>> VolumeStatus(const std::string& host,
                                                          const std::string& name) override {
    return inner_.VolumeStatus(host, name);
  }
  Result<std::vector<commands::NodeLv>> BrickLvs(const std::string& host) override {
    return inner_.BrickLvs(host);
  }
  Result<std::vector<commands::MountEntry>> BrickMounts(const std::string& host) override {
    return inner_.BrickMounts(host);
  }
  Result<std::vector<commands::MountEntry>> FstabBricks(const std::string& host) override {
    return inner_.FstabBricks(host);
  }
  Result<std::vector<std::string>> BrickDirs(const std::string& host) override {
    return inner_.BrickDirs(host);
  }

  Status VolumeStart(const std::string& host, const std::string& name, bool force) override {
    return inner_.VolumeStart(host, name, force);
  }
  Status VolumeResetBrick(const std::string& host, const std::string& volume,
                          const BrickAddress& brick) override {
    return inner_.VolumeResetBrick(host, volume, brick);
  }
  Status VolumeHealFull(const std::string& host, const std::string& name) override {
    return inner_.VolumeHealFull(host, name);
  }
  Status BrickRemount(const std::string& host, const BrickRequest& req) override {
    return inner_.BrickRemount(host, req);
  }

  Result<BlockVolumeExport> BlockVolumeCreate(const std::string& host,
                                              const BlockVolumeRequest& req) override {
    return inner_.BlockVolumeCreate(host, req);
  }
  Status BlockVolumeDelete(const std::string& host, const std::string& hosting_volume,
                           const std::string& name) override {
    return inner_.BlockVolumeDelete(host, hosting_volume, name);
  }
  Status BlockVolumeExpand(const std::string& host, const std::string& hosting_volume,
                           const std::string& name, int64_t size_gib) override {
    return inner_.BlockVolumeExpand(host, hosting_volume, name, size_gib);
  }
  Result<commands::BlockState> BlockVolumeInfo(const std::string& host,
                                               const std::string& hosting_volume,
                                               const std::string& name) override {
    return inner_.BlockVolumeInfo(host, hosting_volume, name);
  }

 protected:
  Executor& inner_;
};

}  // namespace brickyard::executors
