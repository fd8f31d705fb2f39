// Brick eviction and device removal (spec provisioning §5.3 "Brick evict",
// "Device remove"): a brick is replaced by a new one on another valid device
// (never on a node already holding a brick of its set, zones kept apart when
// possible), the Gluster volume is switched over, then the old brick is
// destroyed. One brick at a time, so a failure leaves every set valid and a
// repeated removal resumes where it stopped.
#pragma once

#include <string>

#include "common/status.h"
#include "ops/context.h"
#include "ops/prepared.h"

namespace brickyard::ops {

// Replaces one brick. NotFound for an unknown brick; Conflict when the brick
// or its volume has an operation in progress; NoSpace (with the reason) when
// no replacement device fits.
Status EvictBrick(Context& ctx, const std::string& brick_id);

// Build-time checks for POST /bricks/to-evict/{id}, then a job that evicts.
Result<PreparedOp> PrepareEvict(Context& ctx, const std::string& brick_id);

// Moves every brick off the device, then marks it failed. The device must be
// offline (or already failed, to resume) unless `take_offline`, which node
// removal uses to take its online devices out of placement first.
Status RemoveDevice(Context& ctx, const std::string& device_id, bool take_offline = false);

}  // namespace brickyard::ops
