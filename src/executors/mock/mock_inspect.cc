// MockExecutor: inspection, repair and the drift hooks of tests.
#include <algorithm>

#include "executors/commands/naming.h"
#include "executors/mock/mock_executor.h"

namespace brickyard::executors {
namespace {

std::string PathOf(const std::string& brick_name) {
  size_t colon = brick_name.find(':');
  return colon == std::string::npos ? brick_name : brick_name.substr(colon + 1);
}

std::string MountPointOf(const BrickRequest& req) {
  auto mp = commands::MountPointOf(req.path);
  return mp.ok() ? *mp : req.path;
}

commands::MountEntry MountOf(const BrickRequest& req, const std::string& opts) {
  return {commands::DevMapperPath(commands::VgName(req.device_id), req.lv_name), MountPointOf(req),
          "xfs", opts};
}

}  // namespace

MockExecutor::PlacedBrick* MockExecutor::FindPlacedByPath(const std::string& path) {
  for (auto& [id, b] : state_.placed) {
    if (b.req.path == path) return &b;
  }
  return nullptr;
}

Result<std::vector<commands::GlusterVolume>> MockExecutor::VolumesInfo(const std::string& host) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("glusterd is not running on " + host);
  std::vector<commands::GlusterVolume> out;
  for (const auto& [name, v] : state_.volumes) out.push_back(v);
  return out;
}

Result<std::vector<commands::GlusterPeer>> MockExecutor::PeerStatus(const std::string& host) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("glusterd is not running on " + host);
  std::vector<commands::GlusterPeer> out;
  for (const auto& peer : state_.pool) {
    if (peer == host) continue;
    const bool up = !down_.count(peer);
    out.push_back({"", peer, up, up ? "Peer in Cluster" : "Peer in Cluster (Disconnected)", {peer}});
  }
  return out;
}

Result<std::vector<commands::BrickProcess>> MockExecutor::VolumeStatus(const std::string& host,
                                                                      const std::string& name) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("glusterd is not running on " + host);
  auto it = state_.volumes.find(name);
  if (it == state_.volumes.end()) return NotFound("Volume " + name + " does not exist");
  std::vector<commands::BrickProcess> out;
  if (it->second.status_str != "Started") return out;
  for (const auto& b : it->second.bricks) {
    const std::string path = PathOf(b.name);
    const PlacedBrick* placed = FindPlacedByPath(path);
    if (placed != nullptr && down_.count(placed->host)) continue;  // its glusterd is down
    const bool online = placed == nullptr || (placed->process && placed->mounted);
    out.push_back({b.name.substr(0, b.name.find(':')), path, online, online ? 1000 : -1});
  }
  return out;
}

Result<std::vector<commands::NodeLv>> MockExecutor::BrickLvs(const std::string& host) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  std::vector<commands::NodeLv> out;
  for (const auto& [id, b] : state_.placed) {
    if (b.host != host || !b.lv) continue;
    const std::string vg = commands::VgName(b.req.device_id);
    out.push_back({vg, b.req.lv_name, b.req.tp_name, false, b.req.size_kib, 0});
    out.push_back({vg, b.req.tp_name, "", true, b.req.tp_size_kib, b.req.pool_meta_kib});
  }
  return out;
}

Result<std::vector<commands::MountEntry>> MockExecutor::BrickMounts(const std::string& host) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  std::vector<commands::MountEntry> out;
  for (const auto& [id, b] : state_.placed) {
    if (b.host == host && b.mounted) out.push_back(MountOf(b.req, "rw,noatime"));
  }
  return out;
}

Result<std::vector<commands::MountEntry>> MockExecutor::FstabBricks(const std::string& host) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  std::vector<commands::MountEntry> out;
  for (const auto& [id, b] : state_.placed) {
    if (b.host == host && b.fstab) out.push_back(MountOf(b.req, "rw,inode64,noatime,nouuid"));
  }
  return out;
}

Result<std::vector<std::string>> MockExecutor::BrickDirs(const std::string& host) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  std::vector<std::string> out;
  for (const auto& [id, b] : state_.placed) {
    if (b.host == host && b.dir) out.push_back(MountPointOf(b.req));
  }
  return out;
}

