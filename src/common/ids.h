// Object identifiers: 16 random bytes as 32 lower-case hex characters, the
// same shape as Heketi's, so existing clients and exported databases work.
#pragma once

#include <string>
#include <string_view>

namespace brickyard {

// Returns a fresh random id. Thread-safe.
std::string NewId();

// True if `s` is exactly 32 hex characters (either case).
bool IsId(std::string_view s);

// True if `s` is non-empty and only hex characters (the router's pattern).
bool IsHex(std::string_view s);

// Lower-cases an id as read from a path (route patterns accept upper case).
std::string ToLowerId(std::string_view s);

}  // namespace brickyard
