#include "client/topology.h"

#include "client/parallel.h"
#include "common/json_object.h"

namespace brickyard::client {

namespace {

std::vector<std::string> Strings(const Json& array) {
  std::vector<std::string> out;
  if (!array.is_array()) return out;
  for (const auto& v : array)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

std::vector<Result<Json>> GetMany(const Client& client, const std::vector<std::string>& paths,
                                  size_t parallelism) {
  return ParallelMap(paths.size(), parallelism,
                     [&](size_t i) -> Result<Json> { return client.Get(paths[i]); });
}

Result<std::vector<Json>> GetAll(const Client& client, const std::vector<std::string>& paths,
                                 size_t parallelism) {
  std::vector<Json> out;
  out.reserve(paths.size());
  for (auto& r : GetMany(client, paths, parallelism)) {
    if (!r.ok()) return r.status();
    out.push_back(std::move(r).value());
  }
  return out;
}

Result<std::vector<Json>> FetchClusters(const Client& client, size_t parallelism) {
  BY_ASSIGN_OR_RETURN(Json list, client.Get("/clusters"));
  std::vector<std::string> paths;
  for (const auto& id : Strings(list.value("clusters", Json::array())))
    paths.push_back("/clusters/" + id);
  return GetAll(client, paths, parallelism);
}

Result<Json> FetchTopology(const Client& client, size_t parallelism) {
  BY_ASSIGN_OR_RETURN(std::vector<Json> clusters, FetchClusters(client, parallelism));

  // One round for every volume and node of every cluster.
  struct Listed {
    std::vector<std::string> volumes, nodes;
  };
  std::vector<Listed> listed;
  listed.reserve(clusters.size());
  std::vector<std::string> paths;
  for (const auto& c : clusters) {
    Listed l;
    if (auto it = c.find("volumes"); it != c.end()) l.volumes = Strings(*it);
    if (auto it = c.find("nodes"); it != c.end()) l.nodes = Strings(*it);
    for (const auto& v : l.volumes) paths.push_back("/volumes/" + v);
    for (const auto& n : l.nodes) paths.push_back("/nodes/" + n);
    listed.push_back(std::move(l));
  }
  auto results = GetMany(client, paths, parallelism);

  Json out = {{"clusters", Json::array()}};
  size_t k = 0;
  for (size_t ci = 0; ci < clusters.size(); ++ci) {
    const Json& c = clusters[ci];
    const std::string id = c.value("id", "");
    Json volumes = Json::array();
    Json nodes = Json::array();
    for (size_t i = 0; i < listed[ci].volumes.size(); ++i, ++k) {
      auto& r = results[k];
      if (!r.ok()) {
        if (r.status().code() == Code::kNotFound) continue;
        return r.status();
      }
      if (r->value("cluster", "") == id) volumes.push_back(std::move(*r));
    }
    for (size_t i = 0; i < listed[ci].nodes.size(); ++i, ++k) {
      auto& r = results[k];
      if (!r.ok()) {
        if (r.status().code() == Code::kNotFound) continue;
        return r.status();
      }
      nodes.push_back(std::move(*r));
    }
    Json entry = ObjectWithRoom(5);
    entry["volumes"] = std::move(volumes);
    entry["nodes"] = std::move(nodes);
    entry["id"] = id;
    entry["block"] = c.value("block", false);
    entry["file"] = c.value("file", false);
    out["clusters"].push_back(std::move(entry));
  }
  return out;
}

}  // namespace brickyard::client
