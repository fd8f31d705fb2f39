#include "topology.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace brickyard::bench {

using nlohmann::json;

namespace {

Result<json> ParseBody(const HttpReply& r, const std::string& what) {
  try {
    return json::parse(r.body);
  } catch (const std::exception& e) {
    return Internal("unparsable answer to " + what + ": " + e.what());
  }
}

Result<json> GetJson(ApiClient& client, const std::string& path) {
  BY_ASSIGN_OR_RETURN(HttpReply r, client.Call("GET", path));
  return ParseBody(r, "GET " + path);
}

std::vector<std::string> Strings(const json& obj, const char* key) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

json MakeTopologyFile(int nodes, int devices, int zones) {
  json node_list = json::array();
  for (int i = 0; i < nodes; ++i) {
    json devs = json::array();
    for (int d = 0; d < devices; ++d) devs.push_back("/dev/bench" + std::to_string(d));
    const std::string ip = "10." + std::to_string((i >> 16) & 255) + "." +
                           std::to_string((i >> 8) & 255) + "." + std::to_string(i & 255);
    node_list.push_back(
        {{"node",
          {{"hostnames", {{"manage", {"bench-node-" + std::to_string(i)}}, {"storage", {ip}}}},
           {"zone", 1 + i % zones}}},
         {"devices", devs}});
  }
  return {{"clusters", json::array({{{"file", true}, {"block", false}, {"nodes", node_list}}})}};
}

Result<std::vector<std::string>> ClusterIds(ApiClient& client) {
  BY_ASSIGN_OR_RETURN(json list, GetJson(client, "/clusters"));
  return Strings(list, "clusters");
}

Status LoadTopologyViaApi(ApiClient& client, const json& file, PollPolicy poll) {
  // Like the CLI, start from what the server already has.
  BY_ASSIGN_OR_RETURN(std::vector<std::string> cluster_ids, ClusterIds(client));
  std::vector<std::string> known_nodes;  // manage hostnames
  for (const auto& cid : cluster_ids) {
    BY_ASSIGN_OR_RETURN(json c, GetJson(client, "/clusters/" + cid));
    for (const auto& nid : Strings(c, "nodes")) {
      BY_ASSIGN_OR_RETURN(json n, GetJson(client, "/nodes/" + nid));
      for (const auto& m : n["hostnames"]["manage"]) known_nodes.push_back(m.get<std::string>());
    }
  }
  for (const auto& cluster : file["clusters"]) {
    std::string cluster_id;
    for (const auto& entry : cluster["nodes"]) {
      const json& node = entry["node"];
      const std::string manage = node["hostnames"]["manage"][0].get<std::string>();
      if (std::find(known_nodes.begin(), known_nodes.end(), manage) != known_nodes.end()) continue;
      if (cluster_id.empty()) {
        json req = {{"file", cluster.value("file", true)}, {"block", cluster.value("block", true)}};
        BY_ASSIGN_OR_RETURN(HttpReply r, client.Call("POST", "/clusters", req.dump(), poll));
        BY_ASSIGN_OR_RETURN(json info, ParseBody(r, "POST /clusters"));
        cluster_id = info.value("id", "");
      }
      json req = node;
      req["cluster"] = cluster_id;
      BY_ASSIGN_OR_RETURN(HttpReply r, client.Call("POST", "/nodes", req.dump(), poll));
      BY_ASSIGN_OR_RETURN(json added, ParseBody(r, "POST /nodes"));
      const std::string node_id = added.value("id", "");
      for (const auto& dev : entry["devices"]) {
        json dreq = {{"node", node_id}, {"name", dev.get<std::string>()}};
        BY_ASSIGN_OR_RETURN(HttpReply d, client.Call("POST", "/devices", dreq.dump(), poll));
        (void)d;
      }
    }
  }
  return Status::Ok();
}

Result<json> FetchTopologyViaApi(int port, size_t parallelism, bool keep_alive) {
  // Each worker has its own connection; paths are taken from a shared index.
  auto run_round = [&](const std::vector<std::string>& paths) -> Result<std::vector<json>> {
    std::vector<json> out(paths.size());
    std::atomic<size_t> next{0};
    std::mutex mu;
    Status first_error;
    auto worker = [&] {
      ApiClient client(port, keep_alive);
      for (size_t i = next++; i < paths.size(); i = next++) {
        auto r = GetJson(client, paths[i]);
        if (r.ok()) {
          out[i] = std::move(r).value();
        } else if (r.status().message().find("HTTP 404") == std::string::npos) {
          std::lock_guard lock(mu);
          if (first_error.ok()) first_error = r.status();
        }  // a 404 is an object deleted between the rounds: left out
      }
    };
    std::vector<std::thread> threads;
    for (size_t t = 0; t < std::min(parallelism, paths.size()); ++t) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
    if (!first_error.ok()) return first_error;
    return out;
  };

  ApiClient client(port, keep_alive);
  BY_ASSIGN_OR_RETURN(std::vector<std::string> ids, ClusterIds(client));
  std::vector<std::string> cluster_paths;
  for (const auto& id : ids) cluster_paths.push_back("/clusters/" + id);
  BY_ASSIGN_OR_RETURN(std::vector<json> clusters, run_round(cluster_paths));

  std::vector<std::string> paths;
  for (const auto& c : clusters) {
    for (const auto& v : Strings(c, "volumes")) paths.push_back("/volumes/" + v);
    for (const auto& n : Strings(c, "nodes")) paths.push_back("/nodes/" + n);
  }
  BY_ASSIGN_OR_RETURN(std::vector<json> objects, run_round(paths));

  json topology = {{"clusters", json::array()}};
  size_t k = 0;
  for (const auto& c : clusters) {
    const std::string id = c.value("id", "");
    json entry = {{"volumes", json::array()}, {"nodes", json::array()}};
    for (size_t i = 0, n = Strings(c, "volumes").size(); i < n; ++i, ++k)
      if (objects[k].is_object() && objects[k].value("cluster", "") == id)
        entry["volumes"].push_back(std::move(objects[k]));
    for (size_t i = 0, n = Strings(c, "nodes").size(); i < n; ++i, ++k)
      if (objects[k].is_object()) entry["nodes"].push_back(std::move(objects[k]));
    entry["id"] = id;
    entry["block"] = c.value("block", false);
    entry["file"] = c.value("file", false);
    topology["clusters"].push_back(std::move(entry));
  }
  return topology;
}

}  // namespace brickyard::bench
