// Lookups shared by several operations.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "store/store.h"

namespace brickyard::ops {

// Resolves a cluster reference, which is an id or (Brickyard extension) a
// cluster name. Returns NotFound("Id not found") when neither matches.
Result<model::Cluster> ResolveCluster(store::ReadTx& tx, const std::string& id_or_name);

// Storage hostnames (first of each) of the cluster's nodes, in node-id order:
// the volume mount hosts of spec heketi-api §7.
Result<std::vector<std::string>> MountHosts(store::ReadTx& tx, const std::string& cluster_id);

}  // namespace brickyard::ops
