#include "ops/resolve.h"

#include "common/ids.h"

namespace brickyard::ops {

Result<model::Cluster> ResolveCluster(store::ReadTx& tx, const std::string& id_or_name) {
  if (IsId(id_or_name)) {
    auto c = tx.GetCluster(ToLowerId(id_or_name));
    if (c.ok() || c.status().code() != Code::kNotFound) return c;
  }
  return tx.FindClusterByName(id_or_name);
}

Result<std::vector<std::string>> MountHosts(store::ReadTx& tx, const std::string& cluster_id) {
  BY_ASSIGN_OR_RETURN(std::vector<std::string> node_ids, tx.ListNodeIds(cluster_id));
  std::vector<std::string> hosts;
  hosts.reserve(node_ids.size());
  for (const auto& id : node_ids) {
    BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(id));
    if (!n.storage_hostnames.empty()) hosts.push_back(n.storage_hostnames.front());
  }
  return hosts;
}

}  // namespace brickyard::ops
