// ParseOrderedJson: parses text into an ordered_json document exactly as
// nlohmann's own parser does (same values, member order, duplicate keys keep
// their first position and their last value), in time linear in the text.
//
// nlohmann's own parser inserts members one by one into ordered_json's
// vector of pair<const string, json>; every growth of that vector copies
// all keys, since a const key cannot be moved, and finds a key by
// comparing it with every member before it: quadratic in an object's size.
// This parser gathers each object's members first and builds the object
// once at its end.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace brickyard {

enum class JsonTail {
  kRefused,  // the whole text is one JSON value (nlohmann's parse())
  kIgnored,  // the first JSON value is read, what follows it is not (operator>>)
};

// Errors: InvalidArgument with nlohmann's parse error message (its
// exception's what()).
Result<nlohmann::ordered_json> ParseOrderedJson(std::string_view text,
                                                JsonTail tail = JsonTail::kRefused);

}  // namespace brickyard
