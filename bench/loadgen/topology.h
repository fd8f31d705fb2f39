// Topology files and the two topology workflows of heketi-cli, driven over
// the API by the load generator: `topology load` (spec heketi-api §10.4) and
// the `topology info` assembly (§6.12).
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "api_client.h"
#include "common/status.h"

namespace brickyard::bench {

// A topology file of one cluster: `nodes` nodes spread over `zones` zones,
// each with `devices` devices (/dev/bench0, /dev/bench1, ...). Hostnames are
// unique per node ("bench-node-<i>", storage 10.x.y.z).
nlohmann::json MakeTopologyFile(int nodes, int devices, int zones);

// What heketi-cli's `topology load` does, one request after the other: read
// the topology (§6.12), create the cluster, then POST every node and every
// device, waiting for each job. Nodes and devices already known are skipped.
// Errors: the first failing request.
Status LoadTopologyViaApi(ApiClient& client, const nlohmann::json& file, PollPolicy poll);

// The §6.12 assembly: GET /clusters, every /clusters/{id}, then every
// /volumes/{id} and /nodes/{id} those list, `parallelism` requests at a time
// (heketi-cli and brickyard-cli use 8), each body parsed as JSON. With
// `keep_alive` each of the parallel workers keeps one connection, as
// Heketi's Go client (Go's pooled transport) and brickyard-cli do; without,
// it opens a connection per request.
// Returns {"clusters":[{"volumes":[...],"nodes":[...],"id","block","file"}]}.
Result<nlohmann::json> FetchTopologyViaApi(int port, size_t parallelism, bool keep_alive);

// Ids of the clusters the server lists.
Result<std::vector<std::string>> ClusterIds(ApiClient& client);

}  // namespace brickyard::bench
