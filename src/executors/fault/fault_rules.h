// Fault rules: which executor call the fault injector disturbs, and how.
// TEST-ONLY: used by the "inject/mock" and "inject/ssh" executors so tests can
// fail a chosen call or kill the server at a chosen step.
//
// Text form (BRICKYARD_FAULTS): rules separated by ',' or ';', each
//   ACTION:WHEN:METHOD:N
// ACTION  fail (the call returns Internal("injected fault ...")) or kill
//         (the process dies of SIGKILL, as with kill -9);
// WHEN    before (the call does not reach the inner executor) or after (it
//         does, and its result is lost);
// METHOD  an executor method name, e.g. BrickCreate, VolumeCreate;
// N       which call of METHOD, counted from 1 in this process; "*" = every.
// Example: "kill:after:BrickCreate:2" kills the server once the second brick
// of the process has been created.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace brickyard::executors::fault {

struct FaultRule {
  enum class Action { kFail, kKill };
  enum class When { kBefore, kAfter };
  Action action = Action::kFail;
  When when = When::kBefore;
  std::string method;
  int64_t nth = 0;  // 1-based; 0 = every call
};

// The executor methods a rule may name.
const std::vector<std::string_view>& FaultMethods();

// Parses the text form. InvalidArgument naming the bad rule; "" is no rules.
Result<std::vector<FaultRule>> ParseFaultRules(std::string_view text);

}  // namespace brickyard::executors::fault
