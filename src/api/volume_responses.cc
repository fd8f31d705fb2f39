#include "api/volume_responses.h"

#include <algorithm>

#include "api/topology_responses.h"
#include "api/wire.h"
#include "common/json_object.h"
#include "common/strings.h"

namespace brickyard::api {

Json EncodeMount(const std::string& volume_name, const std::vector<std::string>& hosts) {
  std::vector<std::string> backups;
  if (hosts.size() > 1) backups.assign(hosts.begin() + 1, hosts.end());
  Json glusterfs = Json::object();
  glusterfs["hosts"] = Json(hosts);
  glusterfs["device"] = hosts.empty() ? std::string() : hosts.front() + ":" + volume_name;
  glusterfs["options"] = {{"backup-volfile-servers", Join(backups, ",")}};
  return {{"glusterfs", std::move(glusterfs)}};
}

Json EncodeDurability(const model::Durability& durability) {
  Json replicate = Json::object();
  Json disperse = Json::object();
  switch (durability.type) {
    case model::DurabilityType::kReplicate:
      if (durability.replica != 0) replicate["replica"] = durability.replica;
      break;
    case model::DurabilityType::kDisperse:
      if (durability.data != 0) disperse["data"] = durability.data;
      if (durability.redundancy != 0) disperse["redundancy"] = durability.redundancy;
      break;
    case model::DurabilityType::kNone:
      break;
  }
  Json out = Json::object();
  out["type"] = model::DurabilityName(durability.type);
  out["replicate"] = std::move(replicate);
  out["disperse"] = std::move(disperse);
  return out;
}

Json EncodeVolumeInfo(const model::Volume& volume, const std::vector<std::string>& mount_hosts,
                      const std::vector<std::string>& blockvolume_ids) {
  Json out = ObjectWithRoom(14);  // with EncodeVolume's bricks
  out["size"] = volume.size_gib;
  out["name"] = volume.name;
  out["durability"] = EncodeDurability(volume.durability);
  if (volume.gid != 0) out["gid"] = volume.gid;
  if (!volume.options.empty()) out["glustervolumeoptions"] = volume.options;
  if (volume.block) out["block"] = true;
  out["snapshot"] = {{"enable", volume.snapshot_enable},
                     {"factor", GoFloat(volume.snapshot_enable ? volume.snapshot_factor : 1.0)}};
  out["id"] = volume.id;
  out["cluster"] = volume.cluster_id;
  out["mount"] = EncodeMount(volume.name, mount_hosts);
  Json blockinfo = Json::object();
  const model::BlockInfo& bi = volume.block_info;
  if (bi.free_size != 0) blockinfo["freesize"] = bi.free_size;
  if (bi.reserved_size != 0) blockinfo["reservedsize"] = bi.reserved_size;
  if (!blockvolume_ids.empty()) blockinfo["blockvolume"] = SortedIdArray(blockvolume_ids);
  if (!bi.restriction.empty()) blockinfo["restriction"] = bi.restriction;
  out["blockinfo"] = std::move(blockinfo);
  return out;
}

Json EncodeVolume(const model::Volume& volume, const std::vector<model::Brick>& bricks,
                  const std::vector<std::string>& mount_hosts,
                  const std::vector<std::string>& blockvolume_ids) {
  Json out = EncodeVolumeInfo(volume, mount_hosts, blockvolume_ids);
  std::vector<const model::Brick*> sorted;
  for (const auto& b : bricks) sorted.push_back(&b);
  std::sort(sorted.begin(), sorted.end(),
            [](const model::Brick* a, const model::Brick* b) { return a->id < b->id; });
  Json list = Json::array();
  for (const auto* b : sorted) list.push_back(EncodeBrick(*b));
  out["bricks"] = std::move(list);
  return out;
}

}  // namespace brickyard::api
