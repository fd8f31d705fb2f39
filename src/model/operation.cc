#include "model/operation.h"

namespace brickyard::model {

std::string_view OpTypeName(OpType t) {
  switch (t) {
    case OpType::kCreateVolume: return "create-volume";
    case OpType::kDeleteVolume: return "delete-volume";
    case OpType::kExpandVolume: return "expand-volume";
    case OpType::kCreateBlockVolume: return "create-block-volume";
    case OpType::kDeleteBlockVolume: return "delete-block-volume";
    case OpType::kRemoveDevice: return "remove-device";
    case OpType::kCloneVolume: return "clone-volume";
    case OpType::kEvictBrick: return "evict-brick";
    case OpType::kExpandBlockVolume: return "expand-block-volume";
    case OpType::kUnknown: break;
  }
  return "unknown";
}

std::string_view ChangeDescription(ChangeType c) {
  switch (c) {
    case ChangeType::kAddBrick: return "Add brick";
    case ChangeType::kAddVolume: return "Add volume";
    case ChangeType::kDeleteBrick: return "Delete brick";
    case ChangeType::kDeleteVolume: return "Delete volume";
    case ChangeType::kExpandVolume: return "Expand volume";
    case ChangeType::kAddBlockVolume: return "Add block volume";
    case ChangeType::kDeleteBlockVolume: return "Delete block volume";
    case ChangeType::kRemoveDevice: return "Remove device";
    case ChangeType::kCloneVolume: return "Clone volume from";
    case ChangeType::kSnapshotVolume: return "Snapshot volume";
    case ChangeType::kAddVolumeClone: return "Add volume clone";
    case ChangeType::kChildOperation: return "Child operation";
    case ChangeType::kParentOperation: return "Parent operation";
    case ChangeType::kExpandBlockVolume: return "Expand block volume";
    case ChangeType::kUnknown: break;
  }
  return "Unknown change";
}

std::string_view OpStatusName(OpStatus s) {
  switch (s) {
    case OpStatus::kNew: return "";
    case OpStatus::kStale: return "stale";
    case OpStatus::kFailed: return "failed";
  }
  return "";
}

}  // namespace brickyard::model
