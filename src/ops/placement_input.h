// Builds the pure placement module's inputs from the store and a volume.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "config/config.h"
#include "ops/health.h"
#include "placement/allocator.h"
#include "store/store.h"

namespace brickyard::ops {

// The cluster's nodes and devices as placement sees them: free space already
// net of every pending claim; unusable when offline, failed or known down.
// NotFound-free: a cluster without nodes yields an empty snapshot.
Result<placement::Snapshot> LoadSnapshot(store::ReadTx& tx, const std::string& cluster_id,
                                         const HealthCache& health);

// The placement request for `size_gib` more GiB of a volume with `durability`,
// snapshot factor and stored `options` (user.heketi.* steer placement).
placement::Request MakePlacementRequest(const config::GlusterfsConfig& cfg, int64_t size_gib,
                                        const model::Durability& durability,
                                        double snapshot_factor,
                                        const std::vector<std::string>& options);

// A seed derived from an id, so placement is reproducible per operation.
uint64_t SeedFromId(const std::string& id);

}  // namespace brickyard::ops
