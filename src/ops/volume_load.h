// Loading a settled volume with its bricks for an operation.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "model/volume.h"
#include "ops/bricks.h"
#include "store/store.h"

namespace brickyard::ops {

struct LoadedVolume {
  model::Volume volume;
  std::vector<BrickOnNode> bricks;  // set order
};

// True when the volume's create (or clone) has not finished: such a volume
// answers "Id not found" to every request (spec §6.5, DECISIONS #11).
Result<bool> IsBeingCreated(store::ReadTx& tx, const model::Volume& v);

// Loads a volume visible to clients. NotFound("Id not found") when missing or
// still being created.
Result<LoadedVolume> LoadVisibleVolume(store::ReadTx& tx, const std::string& id);

// Sorts bricks into set order (set index, then position).
void SortSetOrder(std::vector<model::Brick>& bricks);

}  // namespace brickyard::ops
