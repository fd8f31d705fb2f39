#include "common/ids.h"
#include "ops/resolve.h"
#include "ops/topology_ops.h"

namespace brickyard::ops {

Result<model::Cluster> TopologyOps::CreateCluster(bool file, bool block, const std::string& name) {
  model::Cluster c;
  c.id = NewId();
  c.name = name;
  c.file = file;
  c.block = block;
  BY_RETURN_IF_ERROR(ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    if (!name.empty()) {
      auto existing = tx.FindClusterByName(name);
      if (existing.ok()) return Conflict("Cluster name " + name + " already in use by cluster " + existing->id);
    }
    return tx.PutCluster(c);
  }));
  return c;
}

Status TopologyOps::DeleteCluster(const std::string& id_or_name) {
  return ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::Cluster c, ResolveCluster(tx, id_or_name));
    BY_ASSIGN_OR_RETURN(auto nodes, tx.ListNodeIds(c.id));
    BY_ASSIGN_OR_RETURN(auto volumes, tx.ListClusterVolumeIds(c.id, /*include_pending=*/true));
    if (!nodes.empty() || !volumes.empty()) {
      return Conflict("Unable to delete cluster [" + c.id +
                      "] because it contains volumes and/or nodes");
    }
    return tx.DeleteCluster(c.id);
  });
}

Status TopologyOps::SetClusterFlags(const std::string& id_or_name, bool file, bool block) {
  return ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::Cluster c, ResolveCluster(tx, id_or_name));
    c.file = file;
    c.block = block;
    return tx.PutCluster(c);
  });
}

model::Tags ApplyTagChange(const model::Tags& current, TagChange change, const model::Tags& tags) {
  model::Tags out;
  switch (change) {
    case TagChange::kSet: return tags;
    case TagChange::kUpdate:
      out = current;
      for (const auto& [k, v] : tags) out[k] = v;
      return out;
    case TagChange::kDelete:
      out = current;
      for (const auto& [k, _] : tags) out.erase(k);
      return out;
  }
  return current;
}

}  // namespace brickyard::ops
