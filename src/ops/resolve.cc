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
  return tx.ListClusterMountHosts(cluster_id);
}

}  // namespace brickyard::ops
