#include "executors/mock/stateless_mock_executor.h"

#include "common/ids.h"
#include "model/sizing.h"

namespace brickyard::executors {
namespace {

Status NoState(const char* what) {
  return Unavailable(std::string("the stateless mock executor keeps no node state: ") + what +
                     " cannot be answered");
}

}  // namespace

DeviceInfo StatelessMockExecutor::SizedInfo(std::vector<std::string> paths) const {
  DeviceInfo info;
  info.total_kib = device_size_gb_ * model::kGiB;
  info.free_kib = info.total_kib;
  info.extent_kib = 4 * model::kMiB;
  info.paths = std::move(paths);
  return info;
}

Result<DeviceInfo> StatelessMockExecutor::DeviceSetup(const std::string&,
                                                      const std::string& device,
                                                      const std::string&, bool) {
  return SizedInfo({device});
}

Result<DeviceInfo> StatelessMockExecutor::GetDeviceInfo(const std::string&,
                                                        const DeviceHandle& handle) {
  return SizedInfo(handle.paths.empty() ? std::vector<std::string>{handle.name} : handle.paths);
}

Result<commands::GlusterVolume> StatelessMockExecutor::VolumeInfo(const std::string&,
                                                                  const std::string&) {
  return NoState("volume info");
}

Result<std::vector<commands::HealBrick>> StatelessMockExecutor::HealInfo(const std::string&,
                                                                         const std::string&) {
  return NoState("heal info");
}

Result<std::vector<commands::GlusterVolume>> StatelessMockExecutor::VolumesInfo(
    const std::string&) {
  return NoState("volume info");
}

Result<std::vector<commands::GlusterPeer>> StatelessMockExecutor::PeerStatus(const std::string&) {
  return NoState("peer status");
}

Result<std::vector<commands::BrickProcess>> StatelessMockExecutor::VolumeStatus(
    const std::string&, const std::string&) {
  return NoState("volume status");
}

Result<std::vector<commands::NodeLv>> StatelessMockExecutor::BrickLvs(const std::string&) {
  return NoState("the LV report");
}

Result<std::vector<commands::MountEntry>> StatelessMockExecutor::BrickMounts(const std::string&) {
  return NoState("the mount table");
}

Result<std::vector<commands::MountEntry>> StatelessMockExecutor::FstabBricks(const std::string&) {
  return NoState("fstab");
}

Result<std::vector<std::string>> StatelessMockExecutor::BrickDirs(const std::string&) {
  return NoState("the brick directories");
}

Result<BlockVolumeExport> StatelessMockExecutor::BlockVolumeCreate(const std::string&,
                                                                   const BlockVolumeRequest& req) {
  commands::BlockState s;
  s.name = req.name;
  s.hosting_volume = req.hosting_volume;
  s.gbid = NewId();
  BlockVolumeExport out;
  out.iqn = s.Iqn();
  if (req.auth) {
    out.username = s.gbid;
    out.password = NewId();
  }
  return out;
}

Result<commands::BlockState> StatelessMockExecutor::BlockVolumeInfo(const std::string&,
                                                                    const std::string&,
                                                                    const std::string&) {
  return NoState("gluster-block info");
}

}  // namespace brickyard::executors
