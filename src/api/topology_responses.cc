#include "api/topology_responses.h"

#include <algorithm>

#include "common/json_object.h"
#include "model/states.h"

namespace brickyard::api {
namespace {

template <typename T>
std::vector<const T*> SortedById(const std::vector<T>& items, const std::string& (*id)(const T&)) {
  std::vector<const T*> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(&item);
  std::sort(out.begin(), out.end(), [&](const T* a, const T* b) { return id(*a) < id(*b); });
  return out;
}

const std::string& BrickId(const model::Brick& b) { return b.id; }
const std::string& DeviceId(const DeviceWithBricks& d) { return d.device.id; }

}  // namespace

Json SortedIdArray(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  Json out = Json::array();
  for (auto& id : ids) out.push_back(std::move(id));
  return out;
}

Json EncodeTags(const model::Tags& tags) {
  Json out = Json::object();
  for (const auto& [k, v] : tags) out[k] = v;
  return out;
}

Json EncodeBrick(const model::Brick& brick) {
  Json out = Json::object();
  out["id"] = brick.id;
  out["path"] = brick.path;
  out["device"] = brick.device_id;
  out["node"] = brick.node_id;
  out["volume"] = brick.volume_id;
  out["size"] = brick.size_kib;
  return out;
}

Json EncodeDeviceInfo(const model::Device& device) {
  Json out = ObjectWithRoom(8);  // with EncodeDevice's two
  out["name"] = device.name;
  if (!device.tags.empty()) out["tags"] = EncodeTags(device.tags);
  out["storage"] = {{"total", device.total_kib}, {"free", device.free_kib}, {"used", device.used_kib}};
  out["id"] = device.id;
  if (!device.paths.empty()) out["paths"] = device.paths;
  if (!device.pv_uuid.empty()) out["pv_uuid"] = device.pv_uuid;
  return out;
}

Json EncodeDevice(const model::Device& device, const std::vector<model::Brick>& bricks) {
  Json out = EncodeDeviceInfo(device);
  out["state"] = model::StateName(device.state);
  Json list = Json::array();
  for (const auto* b : SortedById(bricks, &BrickId)) list.push_back(EncodeBrick(*b));
  out["bricks"] = std::move(list);
  return out;
}

Json EncodeNodeInfo(const model::Node& node) {
  Json out = ObjectWithRoom(8);  // with EncodeNode's two
  out["zone"] = node.zone;
  out["hostnames"] = {{"manage", Json(node.manage_hostnames)},
                      {"storage", Json(node.storage_hostnames)}};
  out["cluster"] = node.cluster_id;
  if (!node.tags.empty()) out["tags"] = EncodeTags(node.tags);
  out["id"] = node.id;
  return out;
}

Json EncodeNode(const model::Node& node, const std::vector<DeviceWithBricks>& devices) {
  Json out = EncodeNodeInfo(node);
  out["state"] = model::StateName(node.state);
  Json list = Json::array();
  for (const auto* d : SortedById(devices, &DeviceId)) {
    list.push_back(EncodeDevice(d->device, d->bricks));
  }
  out["devices"] = std::move(list);
  return out;
}

Json EncodeCluster(const model::Cluster& cluster, const std::vector<std::string>& node_ids,
                   const std::vector<std::string>& volume_ids,
                   const std::vector<std::string>& blockvolume_ids) {
  Json out = ObjectWithRoom(7);
  out["id"] = cluster.id;
  if (!cluster.name.empty()) out["name"] = cluster.name;
  out["nodes"] = SortedIdArray(node_ids);
  out["volumes"] = SortedIdArray(volume_ids);
  out["block"] = cluster.block;
  out["file"] = cluster.file;
  out["blockvolumes"] = SortedIdArray(blockvolume_ids);
  return out;
}

}  // namespace brickyard::api
