// Fuzz target: the client's response parser (client/json_parse.h), against
// nlohmann's own parser as the reference. Contract checked: no crash, leak,
// UB or exception; it accepts exactly what the reference accepts, and what
// it builds dumps to the same text (values, member order, number types).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "client/json_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using Json = nlohmann::ordered_json;
  Json expected = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto got = brickyard::client::ParseResponseJson(text);
  if (expected.is_discarded()) {
    if (got.ok()) std::abort();  // accepted what the reference rejects
    return 0;
  }
  if (!got.ok()) std::abort();  // rejected what the reference accepts
  if (got->dump() != expected.dump()) std::abort();
  return 0;
}
