#include "executors/mock/mock_executor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "model/sizing.h"

namespace brickyard::executors {
namespace {

std::string BrickName(const BrickAddress& b) { return b.host + ":" + b.path; }

int64_t SetSizeOf(const VolumeRequest& req) {
  switch (req.kind) {
    case VolumeRequest::Kind::kReplica: return req.replica > 0 ? req.replica : 1;
    case VolumeRequest::Kind::kDisperse: return req.data + req.redundancy > 0 ? req.data + req.redundancy : 1;
    default: return 1;
  }
}

// The type gluster reports for the volume's layout (volume info's typeStr
// and its enum value).
void SetGlusterType(commands::GlusterVolume& v) {
  const int64_t set = v.disperse_count > 0 ? v.disperse_count : std::max<int64_t>(v.replica_count, 1);
  const bool distributed = v.brick_count > set;
  if (v.disperse_count > 0) {
    v.type = distributed ? 9 : 4;
    v.type_str = distributed ? "Distributed-Disperse" : "Disperse";
  } else if (v.replica_count > 1) {
    v.type = distributed ? 7 : 2;
    v.type_str = distributed ? "Distributed-Replicate" : "Replicate";
  } else {
    v.type = 0;
    v.type_str = "Distribute";
  }
}

}  // namespace

MockExecutor::MockExecutor(int64_t device_size_gb, int64_t delay_ms, std::string state_file)
    : device_size_gb_(device_size_gb), delay_ms_(delay_ms), state_file_(std::move(state_file)) {
  if (state_file_.empty()) return;
  auto state = LoadMockState(state_file_);
  if (!state.ok()) {
    spdlog::warn("mock executor: {}; starting empty", state.status().message());
    return;
  }
  state_ = std::move(*state);
}

void MockExecutor::PersistLocked() const {
  if (state_file_.empty()) return;
  Status st = SaveMockState(state_file_, state_);
  if (!st.ok()) spdlog::warn("mock executor: {}", st.message());
}

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

Status MockExecutor::PeerProbe(const std::string& exec_host, const std::string& new_storage_host) {
  BY_RETURN_IF_ERROR(GlusterdCheck(exec_host));
  std::lock_guard lock(mu_);
  state_.pool.insert(exec_host);
  state_.pool.insert(new_storage_host);
  PersistLocked();
  return Status::Ok();
}

Status MockExecutor::PeerDetach(const std::string&, const std::string& storage_host) {
  std::lock_guard lock(mu_);
  state_.pool.erase(storage_host);
  PersistLocked();
  return Status::Ok();
}

Result<DeviceInfo> MockExecutor::DeviceSetup(const std::string& host, const std::string& device,
                                             const std::string&, bool) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  if (!state_.devices.insert(host + "|" + device).second) {
    return Conflict("Device " + device + " on " + host + " is already initialized");
  }
  PersistLocked();
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
  state_.devices.erase(host + "|" + handle.name);
  PersistLocked();
  return Status::Ok();
}

Status MockExecutor::DeviceForget(const std::string& host, const DeviceHandle& handle) {
  return DeviceTeardown(host, handle);
}

Status MockExecutor::BrickCreate(const std::string& host, const BrickRequest& req) {
  Delay();
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  state_.bricks.insert(req.brick_id);
  state_.placed[req.brick_id] = PlacedBrick{host, req};
  PersistLocked();
  return Status::Ok();
}

Result<bool> MockExecutor::BrickDestroy(const std::string&, const BrickRequest& req) {
  Delay();
  std::lock_guard lock(mu_);
  state_.bricks.erase(req.brick_id);
  state_.placed.erase(req.brick_id);
  PersistLocked();
  return true;
}

Status MockExecutor::BrickExtend(const std::string& host, const BrickRequest& req,
                                 const BrickSize& grown) {
  Delay();
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  if (!state_.bricks.count(req.brick_id)) return NotFound("brick " + req.brick_id + " does not exist");
  if (grown.size_kib < req.size_kib || grown.tp_size_kib < grown.size_kib) {
    return InvalidArgument("brick " + req.brick_id + " cannot shrink");
  }
  // Inspection reports the grown LV from now on.
  auto placed = state_.placed.find(req.brick_id);
  if (placed != state_.placed.end()) {
    BrickRequest& r = placed->second.req;
    r.size_kib = grown.size_kib;
    r.tp_size_kib = grown.tp_size_kib;
    r.pool_meta_kib = std::max(r.pool_meta_kib, grown.pool_meta_kib);
    PersistLocked();
  }
  return Status::Ok();
}

