// Response objects of the cluster, node, device and brick endpoints, with
// Heketi's field names, order and omission rules (spec heketi-api §7).
//
// Id lists and object lists are emitted in ascending id order (§1) whatever
// order the caller passes. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "api/json_reader.h"
#include "model/topology.h"
#include "model/volume.h"

namespace brickyard::api {

// BrickInfo {"id","path","device","node","volume","size"}; size in KiB.
Json EncodeBrick(const model::Brick& brick);

// Heketi's DeviceInfo: {"name","tags"?,"storage":{"total","free","used"},
// "id","paths"?,"pv_uuid"?} (`?` = omitted when empty). The start of
// DeviceInfoResponse and the dump's device "Info".
Json EncodeDeviceInfo(const model::Device& device);

// DeviceInfoResponse: EncodeDeviceInfo + "state" + "bricks" (always an array).
Json EncodeDevice(const model::Device& device, const std::vector<model::Brick>& bricks);

struct DeviceWithBricks {
  model::Device device;
  std::vector<model::Brick> bricks;
};

// Heketi's NodeInfo: {"zone","hostnames":{"manage","storage"},"cluster",
// "tags"?,"id"}. The start of NodeInfoResponse and the dump's node "Info".
Json EncodeNodeInfo(const model::Node& node);

// NodeInfoResponse: EncodeNodeInfo + "state" + "devices" (full DeviceInfo
// objects with their bricks).
Json EncodeNode(const model::Node& node, const std::vector<DeviceWithBricks>& devices);

// ClusterInfo: {"id","name"?,"nodes","volumes","block","file","blockvolumes"}.
// "name" (Brickyard extension) appears only for a named cluster, so clients
// that never name clusters see Heketi's exact object.
Json EncodeCluster(const model::Cluster& cluster, const std::vector<std::string>& node_ids,
                   const std::vector<std::string>& volume_ids,
                   const std::vector<std::string>& blockvolume_ids);

// A tag map as a JSON object (keys sorted), the body of the tags endpoints.
Json EncodeTags(const model::Tags& tags);

// `ids` sorted ascending, as a JSON array.
Json SortedIdArray(std::vector<std::string> ids);

}  // namespace brickyard::api
