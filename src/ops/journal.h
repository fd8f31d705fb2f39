// Journal helpers: record and close pending operations (spec provisioning
// §5.2). Every multi-step operation writes its record in the same store
// transaction as its Build, appends a step after each completed node action,
// and deletes the record in its Finalize or CleanDone transaction.
#pragma once

#include <string>

#include "common/status.h"
#include "model/operation.h"
#include "ops/context.h"

namespace brickyard::ops {

// Appends a completed step to operation `op_id`. Failure is logged, not
// returned: the node action already happened and the operation goes on.
void RecordStep(Context& ctx, const std::string& op_id, const std::string& name,
                const std::string& target);

}  // namespace brickyard::ops
