// Read models for the API: an object together with the related ids and
// children its JSON shows. Each loads only what one response needs.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "model/block_volume.h"
#include "model/topology.h"
#include "model/volume.h"
#include "store/store.h"

namespace brickyard::ops {

struct ClusterView {
  model::Cluster cluster;
  std::vector<std::string> node_ids;
  std::vector<std::string> volume_ids;  // settled volumes only
  std::vector<std::string> blockvolume_ids;  // block volumes not being created
};

struct DeviceView {
  model::Device device;
  std::vector<model::Brick> bricks;
};

struct NodeView {
  model::Node node;
  std::vector<DeviceView> devices;
};

struct VolumeView {
  model::Volume volume;
  std::vector<model::Brick> bricks;
  std::vector<std::string> mount_hosts;
  std::vector<std::string> blockvolume_ids;  // hosted block volumes not being created
};

// NotFound for a block volume that is still being created.
Result<model::BlockVolume> LoadBlockVolumeView(store::ReadTx& tx, const std::string& id);

Result<ClusterView> LoadClusterView(store::ReadTx& tx, const std::string& id_or_name);
Result<DeviceView> LoadDeviceView(store::ReadTx& tx, const std::string& id);
Result<NodeView> LoadNodeView(store::ReadTx& tx, const std::string& id);
// NotFound for a volume that is still being created.
Result<VolumeView> LoadVolumeView(store::ReadTx& tx, const std::string& id);

}  // namespace brickyard::ops
