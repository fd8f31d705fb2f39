// topology load (spec heketi-api §10.4): registers the clusters, nodes and
// devices of a topology file that the server does not know yet, printing
// heketi-cli's progress lines.
#pragma once

#include <ostream>
#include <string>

#include "cli/json_fields.h"
#include "client/client.h"

namespace brickyard::cli {

// Parses a topology file. Keys match case-insensitively (as Go's decoder);
// a device is a name string or {name, destroydata?, tags?}; cluster file /
// block default to true. Normalised shape:
// {"clusters":[{"file":b,"block":b,"nodes":[{"node":{...},"devices":[{"name","destroydata","tags"?}]}]}]}
// Errors: InvalidArgument "Unable to parse config file", also for a file
// nesting deeper than kMaxJsonDepth (common/json_depth.h).
Result<Json> ParseTopologyFile(const std::string& text);

// Runs the algorithm against `client` over a parsed file, writing progress
// lines to `out` (flushed as they are written). Node and device failures are
// printed and skipped; fetching the topology or creating a cluster fails the
// whole load. A cluster created by this run that ends up with no nodes and
// no volumes is deleted at the end.
Status LoadTopology(const client::Client& client, const Json& file, std::ostream& out);

}  // namespace brickyard::cli
