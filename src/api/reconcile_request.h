// POST /internal/state/reconcile (Brickyard extension):
// {"apply": bool, "adopt": bool, "findings": ["<finding id>", ...]}.
// `findings` empty or absent selects every finding with an automatic repair
// except adopt-volume, which `adopt: true` adds; at most 32 ids of 32 hex
// characters. A blank body is a dry run of every repair.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace brickyard::api {

struct ReconcileRequest {
  bool apply = false;
  bool adopt = false;  // with no findings named, adopt-volume repairs are selected too
  std::vector<std::string> findings;

  // Unparsable("request unable to be parsed: <reason>") for bad JSON or types.
  static Result<ReconcileRequest> Decode(std::string_view body);
  // InvalidArgument("validation failed: findings: ...") for bad ids.
  Status Validate() const;
};

}  // namespace brickyard::api
