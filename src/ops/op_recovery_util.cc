#include "ops/op_recovery_util.h"

#include "ops/volume_exec.h"

namespace brickyard::ops::recovery {

std::vector<std::string> ChangeIds(const model::PendingOp& op, model::ChangeType c) {
  std::vector<std::string> out;
  for (const auto& ch : op.changes) {
    if (ch.change == c) out.push_back(ch.id);
  }
  return out;
}

Result<model::OpChange> FirstChange(const model::PendingOp& op, model::ChangeType c) {
  for (const auto& ch : op.changes) {
    if (ch.change == c) return ch;
  }
  return NotFound("operation " + op.id + " records no '" + std::string(model::ChangeDescription(c)) +
                  "' change");
}

bool HasStep(const std::vector<model::OpStep>& steps, const std::string& name) {
  for (const auto& s : steps) {
    if (s.name == name) return true;
  }
  return false;
}

Result<std::vector<BrickOnNode>> LoadExistingBricks(store::ReadTx& tx,
                                                    const std::vector<std::string>& ids) {
  std::vector<model::Brick> bricks;
  for (const auto& id : ids) {
    auto b = tx.GetBrick(id);
    if (b.ok()) {
      bricks.push_back(std::move(b).value());
    } else if (b.status().code() != Code::kNotFound) {
      return b.status();
    }
  }
  return LoadBricksOnNodes(tx, bricks);
}

Result<std::optional<model::Volume>> FindVolume(store::ReadTx& tx, const std::string& id) {
  auto v = tx.GetVolume(id);
  if (v.ok()) return std::optional<model::Volume>(std::move(v).value());
  if (v.status().code() == Code::kNotFound) return std::optional<model::Volume>();
  return v.status();
}

Result<std::optional<executors::commands::GlusterVolume>> ReadGlusterVolume(
    Context& ctx, const std::string& cluster_id, const std::string& name) {
  std::optional<executors::commands::GlusterVolume> found;
  Status st = TryOnHosts(ctx, cluster_id, /*not_found_ok=*/true, [&](const std::string& host) {
    auto info = ctx.executor.VolumeInfo(host, name);
    if (!info.ok()) return info.status();
    found = std::move(info).value();
    return Status::Ok();
  });
  if (!st.ok()) return st.Prefixed("cannot read gluster volume " + name + ": ");
  return found;
}

bool HasBrick(const executors::commands::GlusterVolume& v, const BrickOnNode& brick) {
  const std::string name = brick.node.storage() + ":" + brick.brick.path;
  for (const auto& b : v.bricks) {
    if (b.name == name) return true;
  }
  return false;
}

Status DestroyGlusterVolume(Context& ctx, const std::string& cluster_id, const std::string& name) {
  Status st = TryOnHosts(ctx, cluster_id, /*not_found_ok=*/true,
                         [&](const std::string& host) { return ctx.executor.VolumeDestroy(host, name); });
  if (!st.ok()) return st.Prefixed("cannot delete gluster volume " + name + ": ");
  return Status::Ok();
}

void GrowVolumeSize(model::Volume& v, int64_t delta_gib) {
  v.size_gib += delta_gib;
  if (v.block) {
    int64_t free_add = delta_gib * 98 / 100;
    v.block_info.free_size += free_add;
    v.block_info.reserved_size += delta_gib - free_add;
  }
}

}  // namespace brickyard::ops::recovery
