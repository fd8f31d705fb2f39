// Topology operations: clusters, nodes, devices (spec heketi-api §6.2–6.4,
// provisioning §5.4). Cluster changes and tags are synchronous; node and
// device changes that touch nodes return a PreparedOp whose job does that.
//
// Errors are final answers: NotFound, Conflict (409), InvalidArgument (400),
// Unavailable when no node can vouch for the cluster.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "model/topology.h"
#include "ops/context.h"
#include "ops/prepared.h"

namespace brickyard::ops {

struct NodeAddSpec {
  std::string cluster;  // id or name
  int64_t zone = 1;
  std::vector<std::string> manage;
  std::vector<std::string> storage;
  model::Tags tags;
};

struct DeviceAddSpec {
  std::string node_id;
  std::string name;
  bool destroy_data = false;
  model::Tags tags;
};

enum class TagChange { kSet, kUpdate, kDelete };

class TopologyOps {
 public:
  explicit TopologyOps(Context& ctx) : ctx_(ctx) {}

  Result<model::Cluster> CreateCluster(bool file, bool block, const std::string& name);
  Status DeleteCluster(const std::string& id_or_name);
  Status SetClusterFlags(const std::string& id_or_name, bool file, bool block);

  Result<PreparedOp> PrepareNodeAdd(const NodeAddSpec& spec);
  Result<PreparedOp> PrepareNodeDelete(const std::string& node_id);
  Result<PreparedOp> PrepareNodeState(const std::string& node_id, model::State target);
  Result<model::Tags> SetNodeTags(const std::string& node_id, TagChange change,
                                  const model::Tags& tags);

  Result<PreparedOp> PrepareDeviceAdd(const DeviceAddSpec& spec);
  Result<PreparedOp> PrepareDeviceDelete(const std::string& device_id, bool force_forget);
  Result<PreparedOp> PrepareDeviceState(const std::string& device_id, model::State target);
  Result<PreparedOp> PrepareDeviceResync(const std::string& device_id);
  Result<model::Tags> SetDeviceTags(const std::string& device_id, TagChange change,
                                    const model::Tags& tags);

 private:
  Context& ctx_;
};

// Applies a tag change to `current` (set replaces, update merges, delete
// removes the named keys).
model::Tags ApplyTagChange(const model::Tags& current, TagChange change, const model::Tags& tags);

}  // namespace brickyard::ops
