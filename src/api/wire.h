// Response bytes exactly as Heketi's Go encoder writes them
// (spec heketi-api §1).
//
// Go's json.Encoder writes compact JSON plus one trailing newline and escapes
// <, >, & and U+2028/U+2029 inside strings as \u003c, \u003e, \u0026,
// \u2028, \u2029. Invalid UTF-8 is replaced by U+FFFD rather than failing.
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "api/json_reader.h"

namespace brickyard::api {

// Compact encoding + "\n": every JSON response body.
std::string ToWire(const Json& value);

// 4-space indented encoding + "\n": /db/dump, /db/check and
// /internal/state/examine/gluster.
std::string ToWireIndented(const Json& value);

// A JSON number for a Go float: integral values print without a fraction
// ("1", not "1.0"), others in shortest round-trip form ("1.5").
Json GoFloat(double v);

}  // namespace brickyard::api
