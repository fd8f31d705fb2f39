#include "ops/dump_collect.h"

namespace brickyard::ops {

Result<api::DumpData> CollectDump(store::ReadTx& tx) {
  api::DumpData d;
  BY_ASSIGN_OR_RETURN(auto cluster_ids, tx.ListClusterIds());
  for (const auto& cid : cluster_ids) {
    BY_ASSIGN_OR_RETURN(model::Cluster c, tx.GetCluster(cid));
    d.clusters.push_back(c);
    BY_ASSIGN_OR_RETURN(auto node_ids, tx.ListNodeIds(cid));
    for (const auto& nid : node_ids) {
      BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(nid));
      d.nodes.push_back(n);
      BY_ASSIGN_OR_RETURN(auto device_ids, tx.ListDeviceIds(nid));
      for (const auto& did : device_ids) {
        BY_ASSIGN_OR_RETURN(model::Device dev, tx.GetDevice(did));
        d.devices.push_back(dev);
      }
    }
  }
  BY_ASSIGN_OR_RETURN(auto volume_ids, tx.ListVolumeIds(/*include_pending=*/true));
  for (const auto& vid : volume_ids) {
    BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(vid));
    d.volumes.push_back(v);
    BY_ASSIGN_OR_RETURN(auto bricks, tx.ListVolumeBricks(vid));
    for (auto& b : bricks) d.bricks.push_back(std::move(b));
  }
  BY_ASSIGN_OR_RETURN(auto blockvolume_ids, tx.ListBlockVolumeIds(/*include_pending=*/true));
  for (const auto& id : blockvolume_ids) {
    BY_ASSIGN_OR_RETURN(model::BlockVolume bv, tx.GetBlockVolume(id));
    d.blockvolumes.push_back(std::move(bv));
  }
  BY_ASSIGN_OR_RETURN(d.ops, tx.ListPendingOps());
  BY_ASSIGN_OR_RETURN(d.db_attributes, tx.ListDbAttributes());
  BY_ASSIGN_OR_RETURN(auto lvm_names, tx.ListBrickLvmNames());
  for (const auto& [brick_id, names] : lvm_names) {
    d.brick_lv_names[brick_id] = api::BrickLvNames{names.thin_pool, names.lv};
  }
  api::LinkByReferences(&d);
  return d;
}

}  // namespace brickyard::ops
