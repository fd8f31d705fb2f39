// Fuzz target: the JSON parser of server responses and request bodies
// (common/json_parse.h) against nlohmann's own parser as the reference. The
// first input byte picks the mode: even, the whole text must be one value
// (the reference is parse()); odd, what follows the first value is ignored
// (the reference is operator>>). Contract checked: no crash, leak, UB or
// exception; it accepts exactly what the reference accepts, and what it
// builds dumps to the same text (values, member order, number types).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "common/json_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using Json = nlohmann::ordered_json;
  const bool ignore_tail = (data[0] & 1) != 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::optional<Json> expected;
  if (ignore_tail) {
    std::istringstream in{std::string(text)};
    Json value;
    try {
      in >> value;
      expected = std::move(value);
    } catch (const nlohmann::json::exception&) {
    }
  } else {
    Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!value.is_discarded()) expected = std::move(value);
  }
  auto got = brickyard::ParseOrderedJson(
      text, ignore_tail ? brickyard::JsonTail::kIgnored : brickyard::JsonTail::kRefused);
  if (!expected) {
    if (got.ok()) std::abort();  // accepted what the reference rejects
    return 0;
  }
  if (!got.ok()) std::abort();  // rejected what the reference accepts
  if (got->dump() != expected->dump()) std::abort();
  return 0;
}
