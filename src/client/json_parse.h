// ParseResponseJson: parses a server response into an ordered_json document
// exactly as nlohmann::ordered_json::parse does (same values, member order,
// duplicate keys keep their first position and their last value; the whole
// text must be one JSON value), several times faster on large documents.
//
// nlohmann's own parser inserts members one by one into ordered_json's
// vector of pair<const string, json>; every growth of that vector copies
// all keys, since a const key cannot be moved. This parser gathers each
// object's members first and builds the object once at its end.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace brickyard::client {

// Errors: InvalidArgument with nlohmann's parse error message.
Result<nlohmann::ordered_json> ParseResponseJson(std::string_view text);

}  // namespace brickyard::client
