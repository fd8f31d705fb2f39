// Node-side steps shared by volume operations.
#pragma once

#include <string>
#include <vector>

#include "executors/executor.h"
#include "model/topology.h"
#include "model/volume.h"
#include "ops/bricks.h"
#include "ops/context.h"

namespace brickyard::ops {

// The executor's request for `bricks` (in set order) of volume `v`.
executors::VolumeRequest ToVolumeRequest(const model::Volume& v,
                                         const std::vector<BrickOnNode>& bricks);

// Runs `fn(manage_host)` on the cluster's usable nodes in node-id order until
// one succeeds (spec provisioning §5.8). NotFound from fn counts as success
// when `not_found_ok`. Unavailable("no hosts available") if none was tried.
Status TryOnHosts(Context& ctx, const std::string& cluster_id, bool not_found_ok,
                  const std::function<Status(const std::string&)>& fn);

}  // namespace brickyard::ops
