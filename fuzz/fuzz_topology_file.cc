// Fuzz target: the topology file parser of `topology load`
// (cli/topology_load.h). Contract checked: no crash, leak, UB or exception;
// a file that parses yields the normalised shape the loader walks
// ({"clusters":[{"file","block","nodes":[{"node","devices"}]}]}).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "cli/topology_load.h"

namespace {

using brickyard::cli::Json;

bool IsNormalised(const Json& file) {
  if (!file.is_object() || !file.contains("clusters") || !file["clusters"].is_array()) return false;
  for (const Json& cluster : file["clusters"]) {
    if (!cluster["file"].is_boolean() || !cluster["block"].is_boolean()) return false;
    if (!cluster["nodes"].is_array()) return false;
    for (const Json& node : cluster["nodes"]) {
      if (!node["node"].is_object() || !node["devices"].is_array()) return false;
      for (const Json& device : node["devices"]) {
        if (!device.contains("name") || !device["name"].is_string()) return false;
      }
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto file = brickyard::cli::ParseTopologyFile(text);
  if (file.ok() && !IsNormalised(*file)) std::abort();
  return 0;
}
