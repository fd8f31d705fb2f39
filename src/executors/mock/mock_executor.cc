#include "executors/mock/mock_executor.h"

#include <chrono>
#include <thread>

#include "model/sizing.h"

namespace brickyard::executors {

MockExecutor::MockExecutor(int64_t device_size_gb, int64_t delay_ms)
    : device_size_gb_(device_size_gb), delay_ms_(delay_ms) {}

void MockExecutor::Delay() const {
  if (delay_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_));
}

DeviceInfo MockExecutor::SizedInfo() const {
  DeviceInfo info;
  info.total_kib = device_size_gb_ * model::kGiB;
  info.free_kib = info.total_kib;
  info.used_kib = 0;
  info.extent_kib = 4 * model::kMiB;
  return info;
}

Status MockExecutor::GlusterdCheck(const std::string& host) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("glusterd is not running on " + host);
  return Status::Ok();
}

Status MockExecutor::PeerProbe(const std::string& exec_host, const std::string&) {
  return GlusterdCheck(exec_host);
}

Status MockExecutor::PeerDetach(const std::string&, const std::string&) { return Status::Ok(); }

Result<DeviceInfo> MockExecutor::DeviceSetup(const std::string& host, const std::string& device,
                                             const std::string&, bool) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  if (!devices_.insert(host + "|" + device).second) {
    return Conflict("Device " + device + " on " + host + " is already initialized");
  }
  DeviceInfo info = SizedInfo();
  info.paths = {device};
  return info;
}

Result<DeviceInfo> MockExecutor::GetDeviceInfo(const std::string&, const DeviceHandle& handle) {
  DeviceInfo info = SizedInfo();
  info.paths = handle.paths.empty() ? std::vector<std::string>{handle.name} : handle.paths;
  return info;
}

Status MockExecutor::DeviceTeardown(const std::string& host, const DeviceHandle& handle) {
  std::lock_guard lock(mu_);
  devices_.erase(host + "|" + handle.name);
  return Status::Ok();
}

Status MockExecutor::DeviceForget(const std::string& host, const DeviceHandle& handle) {
  return DeviceTeardown(host, handle);
}

Status MockExecutor::BrickCreate(const std::string& host, const BrickRequest& req) {
  Delay();
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  bricks_.insert(req.brick_id);
  return Status::Ok();
}

Result<bool> MockExecutor::BrickDestroy(const std::string&, const BrickRequest& req) {
  Delay();
  std::lock_guard lock(mu_);
  bricks_.erase(req.brick_id);
  return true;
}

Status MockExecutor::VolumeCreate(const std::string& host, const VolumeRequest& req) {
  Delay();
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  if (!volumes_.insert(req.name).second) return Conflict("volume " + req.name + " already exists");
  return Status::Ok();
}

Status MockExecutor::VolumeExpand(const std::string& host, const VolumeRequest& req) {
  Delay();
  std::lock_guard lock(mu_);
  if (!volumes_.count(req.name)) return NotFound("Volume " + req.name + " does not exist");
  return Status::Ok();
}

Status MockExecutor::VolumeDestroy(const std::string&, const std::string& name) {
  Delay();
  std::lock_guard lock(mu_);
  volumes_.erase(name);
  return Status::Ok();
}

Status MockExecutor::VolumeClone(const std::string&, const std::string& origin,
                                 const std::string& clone_name) {
  std::lock_guard lock(mu_);
  if (!volumes_.count(origin)) return NotFound("Volume " + origin + " does not exist");
  if (!volumes_.insert(clone_name).second) return Conflict("volume " + clone_name + " already exists");
  return Status::Ok();
}

Status MockExecutor::VolumeReplaceBrick(const std::string&, const std::string& volume,
                                        const BrickAddress&, const BrickAddress&) {
  std::lock_guard lock(mu_);
  if (!volumes_.count(volume)) return NotFound("Volume " + volume + " does not exist");
  return Status::Ok();
}

size_t MockExecutor::DeviceCount() const {
  std::lock_guard lock(mu_);
  return devices_.size();
}

size_t MockExecutor::BrickCount() const {
  std::lock_guard lock(mu_);
  return bricks_.size();
}

size_t MockExecutor::VolumeCount() const {
  std::lock_guard lock(mu_);
  return volumes_.size();
}

void MockExecutor::SetHostDown(const std::string& host, bool down) {
  std::lock_guard lock(mu_);
  if (down) {
    down_.insert(host);
  } else {
    down_.erase(host);
  }
}

}  // namespace brickyard::executors
