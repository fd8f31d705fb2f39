#include "ops/volume_load.h"

#include <algorithm>
#include <tuple>

namespace brickyard::ops {

Result<bool> IsBeingCreated(store::ReadTx& tx, const model::Volume& v) {
  if (v.pending_op.empty()) return false;
  auto op = tx.GetPendingOp(v.pending_op);
  if (!op.ok()) return op.status().code() == Code::kNotFound ? Result<bool>(false) : op.status();
  return op->type == model::OpType::kCreateVolume || op->type == model::OpType::kCloneVolume;
}

void SortSetOrder(std::vector<model::Brick>& bricks) {
  std::sort(bricks.begin(), bricks.end(), [](const model::Brick& a, const model::Brick& b) {
    return std::tie(a.set_index, a.set_position, a.id) < std::tie(b.set_index, b.set_position, b.id);
  });
}

Result<LoadedVolume> LoadVisibleVolume(store::ReadTx& tx, const std::string& id) {
  LoadedVolume out;
  BY_ASSIGN_OR_RETURN(out.volume, tx.GetVolume(id));
  BY_ASSIGN_OR_RETURN(bool creating, IsBeingCreated(tx, out.volume));
  if (creating) return NotFound("Id not found");
  BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bricks, tx.ListVolumeBricks(id));
  SortSetOrder(bricks);
  BY_ASSIGN_OR_RETURN(out.bricks, LoadBricksOnNodes(tx, bricks));
  return out;
}

}  // namespace brickyard::ops
