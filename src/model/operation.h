// Pending operations: the journal that records intent before any node is
// touched (spec provisioning §5.2). Type and change numbers are persisted and
// must never be renumbered.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace brickyard::model {

enum class OpType : int {
  kUnknown = 0,
  kCreateVolume = 1,
  kDeleteVolume = 2,
  kExpandVolume = 3,
  kCreateBlockVolume = 4,
  kDeleteBlockVolume = 5,
  kRemoveDevice = 6,
  kCloneVolume = 7,
  kEvictBrick = 8,
  kExpandBlockVolume = 9,
};

enum class ChangeType : int {
  kUnknown = 0,
  kAddBrick = 1,
  kAddVolume = 2,
  kDeleteBrick = 3,
  kDeleteVolume = 4,
  kExpandVolume = 5,
  kAddBlockVolume = 6,
  kDeleteBlockVolume = 7,
  kRemoveDevice = 8,
  kCloneVolume = 9,
  kSnapshotVolume = 10,
  kAddVolumeClone = 11,
  kChildOperation = 12,
  kParentOperation = 13,
  kExpandBlockVolume = 14,
};

std::string_view OpTypeName(OpType t);          // "create-volume"
std::string_view ChangeDescription(ChangeType c);  // "Add brick"

enum class OpStatus { kNew, kStale, kFailed };
std::string_view OpStatusName(OpStatus s);  // "", "stale", "failed"

struct OpChange {
  ChangeType change = ChangeType::kUnknown;
  std::string id;
  int64_t delta = 0;
};

// One step of an operation that has been completed on a node. Recorded so a
// restarted server knows exactly what to undo or finish.
struct OpStep {
  int64_t seq = 0;
  std::string name;    // e.g. "brick-create"
  std::string target;  // e.g. brick id
  int64_t at_unix = 0;
};

struct PendingOp {
  std::string id;
  OpType type = OpType::kUnknown;
  int64_t timestamp = 0;
  OpStatus status = OpStatus::kNew;
  std::vector<OpChange> changes;
};

}  // namespace brickyard::model
