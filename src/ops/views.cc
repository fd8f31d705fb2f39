#include "ops/views.h"

#include "ops/resolve.h"
#include "ops/volume_load.h"

namespace brickyard::ops {

Result<ClusterView> LoadClusterView(store::ReadTx& tx, const std::string& id_or_name) {
  ClusterView v;
  BY_ASSIGN_OR_RETURN(v.cluster, ResolveCluster(tx, id_or_name));
  BY_ASSIGN_OR_RETURN(v.node_ids, tx.ListNodeIds(v.cluster.id));
  BY_ASSIGN_OR_RETURN(v.volume_ids, tx.ListClusterVolumeIds(v.cluster.id, /*include_pending=*/false));
  BY_ASSIGN_OR_RETURN(v.blockvolume_ids,
                      tx.ListClusterBlockVolumeIds(v.cluster.id, /*include_pending=*/false));
  return v;
}

Result<DeviceView> LoadDeviceView(store::ReadTx& tx, const std::string& id) {
  DeviceView v;
  BY_ASSIGN_OR_RETURN(v.device, tx.GetDevice(id));
  BY_ASSIGN_OR_RETURN(v.bricks, tx.ListDeviceBricks(id));
  return v;
}

Result<NodeView> LoadNodeView(store::ReadTx& tx, const std::string& id) {
  NodeView v;
  BY_ASSIGN_OR_RETURN(v.node, tx.GetNode(id));
  BY_ASSIGN_OR_RETURN(std::vector<std::string> device_ids, tx.ListDeviceIds(id));
  for (const auto& d : device_ids) {
    BY_ASSIGN_OR_RETURN(DeviceView dv, LoadDeviceView(tx, d));
    v.devices.push_back(std::move(dv));
  }
  return v;
}

Result<VolumeView> LoadVolumeView(store::ReadTx& tx, const std::string& id) {
  VolumeView v;
  BY_ASSIGN_OR_RETURN(v.volume, tx.GetVolume(id));
  BY_ASSIGN_OR_RETURN(bool creating, IsBeingCreated(tx, v.volume));
  if (creating) return NotFound("Id not found");
  BY_ASSIGN_OR_RETURN(v.bricks, tx.ListVolumeBricks(id));
  BY_ASSIGN_OR_RETURN(v.mount_hosts, MountHosts(tx, v.volume.cluster_id));
  BY_ASSIGN_OR_RETURN(v.blockvolume_ids, tx.ListHostedBlockVolumeIds(id, /*include_pending=*/false));
  return v;
}

Result<model::BlockVolume> LoadBlockVolumeView(store::ReadTx& tx, const std::string& id) {
  BY_ASSIGN_OR_RETURN(model::BlockVolume bv, tx.GetBlockVolume(id));
  if (!bv.pending_op.empty()) {
    BY_ASSIGN_OR_RETURN(model::PendingOp op, tx.GetPendingOp(bv.pending_op));
    if (op.type == model::OpType::kCreateBlockVolume) return NotFound("Id not found");
  }
  return bv;
}

}  // namespace brickyard::ops
