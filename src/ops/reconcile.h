// Reconcile: the repairs examine proposes, applied on confirmation.
//
// PlanReconcile examines and returns the repairable findings selected (all
// of them when `finding_ids` is empty). PrepareReconcile validates the same
// way, then returns a job that examines afresh, and applies the repair of
// every selected finding still present, one at a time; a finding gone since
// is skipped. Before each repair the store is read again: an object that an
// operation has taken over since is left alone. Repairs are idempotent, so a
// crash or a failure leaves something the next examine reports again.
//
// Errors: InvalidArgument for an id that is not 32 hex characters; NotFound
// naming an id that no current finding has; Conflict for a finding whose
// repair is "none". The job fails with one line per failed repair.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "ops/context.h"
#include "ops/examine.h"
#include "ops/prepared.h"

namespace brickyard::ops {

Result<std::vector<Finding>> PlanReconcile(Context& ctx, const std::vector<std::string>& finding_ids);

Result<PreparedOp> PrepareReconcile(Context& ctx, const std::vector<std::string>& finding_ids);

// Applies the repair of one finding. Exposed for tests.
Status ApplyRepair(Context& ctx, const Finding& f);

}  // namespace brickyard::ops
