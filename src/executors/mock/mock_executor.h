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
#include "executors/mock/mock_state.h"

namespace brickyard::executors {

class MockExecutor final : public Executor {
 public:
  // `delay_ms` is added to every call that would touch a node, so tests can
  // hold operations in flight. With a `state_file`, the node state (all of
  // MockNodeState: devices, bricks with their LV/mount/fstab/directory/
  // process flags, volumes, peers, heals, block volumes) is loaded from it
  // (mock_state.h) and saved to it after every change, drift hooks
  // included, so it survives restarts; an unreadable file starts empty, with
  // a warning. Down hosts (SetHostDown) are never saved.
  explicit MockExecutor(int64_t device_size_gb = 500, int64_t delay_ms = 0,
                        std::string state_file = "");

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

  // Inspection and repair (mock_inspect.cc), answered from what the calls
  // above made plus the drift the hooks below simulate.
  Result<std::vector<commands::GlusterVolume>> VolumesInfo(const std::string& host) override;
  Result<std::vector<commands::GlusterPeer>> PeerStatus(const std::string& host) override;
  Result<std::vector<commands::BrickProcess>> VolumeStatus(const std::string& host,
                                                          const std::string& name) override;
  Result<std::vector<commands::NodeLv>> BrickLvs(const std::string& host) override;
  Result<std::vector<commands::MountEntry>> BrickMounts(const std::string& host) override;
  Result<std::vector<commands::MountEntry>> FstabBricks(const std::string& host) override;
  Result<std::vector<std::string>> BrickDirs(const std::string& host) override;
  Status VolumeStart(const std::string& host, const std::string& name, bool force) override;
  Status VolumeResetBrick(const std::string& host, const std::string& volume,
                          const BrickAddress& brick) override;
  Status VolumeHealFull(const std::string& host, const std::string& name) override;
  Status BrickRemount(const std::string& host, const BrickRequest& req) override;

  // gluster-block (mock_block.cc): block volumes are kept by
  // "<hosting>/<name>"; create fails with Internal when the hosting volume
  // does not exist or the name is taken, as gluster-block does.
  Result<BlockVolumeExport> BlockVolumeCreate(const std::string& host,
                                              const BlockVolumeRequest& req) override;
  Status BlockVolumeDelete(const std::string& host, const std::string& hosting_volume,
                           const std::string& name) override;
  Status BlockVolumeExpand(const std::string& host, const std::string& hosting_volume,
                           const std::string& name, int64_t size_gib) override;
  Result<commands::BlockState> BlockVolumeInfo(const std::string& host,
                                               const std::string& hosting_volume,
                                               const std::string& name) override;
  // How many block volumes the mock holds, for test assertions.
  size_t BlockVolumeCount() const;

  // Drift, as if made behind the server's back (tests):
  // the brick's LV, mount, fstab line and directory are deleted;
  void DropBrickStorage(const std::string& brick_id);
  // the brick is unmounted (LV and fstab line kept), its process stops;
  void UnmountBrick(const std::string& brick_id);
  // the gluster volume is stopped;
  void StopVolume(const std::string& name);
  // a gluster volume the server did not create appears;
  void AddForeignVolume(const commands::GlusterVolume& volume);
  // a complete brick (LV in tp_<id>, mount, fstab line, directory) appears
  // on `host` in vg_<device_id>.
  void AddForeignBrick(const std::string& host, const BrickRequest& req);
  // How many full heals were started (VolumeHealFull).
  int64_t HealsStarted() const;

  // What the mock believes exists, for test assertions.
  size_t DeviceCount() const;
  size_t BrickCount() const;
  size_t VolumeCount() const;
  // Makes GlusterdCheck fail for `host` (simulates a down node).
  void SetHostDown(const std::string& host, bool down);

 private:
  DeviceInfo SizedInfo() const;
  void Delay() const;
  // Saves the state to state_file_ when there is one. Called with mu_ held.
  void PersistLocked() const;

  const int64_t device_size_gb_;
  const int64_t delay_ms_;
  const std::string state_file_;
  mutable std::mutex mu_;
  MockNodeState state_;         // guarded by mu_; saved to state_file_ on every change
  std::set<std::string> down_;  // guarded by mu_; hosts; never saved

  using PlacedBrick = MockPlacedBrick;
  // The placed brick behind gluster brick `path`, or nullptr. Called with mu_ held.
  PlacedBrick* FindPlacedByPath(const std::string& path);
};

}  // namespace brickyard::executors
