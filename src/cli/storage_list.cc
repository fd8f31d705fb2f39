#include "cli/storage_list.h"

namespace brickyard::cli {

std::vector<std::string> DefaultDbVolumeOptions() {
  return {"performance.stat-prefetch off", "performance.write-behind off",
          "performance.open-behind off",   "performance.quick-read off",
          "performance.strict-o-direct on", "performance.read-ahead off",
          "performance.io-cache off",      "performance.readdir-ahead off",
          "user.heketi.dbstoragelevel 1"};
}

std::string Base64(const std::string& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

Json HeketiStorageList(const Json& volume, const std::string& db, const std::string& image,
                       const std::map<std::string, std::string>& node_selector) {
  const std::string endpoints = "heketi-storage-endpoints";
  Json labels = {{"deploy-heketi", "support"}};

  Json secret = {{"kind", "Secret"},
                 {"apiVersion", "v1"},
                 {"metadata", {{"name", "heketi-storage-secret"}, {"creationTimestamp", nullptr},
                               {"labels", labels}}},
                 {"data", {{"heketi.db", Base64(db)}}}};

  Json subsets = Json::array();
  for (const auto& host : Strs(Field(Field(volume, "mount"), "glusterfs"), "hosts"))
    subsets.push_back({{"addresses", Json::array({{{"ip", host}}})}, {"ports", Json::array({{{"port", 1}}})}});
  Json ep = {{"kind", "Endpoints"},
             {"apiVersion", "v1"},
             {"metadata", {{"name", endpoints}, {"creationTimestamp", nullptr}, {"labels", labels}}},
             {"subsets", subsets}};

  Json service = {{"kind", "Service"},
                  {"apiVersion", "v1"},
                  {"metadata", {{"name", endpoints}, {"creationTimestamp", nullptr}, {"labels", labels}}},
                  {"spec", {{"ports", Json::array({{{"port", 1}, {"targetPort", 0}}})}}},
                  {"status", {{"loadBalancer", Json::object()}}}};

  Json pod_spec = {
      {"volumes",
       Json::array({{{"name", "heketi-storage"},
                     {"glusterfs", {{"endpoints", endpoints}, {"path", Str(volume, "name")}}}},
                    {{"name", "heketi-storage-secret"},
                     {"secret", {{"secretName", "heketi-storage-secret"}}}}})},
      {"containers",
       Json::array({{{"name", "heketi"},
                     {"image", image},
                     {"command", Json::array({"cp", "/db/heketi.db", "/heketi"})},
                     {"resources", Json::object()},
                     {"volumeMounts", Json::array({{{"name", "heketi-storage"}, {"mountPath", "/heketi"}},
                                                   {{"name", "heketi-storage-secret"}, {"mountPath", "/db"}}})}}})},
      {"restartPolicy", "Never"}};
  if (!node_selector.empty()) {
    Json sel = Json::object();
    for (const auto& [k, v] : node_selector) sel[k] = v;
    pod_spec["nodeSelector"] = sel;
  }
  Json job = {{"kind", "Job"},
              {"apiVersion", "batch/v1"},
              {"metadata", {{"name", "heketi-storage-copy-job"}, {"creationTimestamp", nullptr},
                            {"labels", labels}}},
              {"spec", {{"parallelism", 1},
                        {"completions", 1},
                        {"template", {{"metadata", {{"name", "heketi-storage-copy-job"},
                                                    {"creationTimestamp", nullptr}, {"labels", labels}}},
                                      {"spec", pod_spec}}}}},
              {"status", Json::object()}};

  return {{"kind", "List"},
          {"apiVersion", "v1"},
          {"metadata", Json::object()},
          {"items", Json::array({secret, service, ep, job})}};
}

}  // namespace brickyard::cli