Status MockExecutor::VolumeStart(const std::string& host, const std::string& name, bool force) {
  Delay();
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("glusterd is not running on " + host);
  auto it = state_.volumes.find(name);
  if (it == state_.volumes.end()) return NotFound("Volume " + name + " does not exist");
  if (it->second.status_str == "Started" && !force) {
    return Conflict("volume start: " + name + ": failed: Volume " + name + " already started");
  }
  it->second.status = 1;
  it->second.status_str = "Started";
  for (const auto& b : it->second.bricks) {
    PlacedBrick* placed = FindPlacedByPath(PathOf(b.name));
    if (placed != nullptr && placed->mounted) placed->process = true;
  }
  PersistLocked();
  return Status::Ok();
}

Status MockExecutor::VolumeResetBrick(const std::string& host, const std::string& volume,
                                      const BrickAddress& brick) {
  Delay();
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("glusterd is not running on " + host);
  auto it = state_.volumes.find(volume);
  if (it == state_.volumes.end()) return NotFound("Volume " + volume + " does not exist");
  const std::string name = brick.host + ":" + brick.path;
  bool member = std::any_of(it->second.bricks.begin(), it->second.bricks.end(),
                            [&](const commands::GlusterBrick& b) { return b.name == name; });
  if (!member) return Internal("volume reset-brick: " + name + " is not a brick of " + volume);
  PlacedBrick* placed = FindPlacedByPath(brick.path);
  if (placed == nullptr || !placed->mounted) {
    return Internal("volume reset-brick: brick " + name + " has no storage");
  }
  placed->process = true;
  PersistLocked();
  return Status::Ok();
}

Status MockExecutor::VolumeHealFull(const std::string& host, const std::string& name) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("glusterd is not running on " + host);
  if (!state_.volumes.count(name)) return NotFound("Volume " + name + " does not exist");
  ++state_.heals;
  PersistLocked();
  return Status::Ok();
}

Status MockExecutor::BrickRemount(const std::string& host, const BrickRequest& req) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  auto it = state_.placed.find(req.brick_id);
  if (it == state_.placed.end() || it->second.host != host || !it->second.lv) {
    return NotFound(host + ": brick LV " + commands::VgName(req.device_id) + "/" + req.lv_name +
                    " does not exist");
  }
  it->second.mounted = it->second.fstab = it->second.dir = true;
  PersistLocked();
  return Status::Ok();
}

void MockExecutor::DropBrickStorage(const std::string& brick_id) {
  std::lock_guard lock(mu_);
  auto it = state_.placed.find(brick_id);
  if (it == state_.placed.end()) return;
  PlacedBrick& b = it->second;
  b.lv = b.mounted = b.fstab = b.dir = b.process = false;
  PersistLocked();
}

void MockExecutor::UnmountBrick(const std::string& brick_id) {
  std::lock_guard lock(mu_);
  auto it = state_.placed.find(brick_id);
  if (it == state_.placed.end()) return;
  it->second.mounted = it->second.process = false;
  PersistLocked();
}

void MockExecutor::StopVolume(const std::string& name) {
  std::lock_guard lock(mu_);
  auto it = state_.volumes.find(name);
  if (it == state_.volumes.end()) return;
  it->second.status = 2;
  it->second.status_str = "Stopped";
  PersistLocked();
}

void MockExecutor::AddForeignVolume(const commands::GlusterVolume& volume) {
  std::lock_guard lock(mu_);
  state_.volumes[volume.name] = volume;
  PersistLocked();
}

void MockExecutor::AddForeignBrick(const std::string& host, const BrickRequest& req) {
  std::lock_guard lock(mu_);
  state_.bricks.insert(req.brick_id);
  state_.placed[req.brick_id] = PlacedBrick{host, req};
  PersistLocked();
}

int64_t MockExecutor::HealsStarted() const {
  std::lock_guard lock(mu_);
  return state_.heals;
}

}  // namespace brickyard::executors
