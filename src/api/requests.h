// Every request body the REST API accepts (spec heketi-api §6).
//
// Each request type T offers:
//   static Result<T> Decode(std::string_view body);
//     Reads `body` with Go encoding/json semantics (api/json_reader.h):
//     case-insensitive keys, unknown keys ignored, null keeps the default.
//     Malformed JSON, a type mismatch, or a blank body where the type needs
//     one -> Unparsable("request unable to be parsed") (422). AdminState and
//     LogLevel append ": <reason>", as Heketi does on those endpoints.
//     A blank (empty or whitespace-only) body decodes to the defaults for
//     ClusterCreate, DeviceDelete, VolumeClone, BrickEvict and OpsCleanup
//     requests; every other type requires a body.
//   Status Validate() const;
//     The checks that need no store, with Heketi's exact texts:
//     InvalidArgument("validation failed: field: problem; ….") (400) or the
//     endpoint's own message. LogLevelRequest answers Unparsable (422).
//
// Request members are named after their JSON keys. Values; thread-compatible.
#pragma once

#include "api/server_requests.h"
#include "api/topology_requests.h"
#include "api/volume_requests.h"
