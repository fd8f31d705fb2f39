// MockExecutor: gluster-block, kept with the rest of the node state.
#include "common/ids.h"
#include "executors/mock/mock_executor.h"

namespace brickyard::executors {

Result<BlockVolumeExport> MockExecutor::BlockVolumeCreate(const std::string& host,
                                                          const BlockVolumeRequest& req) {
  Delay();
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  if (!state_.volumes.count(req.hosting_volume)) {
    return Internal("gluster-block failed: volume " + req.hosting_volume + " does not exist");
  }
  const std::string key = req.hosting_volume + "/" + req.name;
  if (state_.block_volumes.count(key)) {
    return Internal("gluster-block failed: BLOCK with name: '" + req.name + "' already EXIST");
  }
  commands::BlockState s;
  s.name = req.name;
  s.hosting_volume = req.hosting_volume;
  s.gbid = NewId();
  s.size_gib = req.size_gib;
  s.ha_count = req.ha_count;
  s.exported_on = req.hosts;
  BlockVolumeExport out;
  out.iqn = s.Iqn();
  if (req.auth) {
    out.username = s.gbid;
    out.password = NewId();
    s.password = out.password;
  }
  state_.block_volumes[key] = std::move(s);
  PersistLocked();
  return out;
}

Status MockExecutor::BlockVolumeDelete(const std::string& host, const std::string& hosting_volume,
                                       const std::string& name) {
  Delay();
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  if (state_.block_volumes.erase(hosting_volume + "/" + name) == 0) {
    return NotFound("gluster-block: block " + name + " doesn't exist");
  }
  PersistLocked();
  return Status::Ok();
}

Status MockExecutor::BlockVolumeExpand(const std::string& host, const std::string& hosting_volume,
                                       const std::string& name, int64_t size_gib) {
  Delay();
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  auto it = state_.block_volumes.find(hosting_volume + "/" + name);
  if (it == state_.block_volumes.end()) return NotFound("gluster-block: block " + name + " doesn't exist");
  it->second.size_gib = size_gib;
  PersistLocked();
  return Status::Ok();
}

Result<commands::BlockState> MockExecutor::BlockVolumeInfo(const std::string& host,
                                                           const std::string& hosting_volume,
                                                           const std::string& name) {
  std::lock_guard lock(mu_);
  if (down_.count(host)) return Unavailable("cannot reach " + host);
  auto it = state_.block_volumes.find(hosting_volume + "/" + name);
  if (it == state_.block_volumes.end()) return NotFound("gluster-block: block " + name + " doesn't exist");
  return it->second;
}

size_t MockExecutor::BlockVolumeCount() const {
  std::lock_guard lock(mu_);
  return state_.block_volumes.size();
}

}  // namespace brickyard::executors
