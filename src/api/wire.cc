#include "api/wire.h"

#include <cmath>
#include <cstdint>

namespace brickyard::api {
namespace {

// Applies Go's HTML-safe escapes. Outside strings JSON text never contains
// these bytes, so every occurrence is inside a string and safe to rewrite.
std::string GoEscape(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < in.size() && in[i + 1] == '\x80' &&
               (in[i + 2] == '\xA8' || in[i + 2] == '\xA9')) {
      out += in[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string Dump(const Json& value, int indent) {
  return GoEscape(value.dump(indent, ' ', false, Json::error_handler_t::replace)) + "\n";
}

}  // namespace

std::string ToWire(const Json& value) { return Dump(value, -1); }

std::string ToWireIndented(const Json& value) { return Dump(value, 4); }

Json GoFloat(double v) {
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (std::isfinite(v) && std::trunc(v) == v && std::fabs(v) < kExactIntegers) {
    return static_cast<int64_t>(v);
  }
  return v;
}

}  // namespace brickyard::api
