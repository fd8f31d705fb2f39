// Fuzz target: the Heketi database export decoder (api/dump.h), the
// migration path for files written by Heketi's `db export`. A decoded export
// is also re-linked and encoded again, as the import and `GET /db/dump` do.
// Contract checked: no crash, leak, UB or exception, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/dump.h"
#include "api/wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto dump = brickyard::api::DecodeDump(text);
  if (!dump.ok()) return 0;
  (void)brickyard::api::ToWireIndented(brickyard::api::EncodeDump(*dump));
  brickyard::api::LinkByReferences(&*dump);
  (void)brickyard::api::ToWireIndented(brickyard::api::EncodeDump(*dump));
  return 0;
}
