#include "cli/format.h"

#include <algorithm>

namespace brickyard::cli {

namespace {

std::string First(const Json& node, std::string_view kind) {
  auto names = Strs(Field(node, "hostnames"), kind);
  return names.empty() ? std::string() : names[0];
}

// "Tags:" then "  k: v" per tag in key order; nothing without tags.
std::string TagBlock(const Json& obj) {
  const Json& tags = Field(obj, "tags");
  if (!tags.is_object() || tags.empty()) return "";
  std::vector<std::pair<std::string, std::string>> kv;
  for (auto it = tags.begin(); it != tags.end(); ++it)
    kv.emplace_back(it.key(), it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
  std::sort(kv.begin(), kv.end());
  std::string out = "Tags:\n";
  for (const auto& [k, v] : kv) out += "  " + k + ": " + v + "\n";
  return out;
}

}  // namespace

std::string FormatNodeAdded(const Json& node) {
  return "Node information:\nId: " + Str(node, "id") + "\nState: " + Str(node, "state") +
         "\nCluster Id: " + Str(node, "cluster") + "\nZone: " + std::to_string(Int(node, "zone")) +
         "\nManagement Hostname " + First(node, "manage") + "\nStorage Hostname " +
         First(node, "storage") + "\n";
}

std::string FormatNodeInfo(const Json& node) {
  std::string out = "Node Id: " + Str(node, "id") + "\nState: " + Str(node, "state") +
                    "\nCluster Id: " + Str(node, "cluster") +
                    "\nZone: " + std::to_string(Int(node, "zone")) +
                    "\nManagement Hostname: " + First(node, "manage") +
                    "\nStorage Hostname: " + First(node, "storage") + "\n";
  out += TagBlock(node);
  out += "Devices:\n";
  for (const auto& d : Arr(node, "devices")) {
    const Json& storage = Field(d, "storage");
    out += "Id:" + PadRight(Str(d, "id"), 35) + "Name:" + PadRight(Str(d, "name"), 20) +
           "State:" + PadRight(Str(d, "state"), 10) +
           "Size (GiB):" + PadRight(std::to_string(KibToGib(Int(storage, "total"))), 8) +
           "Used (GiB):" + PadRight(std::to_string(KibToGib(Int(storage, "used"))), 8) +
           "Free (GiB):" + PadRight(std::to_string(KibToGib(Int(storage, "free"))), 8) +
           "Bricks:" + PadRight(std::to_string(Arr(d, "bricks").size()), 8) + "\n";
  }
  return out;
}

std::string FormatDeviceInfo(const Json& device) {
  const Json& storage = Field(device, "storage");
  std::string out = "Device Id: " + Str(device, "id") + "\nState: " + Str(device, "state") +
                    "\nSize (GiB): " + std::to_string(KibToGib(Int(storage, "total"))) +
                    "\nUsed (GiB): " + std::to_string(KibToGib(Int(storage, "used"))) +
                    "\nFree (GiB): " + std::to_string(KibToGib(Int(storage, "free"))) +
                    "\nCreate Path: " + Str(device, "name") +
                    "\nPhysical Volume UUID: " + Str(device, "pv_uuid") + "\nKnown Paths: ";
  auto paths = Strs(device, "paths");
  for (size_t i = 0; i < paths.size(); ++i) out += (i ? " " : "") + paths[i];
  out += "\n" + TagBlock(device) + "Bricks:\n";
  for (const auto& b : Arr(device, "bricks")) {
    out += "Id:" + PadRight(Str(b, "id"), 35) +
           "Size (GiB):" + PadRight(std::to_string(KibToGib(Int(b, "size"))), 8) +
           "Path: " + Str(b, "path") + "\n";
  }
  return out;
}

}  // namespace brickyard::cli
