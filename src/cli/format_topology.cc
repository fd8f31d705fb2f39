#include "cli/format.h"

#include <algorithm>

namespace brickyard::cli {

namespace {

std::string Joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

// " k1:v1 k2:v2" in key order (Go templates range maps sorted).
std::string InlineTags(const Json& obj) {
  const Json& tags = Field(obj, "tags");
  std::vector<std::string> kv;
  if (tags.is_object())
    for (auto it = tags.begin(); it != tags.end(); ++it)
      kv.push_back(it.key() + ":" + (it.value().is_string() ? it.value().get<std::string>() : it.value().dump()));
  std::sort(kv.begin(), kv.end());
  std::string out;
  for (const auto& s : kv) out += " " + s;
  return out;
}

std::string Gib(const Json& obj, std::string_view key) { return std::to_string(KibToGib(Int(obj, key))); }

std::string Volume(const Json& v) {
  const Json& glusterfs = Field(Field(v, "mount"), "glusterfs");
  const Json& durability = Field(v, "durability");
  const std::string type = Str(durability, "type");
  std::string out = "\n\tName: " + Str(v, "name") + "\n\tSize: " + std::to_string(Int(v, "size")) +
                    "\n\tId: " + Str(v, "id") + "\n\tCluster Id: " + Str(v, "cluster") +
                    "\n\tMount: " + Str(glusterfs, "device") +
                    "\n\tMount Options: backup-volfile-servers=" +
                    Str(Field(glusterfs, "options"), "backup-volfile-servers") +
                    "\n\tDurability Type: " + type + "\n";
  if (type == "replicate") {
    out += "\tReplica: " + std::to_string(Int(Field(durability, "replicate"), "replica")) + "\n";
  } else if (type == "disperse") {
    const Json& d = Field(durability, "disperse");
    out += "\tDisperse Data: " + std::to_string(Int(d, "data")) + "\n";
    out += "\tDisperse Redundancy: " + std::to_string(Int(d, "redundancy")) + "\n";
  }
  const Json& snapshot = Field(v, "snapshot");
  if (Bool(snapshot, "enable")) {
    out += "\tSnapshot: Enabled\n\tSnapshot Factor: " + Fixed2(Num(snapshot, "factor")) + "\n";
  } else {
    out += "\tSnapshot: Disabled\n";
  }
  out += "\n\t\tBricks:\n";
  for (const auto& b : Arr(v, "bricks")) {
    out += "\t\t\tId: " + Str(b, "id") + "\n\t\t\tPath: " + Str(b, "path") +
           "\n\t\t\tSize (GiB): " + Gib(b, "size") + "\n\t\t\tNode: " + Str(b, "node") +
           "\n\t\t\tDevice: " + Str(b, "device") + "\n\n";
  }
  return out;
}

std::string Node(const Json& n) {
  const Json& hostnames = Field(n, "hostnames");
  std::string out = "\n\tNode Id: " + Str(n, "id") + "\n\tState: " + Str(n, "state") +
                    "\n\tCluster Id: " + Str(n, "cluster") +
                    "\n\tZone: " + std::to_string(Int(n, "zone")) +
                    "\n\tManagement Hostnames: " + Joined(Strs(hostnames, "manage"), ", ") +
                    "\n\tStorage Hostnames: " + Joined(Strs(hostnames, "storage"), ", ") + "\n";
  if (std::string tags = InlineTags(n); !tags.empty()) out += "\tTags:" + tags + "\n";
  out += "\tDevices:\n";
  for (const auto& d : Arr(n, "devices")) {
    const Json& storage = Field(d, "storage");
    out += "\t\tId:" + PadRight(Str(d, "id"), 35) + "State:" + PadRight(Str(d, "state"), 10) +
           "Size (GiB):" + PadRight(Gib(storage, "total"), 8) +
           "Used (GiB):" + PadRight(Gib(storage, "used"), 8) +
           "Free (GiB):" + PadRight(Gib(storage, "free"), 8) + "\n";
    if (std::string tags = InlineTags(d); !tags.empty()) out += "\t\t\tTags:" + tags + "\n";
    out += "\t\t\tKnown Paths: " + Joined(Strs(d, "paths"), " ") + "\n\n\t\t\tBricks:\n";
    for (const auto& b : Arr(d, "bricks")) {
      out += "\t\t\t\tId:" + PadRight(Str(b, "id"), 35) +
             "Size (GiB):" + PadRight(Gib(b, "size"), 8) + "Path: " + Str(b, "path") + "\n";
    }
  }
  return out;
}

}  // namespace

std::string FormatTopology(const Json& topology) {
  std::string out;
  for (const auto& c : Arr(topology, "clusters")) {
    out += "\nCluster Id: " + Str(c, "id") + "\n";
    if (std::string name = Str(c, "name"); !name.empty()) out += "Cluster Name: " + name + "\n";
    out += std::string("\n    File:  ") + (Bool(c, "file") ? "true" : "false") + "\n";
    out += std::string("    Block: ") + (Bool(c, "block") ? "true" : "false") + "\n";
    out += "\n    Volumes:\n";
    for (const auto& v : Arr(c, "volumes")) out += Volume(v);
    // A volume block already ends with a blank line.
    out += Arr(c, "volumes").empty() ? "\n    Nodes:\n" : "    Nodes:\n";
    for (const auto& n : Arr(c, "nodes")) out += Node(n);
    out += "\n";
  }
  return out;
}

}  // namespace brickyard::cli
