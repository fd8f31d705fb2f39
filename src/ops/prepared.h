// PreparedOp: the result of an operation's synchronous Build phase.
//
// Build has already validated the request, placed bricks, claimed space and
// recorded the pending operation in one store transaction. `run` executes the
// node steps and finalises (or rolls back) the store; it returns the result
// path for a 303, or "" for a 204. If the job can never be run (the queue
// refused it), `abandon` must be called instead to release what Build claimed.
#pragma once

#include <functional>
#include <string>

#include "common/status.h"

namespace brickyard::ops {

struct PreparedOp {
  std::function<Result<std::string>()> run;
  std::function<void()> abandon = [] {};
};

}  // namespace brickyard::ops
