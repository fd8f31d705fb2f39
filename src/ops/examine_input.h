// What examine compares: one cluster as the store has it and as its nodes
// report it. Internal to examine.cc and examine_compare.cc (and their tests).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "executors/commands/gluster_parse.h"
#include "executors/commands/inspect_parse.h"
#include "model/topology.h"
#include "model/volume.h"
#include "ops/examine.h"

namespace brickyard::ops {

struct DbCluster {
  std::string id;
  std::vector<model::Node> nodes;      // node-id order
  std::vector<model::Device> devices;  // every device of the cluster's nodes
  std::vector<model::Volume> volumes;  // including pending ones
  std::map<std::string, std::vector<model::Brick>> bricks;  // by volume id
};

// Ids that the comparison must not report: objects with a pending marker,
// every id a pending operation names, and every brick id of the store.
struct Ownership {
  std::set<std::string> owned;        // pending objects and ids named by pending operations
  std::set<std::string> known_bricks;  // every brick id of the store, all clusters
  std::set<std::string> known_volumes;  // every volume id of the store, all clusters
};

struct NodeSeen {
  bool reachable = false;
  bool storage_read = false;  // the four lists below were read
  std::string error;
  std::vector<executors::commands::NodeLv> lvs;
  std::vector<executors::commands::MountEntry> mounts;
  std::vector<executors::commands::MountEntry> fstab;
  std::vector<std::string> dirs;
};

struct ClusterSeen {
  std::string working_node_id;  // "" when no node's glusterd answered
  std::vector<executors::commands::GlusterVolume> volumes;
  bool peers_read = false;
  std::vector<executors::commands::GlusterPeer> peers;  // as the working node sees them
  // `volume status` of started volumes of the store, by name; a volume
  // missing here was not queried or could not be read.
  std::map<std::string, std::vector<executors::commands::BrickProcess>> status;
  std::map<std::string, NodeSeen> nodes;  // by node id
};

// Name helpers of the comparison, shared with adoption. Pure.
// True when `host` is one of the node's storage or manage hostnames.
bool NamesNode(const model::Node& n, const std::string& host);
// The host and the path of a gluster brick name "<host>:<path>".
std::string HostOf(const std::string& brick_name);
std::string PathOf(const std::string& brick_name);
// The 32-hex id after `prefix` in `name` ("vg_<id>"), or "".
std::string IdAfter(std::string_view name, std::string_view prefix);
// {device id, brick id} of a mount point <mount root>/vg_<D>/brick_<B>, or
// two empty strings for any other path.
std::pair<std::string, std::string> IdsOfMountPoint(const std::string& mp);

// The findings for one cluster, ids filled in. Pure.
std::vector<Finding> CompareCluster(const DbCluster& db, const ClusterSeen& seen,
                                    const Ownership& ownership);

// One cluster read afresh: the store in one snapshot (ownership over every
// cluster), then its nodes.
struct ClusterState {
  DbCluster db;
  ClusterSeen seen;
  Ownership own;
};

// NotFound when the cluster is gone; store errors as they come. Node
// failures are recorded in `seen`, as ExamineGluster does.
Result<ClusterState> ReadClusterState(Context& ctx, const std::string& cluster_id);

}  // namespace brickyard::ops
