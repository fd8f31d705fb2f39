#include "ops/volume_exec.h"

#include "common/strings.h"

namespace brickyard::ops {

executors::VolumeRequest ToVolumeRequest(const model::Volume& v,
                                         const std::vector<BrickOnNode>& bricks) {
  executors::VolumeRequest r;
  r.name = v.name;
  r.id = v.id;
  for (const auto& b : bricks) r.bricks.push_back({b.node.storage(), b.brick.path});
  switch (v.durability.type) {
    case model::DurabilityType::kNone: r.kind = executors::VolumeRequest::Kind::kNone; break;
    case model::DurabilityType::kReplicate:
      r.kind = executors::VolumeRequest::Kind::kReplica;
      r.replica = v.durability.replica;
      break;
    case model::DurabilityType::kDisperse:
      r.kind = executors::VolumeRequest::Kind::kDisperse;
      r.data = v.durability.data;
      r.redundancy = v.durability.redundancy;
      break;
  }
  for (const auto& b : bricks) {
    if (b.brick.role == model::BrickRole::kArbiter) r.arbiter = true;
  }
  for (const auto& o : v.options) {
    if (!TrimSpace(o).empty()) r.options.push_back(o);
  }
  return r;
}

Status TryOnHosts(Context& ctx, const std::string& cluster_id, bool not_found_ok,
                  const std::function<Status(const std::string&)>& fn) {
  std::vector<model::Node> nodes;
  BY_RETURN_IF_ERROR(ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(nodes, tx.ListClusterNodes(cluster_id));
    return Status::Ok();
  }));
  std::vector<std::string> errors;
  for (const auto& n : nodes) {
    if (n.state != model::State::kOnline || ctx.health.IsKnownDown(n.id)) continue;
    Status st = fn(n.manage());
    if (st.ok() || (not_found_ok && st.code() == Code::kNotFound)) return Status::Ok();
    errors.push_back(n.manage() + ": " + st.message());
  }
  if (errors.empty()) return Unavailable("no hosts available");
  return Internal(Join(errors, "; "));
}

}  // namespace brickyard::ops
