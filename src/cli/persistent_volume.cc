#include "cli/persistent_volume.h"

namespace brickyard::cli {

Json PersistentVolume(const Json& volume, const std::string& endpoint) {
  const std::string id = Str(volume, "id");
  Json pv;
  pv["kind"] = "PersistentVolume";
  pv["apiVersion"] = "v1";
  Json metadata;
  metadata["name"] = "glusterfs-" + id.substr(0, 8);
  metadata["creationTimestamp"] = nullptr;
  metadata["annotations"] = Json{{"pv.beta.kubernetes.io/gid", std::to_string(Int(volume, "gid"))}};
  pv["metadata"] = std::move(metadata);
  Json spec;
  spec["capacity"] = Json{{"storage", std::to_string(Int(volume, "size")) + "Gi"}};
  Json glusterfs;
  glusterfs["endpoints"] = endpoint.empty() ? std::string(kEndpointPlaceholder) : endpoint;
  glusterfs["path"] = Str(volume, "name");
  spec["glusterfs"] = std::move(glusterfs);
  spec["accessModes"] = Json::array({"ReadWriteMany"});
  spec["persistentVolumeReclaimPolicy"] = "Retain";
  pv["spec"] = std::move(spec);
  pv["status"] = Json::object();
  return pv;
}

std::string RenderPersistentVolume(const Json& pv) { return pv.dump(2); }

Json EndpointPatch(const Json& volume) {
  Json subsets = Json::array();
  for (const auto& host : Strs(Field(Field(volume, "mount"), "glusterfs"), "hosts")) {
    Json subset;
    subset["addresses"] = Json::array({Json{{"ip", host}}});
    subset["ports"] = Json::array({Json{{"port", 1}}});
    subsets.push_back(std::move(subset));
  }
  return Json{{"subsets", std::move(subsets)}};
}

}  // namespace brickyard::cli
