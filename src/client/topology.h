// Client-side views assembled from several requests: the server offers no
// topology, node-list or device-list endpoint (spec heketi-api §5, §6.12).
#pragma once

#include <string>
#include <vector>

#include "client/client.h"

namespace brickyard::client {

inline constexpr size_t kDefaultParallelism = 8;

// GETs every path, up to `parallelism` at a time; results in input order.
std::vector<Result<Json>> GetMany(const Client& client, const std::vector<std::string>& paths,
                                  size_t parallelism = kDefaultParallelism);

// Like GetMany, but fails with the first error in input order.
Result<std::vector<Json>> GetAll(const Client& client, const std::vector<std::string>& paths,
                                 size_t parallelism = kDefaultParallelism);

// The topology as heketi-cli builds it: GET /clusters, then every cluster,
// then every volume and node those clusters list (each round in parallel).
// Shape: {"clusters":[{"volumes":[VolumeInfo],"nodes":[NodeInfo],"id","block","file"}]},
// clusters in list order, volumes and nodes in each cluster's order. A
// volume is kept only if its "cluster" is that cluster; a volume or node
// that vanished between the requests (404) is left out.
Result<Json> FetchTopology(const Client& client, size_t parallelism = kDefaultParallelism);

// The ClusterInfo of every cluster, in GET /clusters order.
Result<std::vector<Json>> FetchClusters(const Client& client,
                                        size_t parallelism = kDefaultParallelism);

}  // namespace brickyard::client
