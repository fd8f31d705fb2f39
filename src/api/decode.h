// The shared tail of every request's Decode: parse, read, and turn any
// failure into the one message Heketi sends (spec heketi-api §2.2, §6).
// Internal to api/.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "api/json_reader.h"
#include "common/status.h"

namespace brickyard::api {

// The 422 text of every endpoint except /admin and /internal/logging.
inline constexpr std::string_view kUnparsable = "request unable to be parsed";

// How a failed decode is reported.
enum class ParseErrorText {
  kPlain,     // Unparsable("request unable to be parsed")
  kDetailed,  // Unparsable("request unable to be parsed: <reason>")
};

// Decodes `body` into a default-constructed T through `read`.
template <typename T>
Result<T> DecodeRequest(std::string_view body, EmptyBody empty,
                        const std::function<void(ObjectReader&, T&)>& read,
                        ParseErrorText text = ParseErrorText::kPlain) {
  T out;
  Status s = ReadBody(body, empty, [&](ObjectReader& r) { read(r, out); });
  if (s.ok()) return out;
  if (text == ParseErrorText::kDetailed) {
    return Unparsable(std::string(kUnparsable) + ": " + s.message());
  }
  return Unparsable(std::string(kUnparsable));
}

}  // namespace brickyard::api