Status MockExecutor::VolumeCreate(const std::string& host, const VolumeRequest& req) {
  Delay();
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  if (state_.volumes.count(req.name)) return Conflict("volume " + req.name + " already exists");
  const int64_t set = SetSizeOf(req);
  commands::GlusterVolume& v = state_.volumes[req.name];
  v.name = req.name;
  v.id = req.id;
  v.status = 1;
  v.status_str = "Started";
  v.replica_count = req.kind == VolumeRequest::Kind::kReplica ? req.replica : 1;
  v.arbiter_count = req.arbiter ? 1 : 0;
  v.disperse_count = req.kind == VolumeRequest::Kind::kDisperse ? req.data + req.redundancy : 0;
  v.redundancy_count = req.kind == VolumeRequest::Kind::kDisperse ? req.redundancy : 0;
  v.dist_count = set;
  for (size_t i = 0; i < req.bricks.size(); ++i) {
    const bool arbiter = req.arbiter && static_cast<int64_t>(i % set) == set - 1;
    v.bricks.push_back({BrickName(req.bricks[i]), "", arbiter});
  }
  v.brick_count = static_cast<int64_t>(v.bricks.size());
  SetGlusterType(v);
  PersistLocked();
  return Status::Ok();
}

Status MockExecutor::VolumeExpand(const std::string& host, const VolumeRequest& req) {
  Delay();
  std::lock_guard lock(mu_);
  auto it = state_.volumes.find(req.name);
  if (it == state_.volumes.end()) return NotFound("Volume " + req.name + " does not exist");
  const int64_t set = SetSizeOf(req);
  for (size_t i = 0; i < req.bricks.size(); ++i) {
    const bool arbiter = req.arbiter && static_cast<int64_t>(i % set) == set - 1;
    it->second.bricks.push_back({BrickName(req.bricks[i]), "", arbiter});
  }
  it->second.brick_count = static_cast<int64_t>(it->second.bricks.size());
  SetGlusterType(it->second);
  PersistLocked();
  return Status::Ok();
}

Status MockExecutor::VolumeDestroy(const std::string&, const std::string& name) {
  Delay();
  std::lock_guard lock(mu_);
  state_.volumes.erase(name);
  PersistLocked();
  return Status::Ok();
}

Status MockExecutor::VolumeClone(const std::string&, const std::string& origin,
                                 const std::string& clone_name) {
  std::lock_guard lock(mu_);
  auto it = state_.volumes.find(origin);
  if (it == state_.volumes.end()) return NotFound("Volume " + origin + " does not exist");
  if (state_.volumes.count(clone_name)) return Conflict("volume " + clone_name + " already exists");
  commands::GlusterVolume clone = it->second;
  clone.name = clone_name;
  clone.id.clear();
  // Clone bricks live in glusterd's snapshot area, as on a real node.
  for (size_t i = 0; i < clone.bricks.size(); ++i) {
    std::string& name = clone.bricks[i].name;
    name = name.substr(0, name.find(':')) + ":/run/gluster/snaps/" + clone_name + "/brick" +
           std::to_string(i + 1) + "/brick";
  }
  state_.volumes.emplace(clone_name, std::move(clone));
  PersistLocked();
  return Status::Ok();
}

Status MockExecutor::VolumeReplaceBrick(const std::string&, const std::string& volume,
                                        const BrickAddress& old_brick,
                                        const BrickAddress& new_brick) {
  std::lock_guard lock(mu_);
  auto it = state_.volumes.find(volume);
  if (it == state_.volumes.end()) return NotFound("Volume " + volume + " does not exist");
  for (auto& b : it->second.bricks) {
    if (b.name == BrickName(old_brick)) b.name = BrickName(new_brick);
  }
  PersistLocked();
  return Status::Ok();
}

Result<commands::GlusterVolume> MockExecutor::VolumeInfo(const std::string& host,
                                                         const std::string& name) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  auto it = state_.volumes.find(name);
  if (it == state_.volumes.end()) return NotFound("Volume " + name + " does not exist");
  return it->second;
}

Result<std::vector<commands::HealBrick>> MockExecutor::HealInfo(const std::string& host,
                                                                const std::string& name) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  auto it = state_.volumes.find(name);
  if (it == state_.volumes.end()) return NotFound("Volume " + name + " does not exist");
  std::vector<commands::HealBrick> out;
  for (const auto& b : it->second.bricks) out.push_back({b.name, b.host_uuid, "Connected", 0});
  return out;
}

size_t MockExecutor::DeviceCount() const {
  std::lock_guard lock(mu_);
  return state_.devices.size();
}

size_t MockExecutor::BrickCount() const {
  std::lock_guard lock(mu_);
  return state_.bricks.size();
}

size_t MockExecutor::VolumeCount() const {
  std::lock_guard lock(mu_);
  return state_.volumes.size();
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
