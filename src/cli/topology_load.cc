#include "cli/topology_load.h"

#include <vector>

#include "client/topology.h"
#include "common/json_depth.h"
#include "common/strings.h"

namespace brickyard::cli {

namespace {

// Go's decoder matches keys case-insensitively, preferring an exact match.
const Json* FindCI(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  if (auto it = obj.find(std::string(key)); it != obj.end()) return &*it;
  for (auto it = obj.begin(); it != obj.end(); ++it)
    if (EqualsIgnoreCase(it.key(), key)) return &it.value();
  return nullptr;
}

Status ParseError() { return InvalidArgument("Unable to parse config file"); }

Result<std::vector<std::string>> StringList(const Json* v) {
  std::vector<std::string> out;
  if (!v || v->is_null()) return out;
  if (!v->is_array()) return ParseError();
  for (const auto& s : *v) {
    if (!s.is_string()) return ParseError();
    out.push_back(s.get<std::string>());
  }
  return out;
}

Result<Json> ParseNode(const Json& entry) {
  if (!entry.is_object()) return ParseError();
  Json out;
  const Json* node = FindCI(entry, "node");
  if (!node || !node->is_object()) return ParseError();
  Json req;
  const Json* zone = FindCI(*node, "zone");
  if (zone && !zone->is_null() && !zone->is_number_integer()) return ParseError();
  req["zone"] = zone && zone->is_number_integer() ? zone->get<int64_t>() : 0;
  const Json* hostnames = FindCI(*node, "hostnames");
  if (hostnames && !hostnames->is_object() && !hostnames->is_null()) return ParseError();
  Json empty = Json::object();
  const Json& h = hostnames && hostnames->is_object() ? *hostnames : empty;
  BY_ASSIGN_OR_RETURN(auto manage, StringList(FindCI(h, "manage")));
  BY_ASSIGN_OR_RETURN(auto storage, StringList(FindCI(h, "storage")));
  if (manage.empty()) return InvalidArgument("Unable to parse config file: a node has no management hostname");
  req["hostnames"] = {{"manage", manage}, {"storage", storage}};
  req["cluster"] = "";
  if (const Json* tags = FindCI(*node, "tags"); tags && tags->is_object() && !tags->empty())
    req["tags"] = *tags;
  out["node"] = std::move(req);
  out["devices"] = Json::array();
  const Json* devices = FindCI(entry, "devices");
  if (devices && !devices->is_null()) {
    if (!devices->is_array()) return ParseError();
    for (const auto& d : *devices) {
      Json dev;
      if (d.is_string()) {
        dev["name"] = d.get<std::string>();
      } else if (d.is_object()) {
        const Json* name = FindCI(d, "name");
        if (name && !name->is_string()) return ParseError();
        dev["name"] = name ? name->get<std::string>() : "";
        if (const Json* tags = FindCI(d, "tags"); tags && tags->is_object() && !tags->empty())
          dev["tags"] = *tags;
        const Json* destroy = FindCI(d, "destroydata");
        if (destroy && !destroy->is_boolean() && !destroy->is_null()) return ParseError();
        if (destroy && destroy->is_boolean() && destroy->get<bool>()) dev["destroydata"] = true;
      } else {
        return ParseError();
      }
      out["devices"].push_back(std::move(dev));
    }
  }
  return out;
}

Result<bool> OptionalBool(const Json& obj, std::string_view key) {
  const Json* v = FindCI(obj, key);
  if (!v || v->is_null()) return true;  // heketi-cli's default
  if (!v->is_boolean()) return ParseError();
  return v->get<bool>();
}

const Json* FindNode(const Json& topology, const std::string& manage) {
  for (const auto& c : Arr(topology, "clusters"))
    for (const auto& n : Arr(c, "nodes")) {
      auto names = Strs(Field(n, "hostnames"), "manage");
      if (!names.empty() && names[0] == manage) return &n;
    }
  return nullptr;
}

bool HasDevice(const Json& topology, const std::string& manage, const std::string& device) {
  for (const auto& c : Arr(topology, "clusters"))
    for (const auto& n : Arr(c, "nodes")) {
      auto names = Strs(Field(n, "hostnames"), "manage");
      if (names.empty() || names[0] != manage) continue;
      for (const auto& d : Arr(n, "devices"))
        if (Str(d, "name") == device) return true;
    }
  return false;
}

// First line of an error, as heketi-cli prints it inline.
std::string Inline(const Status& s) {
  const std::string& m = s.message();
  return m.substr(0, m.find('\n'));
}

}  // namespace

Result<Json> ParseTopologyFile(const std::string& text) {
  if (JsonNestsDeeperThan(text)) return ParseError();
  Json parsed;
  try {
    parsed = Json::parse(text);
  } catch (const std::exception&) {
    return ParseError();
  }
  if (!parsed.is_object()) return ParseError();
  Json out = {{"clusters", Json::array()}};
  const Json* clusters = FindCI(parsed, "clusters");
  if (!clusters || clusters->is_null()) return out;
  if (!clusters->is_array()) return ParseError();
  for (const auto& c : *clusters) {
    if (!c.is_object()) return ParseError();
    Json cluster;
    BY_ASSIGN_OR_RETURN(cluster["file"], OptionalBool(c, "file"));
    BY_ASSIGN_OR_RETURN(cluster["block"], OptionalBool(c, "block"));
    cluster["nodes"] = Json::array();
    if (const Json* nodes = FindCI(c, "nodes"); nodes && !nodes->is_null()) {
      if (!nodes->is_array()) return ParseError();
      for (const auto& n : *nodes) {
        BY_ASSIGN_OR_RETURN(Json node, ParseNode(n));
        cluster["nodes"].push_back(std::move(node));
      }
    }
    out["clusters"].push_back(std::move(cluster));
  }
  return out;
}

Status LoadTopology(const client::Client& client, const Json& file, std::ostream& out) {
  auto topology = client::FetchTopology(client);
  if (!topology.ok())
    return Status(topology.status().code(),
                  "Unable to get topology information: " + topology.status().message());
  std::vector<std::string> created;  // clusters this run created, for the final cleanup

  auto cleanup = [&] {
    for (auto it = created.rbegin(); it != created.rend(); ++it) {
      auto info = client.Get("/clusters/" + *it);
      if (info.ok() && Strs(*info, "nodes").empty() && Strs(*info, "volumes").empty())
        (void)client.Delete("/clusters/" + *it);
    }
  };

  for (const auto& cluster : Arr(file, "clusters")) {
    std::string current;  // this file cluster's cluster id, once known
    for (const auto& entry : Arr(cluster, "nodes")) {
      Json node = Field(entry, "node");
      const std::string manage = Strs(Field(node, "hostnames"), "manage").at(0);
      std::string node_id;
      std::string node_manage = manage;
      if (const Json* found = FindNode(*topology, manage)) {
        out << "\tFound node " << manage << " on cluster " << Str(*found, "cluster") << "\n" << std::flush;
        auto info = client.Get("/clusters/" + Str(*found, "cluster"));
        if (!info.ok()) {
          out << "Unable to get cluster information\n" << std::flush;
          cleanup();
          return Status(info.status().code(), "Unable to get cluster information");
        }
        current = Str(*info, "id");
        node_id = Str(*found, "id");
      } else {
        if (current.empty()) {
          out << "Creating cluster ... " << std::flush;
          Json req = {{"file", Bool(cluster, "file")}, {"block", Bool(cluster, "block")}};
          auto info = client.Post("/clusters", req);
          if (!info.ok()) {
            out << "\n" << std::flush;
            cleanup();
            return info.status();
          }
          current = Str(*info, "id");
          created.push_back(current);
          out << "ID: " << current << "\n";
          if (Bool(cluster, "file")) out << "\tAllowing file volumes on cluster.\n";
          if (Bool(cluster, "block")) out << "\tAllowing block volumes on cluster.\n";
          out << std::flush;
        }
        out << "\tCreating node " << manage << " ... " << std::flush;
        node["cluster"] = current;
        auto added = client.Post("/nodes", node);
        if (!added.ok()) {
          out << "Unable to create node: " << Inline(added.status()) << "\n" << std::flush;
          continue;
        }
        node_id = Str(*added, "id");
        auto names = Strs(Field(*added, "hostnames"), "manage");
        if (!names.empty()) node_manage = names[0];
        out << "ID: " << node_id << "\n" << std::flush;
      }

      for (const auto& device : Arr(entry, "devices")) {
        const std::string name = Str(device, "name");
        if (HasDevice(*topology, node_manage, name)) {
          out << "\t\tFound device " << name << "\n" << std::flush;
          continue;
        }
        out << "\t\tAdding device " << name << " ... " << std::flush;
        Json req;
        req["name"] = name;
        if (device.contains("tags")) req["tags"] = device["tags"];
        req["node"] = node_id;
        if (Bool(device, "destroydata")) req["destroydata"] = true;
        auto added = client.Post("/devices", req);
        if (!added.ok()) {
          out << "Unable to add device: " << Inline(added.status()) << "\n" << std::flush;
        } else {
          out << "OK\n" << std::flush;
        }
      }
    }
  }
  cleanup();
  return Status::Ok();
}

}  // namespace brickyard::cli
