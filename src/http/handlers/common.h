// Request pieces shared by node and device handlers.
#pragma once

#include <string>
#include <utility>

#include "common/status.h"
#include "model/states.h"
#include "ops/topology_ops.h"

namespace brickyard::http {

// Decodes and validates a {"state","healcheck"} body.
Result<model::State> DecodeStateChange(const std::string& body);

// Decodes and validates a {"change_type","tags"} body.
Result<std::pair<ops::TagChange, model::Tags>> DecodeTagChange(const std::string& body);

}  // namespace brickyard::http
