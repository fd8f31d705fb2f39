// heketi-cli's human-readable output (spec heketi-api §10.2–10.3), as pure
// functions from the API's JSON to text. Each result ends with a newline
// where heketi-cli's does; callers print it verbatim.
#pragma once

#include <string>
#include <vector>

#include "cli/json_fields.h"

namespace brickyard::cli {

// cluster create: "Cluster id: <id>".
std::string FormatClusterCreated(const Json& cluster);
// cluster list, given every ClusterInfo: "Clusters:" then "Id:<id> [file][block]"
// (plus " Name:<name>" for a named cluster).
std::string FormatClusterList(const std::vector<Json>& clusters);
// cluster info.
std::string FormatClusterInfo(const Json& cluster);

// node add: "Node information:" block.
std::string FormatNodeAdded(const Json& node);
// node info, with one fixed-width line per device.
std::string FormatNodeInfo(const Json& node);
// node list, given every ClusterInfo: "Id:<node>\tCluster:<cluster>".
std::string FormatNodeList(const std::vector<Json>& clusters);

// device info.
std::string FormatDeviceInfo(const Json& device);

// The volume block of volume create/info/expand/clone.
std::string FormatVolume(const Json& volume);
// volume list, given every VolumeInfo in list order.
std::string FormatVolumeList(const std::vector<Json>& volumes);

// The block volume block of blockvolume create/info/expand.
std::string FormatBlockVolume(const Json& blockvolume);
// blockvolume list, given every BlockVolumeInfo in list order.
std::string FormatBlockVolumeList(const std::vector<Json>& blockvolumes);

// topology info over the client-assembled topology (spec §6.12).
std::string FormatTopology(const Json& topology);

// server operations info (counts), info <id> (details) and list.
std::string FormatOperationCounts(const Json& counts);
std::string FormatOperationDetails(const Json& op);
std::string FormatOperationList(const Json& list);

}  // namespace brickyard::cli
