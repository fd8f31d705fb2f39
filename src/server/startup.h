// Start-up reset: operations and jobs left by a previous run of the server.
#pragma once

#include "common/clock.h"
#include "common/status.h"
#include "store/store.h"

namespace brickyard::server {

// Marks every pending operation "stale" (spec provisioning §5.6) so it is
// reported, and fails every job that was still running, so clients polling
// it get an answer instead of waiting forever.
Status ResetLeftovers(store::Store& store, const Clock& clock);

}  // namespace brickyard::server
