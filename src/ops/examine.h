// State examination (`state examine gluster`, spec provisioning §5.9): what
// the store says against what the storage nodes report, as a list of typed
// findings, each with the repair reconcile would apply.
//
// Examine only reads: the store in one snapshot, the nodes through the
// executor's InspectExecutor role. Objects that a live or pending operation
// owns (pending markers, ids named by a pending operation) are never reported
// as drift, so a repair can never race an operation.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "ops/context.h"

namespace brickyard::ops {

enum class FindingKind {
  kNodeUnreachable,   // glusterd down or node not reachable: nothing else known of it
  kVolumeMissing,     // in the store, not in gluster
  kVolumeUnknown,     // in gluster, not in the store
  kVolumeStopped,     // in both, gluster does not report it Started
  kBrickMismatch,     // a brick of the store is not where gluster has it (host or path)
  kBrickMissing,      // the brick's LV is gone from its node
  kBrickUnmounted,    // the LV is there, its mount or fstab line is not
  kBrickDown,         // storage in place, gluster reports the brick process offline
  kBrickLeaked,       // LV, mount, fstab line or directory of a brick the store does not know
  kPeerMissing,       // a node of the store is not a peer of its cluster's pool
  kPeerUnknown,       // a peer of the pool is no node of the store
};
std::string_view FindingKindName(FindingKind k);  // "brick-missing"

enum class RepairAction {
  kNone,           // reported only; an operator decides
  kStartVolume,    // volume start
  kStartBricks,    // volume start force (restarts brick processes)
  kRemountBrick,   // mount the LV, rewrite its fstab line, start bricks
  kRecreateBrick,  // new LV, mkfs, mount, fstab; reset-brick; full heal
  kRemoveLeaked,   // brick destroy of the leaked pieces
  kAdoptVolume,    // record a gluster volume and its bricks in the store (adopt.h); explicit only
};
std::string_view RepairActionName(RepairAction a);  // "recreate-brick"

struct Finding {
  std::string id;  // stable across examinations of the same drift (32 hex)
  FindingKind kind = FindingKind::kNodeUnreachable;
  std::string cluster_id;
  std::string node_id;    // "" when not about one node
  std::string host;       // the node's manage hostname, or a peer's name
  std::string volume_id;  // "" when unknown to the store
  std::string volume;     // gluster volume name
  std::string brick_id;   // store id, or the id in a leaked brick's names
  std::string device_id;
  std::string detail;     // what was seen, for people
  RepairAction repair = RepairAction::kNone;
  std::string repair_detail;  // what the repair does, or why there is none
};

// One node as examined.
struct NodeExamined {
  std::string id;
  std::string manage;
  bool reachable = false;
  std::string error;  // why not, when not reachable or partly unreadable
};

struct ClusterExamined {
  std::string id;
  std::vector<NodeExamined> nodes;
  std::vector<std::string> gluster_volumes;  // names, sorted; empty when no node answered
};

struct ExamineReport {
  std::vector<ClusterExamined> clusters;
  std::vector<Finding> findings;  // sorted by cluster, kind, then id
};

// Examines every cluster. Fails only when the store cannot be read; node
// failures become findings or NodeExamined errors.
Result<ExamineReport> ExamineGluster(Context& ctx);

}  // namespace brickyard::ops
