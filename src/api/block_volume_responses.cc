#include "api/block_volume_responses.h"

namespace brickyard::api {
namespace {

Json Encode(const model::BlockVolume& bv, bool with_auth, int64_t usable) {
  Json out = Json::object();
  out["size"] = bv.size_gib;
  out["name"] = bv.name;
  if (bv.ha_count != 0) out["hacount"] = bv.ha_count;
  if (with_auth && bv.auth) out["auth"] = true;
  out["id"] = bv.id;
  Json export_info = Json::object();
  export_info["hosts"] = bv.hosts;
  export_info["iqn"] = bv.iqn;
  export_info["lun"] = bv.lun;
  export_info["username"] = bv.username;
  export_info["password"] = bv.password;
  out["blockvolume"] = std::move(export_info);
  if (!bv.cluster_id.empty()) out["cluster"] = bv.cluster_id;
  if (!bv.hosting_volume_id.empty()) out["blockhostingvolume"] = bv.hosting_volume_id;
  if (usable != 0) out["usablesize"] = usable;
  return out;
}

}  // namespace

Json EncodeBlockVolume(const model::BlockVolume& bv) {
  return Encode(bv, /*with_auth=*/false,
                bv.usable_size_gib != 0 ? bv.usable_size_gib : bv.size_gib);
}

Json EncodeBlockVolumeDumpInfo(const model::BlockVolume& bv) {
  return Encode(bv, /*with_auth=*/true, bv.usable_size_gib);
}

}  // namespace brickyard::api
