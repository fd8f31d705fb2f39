// Request bodies of the brick, operations, admin and logging endpoints
// (spec heketi-api §6.7, §6.8, §6.10, §6.11). See api/requests.h for the
// Decode/Validate contract shared by every request type.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace brickyard::api {

// POST /bricks/to-evict/{id} with optional {"healcheck"}: "", enable or
// disable. A blank body is accepted.
struct BrickEvictRequest {
  std::string healcheck;

  static Result<BrickEvictRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /operations/pending/cleanup with optional {"operations":[ids]}: at
// most 32 UUIDs; empty means all. A blank body is accepted.
struct OpsCleanupRequest {
  std::vector<std::string> operations;

  static Result<OpsCleanupRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /admin {"state"}: normal | read-only | local-client.
// Decode failures carry the reason, as Heketi answers this endpoint with
// 400 `request unable to be parsed: <reason>` (the handler picks the status).
// Validate: `validation failed: state: cannot be blank.` /
// `validation failed: state: must be a valid value.`
struct AdminStateRequest {
  std::string state;

  static Result<AdminStateRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /internal/logging {"loglevel":{"glusterfs":"<level>"}}.
// Decode failures carry the reason, as for AdminStateRequest.
// Validate returns Unparsable (Heketi answers 422, not 400):
// `Only "glusterfs" logger may be modified` when that key is missing and
// `invalid log level: <x>` unless the level is "" (no change), none,
// critical, error, warning, info or debug.
struct LogLevelRequest {
  std::map<std::string, std::string> loglevel;

  static Result<LogLevelRequest> Decode(std::string_view body);
  Status Validate() const;
  // The requested glusterfs level ("" = no change). Valid after Validate().
  std::string Level() const;
};

}  // namespace brickyard::api
