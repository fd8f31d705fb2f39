#include "cli/format.h"

namespace brickyard::cli {

namespace {

std::string Lines(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += "\n";
    out += items[i];
  }
  return out;
}

}  // namespace

std::string FormatClusterCreated(const Json& cluster) {
  return "Cluster id: " + Str(cluster, "id") + "\n";
}

std::string FormatClusterList(const std::vector<Json>& clusters) {
  std::string out = "Clusters:\n";
  for (const auto& c : clusters) {
    std::string flags;
    if (Bool(c, "file")) flags += "[file]";
    if (Bool(c, "block")) flags += "[block]";
    if (flags.empty()) flags = "[]";
    out += "Id:" + Str(c, "id") + " " + flags;
    if (std::string name = Str(c, "name"); !name.empty()) out += " Name:" + name;
    out += "\n";
  }
  return out;
}

std::string FormatClusterInfo(const Json& cluster) {
  std::string out = "Cluster id: " + Str(cluster, "id") + "\n";
  if (std::string name = Str(cluster, "name"); !name.empty()) out += "Cluster name: " + name + "\n";
  out += "Nodes:\n" + Lines(Strs(cluster, "nodes"));
  out += "\nVolumes:\n" + Lines(Strs(cluster, "volumes"));
  out += std::string("\nBlock: ") + (Bool(cluster, "block") ? "true" : "false") + "\n";
  out += std::string("\nFile: ") + (Bool(cluster, "file") ? "true" : "false") + "\n";
  return out;
}

std::string FormatNodeList(const std::vector<Json>& clusters) {
  std::string out;
  for (const auto& c : clusters)
    for (const auto& n : Strs(c, "nodes")) out += "Id:" + n + "\tCluster:" + Str(c, "id") + "\n";
  return out;
}

}  // namespace brickyard::cli
