// Brick helpers shared by the volume operations: executing brick creation and
// destruction on the nodes in parallel, and the store-side accounting that
// returns a brick's space to its device.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "executors/executor.h"
#include "model/topology.h"
#include "model/volume.h"
#include "ops/context.h"
#include "placement/allocator.h"
#include "store/store.h"

namespace brickyard::ops {

// A brick with the node it lives on, as the executor needs it.
struct BrickOnNode {
  model::Brick brick;
  model::Node node;
};

// The on-node path of a brick: /var/lib/heketi/mounts/vg_<dev>/brick_<id>/brick.
std::string BrickPath(const std::string& device_id, const std::string& brick_id);

// The executor's request for a brick Brickyard made (tp_<id>, brick_<id>).
executors::BrickRequest ToBrickRequest(const model::Brick& b, int64_t gid);

// The requests for `bricks`, which hold every brick of their volume on each
// node that appears: as ToBrickRequest, except for snapshot-clone bricks
// (paths under glusterd's snapshot area), whose LV is glusterd's
// (SnapshotBrickLvName, numbered per node in gluster's brick order) and whose
// pool, their origin's, the executor looks up. InvalidArgument when a clone
// brick's path does not have glusterd's shape.
Result<std::vector<executors::BrickRequest>> ToBrickRequests(const std::vector<BrickOnNode>& bricks,
                                                             int64_t gid);

// A new brick with a fresh id for a placed position, owned by `op_id`.
model::Brick NewBrick(const placement::PlacedBrick& p, const std::string& volume_id,
                      const std::string& op_id);

// Loads each brick's node. NotFound if a brick or node is missing.
Result<std::vector<BrickOnNode>> LoadBricksOnNodes(store::ReadTx& tx,
                                                   const std::vector<model::Brick>& bricks);

// Creates every brick on its node in parallel. On any failure destroys the
// bricks that were created and returns the first error, naming the node.
Status CreateBricks(Context& ctx, const std::vector<BrickOnNode>& bricks, int64_t gid);

// Destroys every brick on its node in parallel. Bricks already gone count as
// destroyed. Returns the first error, naming the node. Snapshot-clone bricks
// must come with their volume's other bricks on the same node
// (ToBrickRequests).
Status DestroyBricks(Context& ctx, const std::vector<BrickOnNode>& bricks, int64_t gid);

// Deletes `brick` from the store and credits its accounted space back to its
// device, keeping total == free + used.
Status ReleaseBrick(store::WriteTx& tx, const model::Brick& brick);

// Debits a new brick's accounted space from its device and stores the brick.
// Conflict if the device no longer has the space.
Status ClaimBrick(store::WriteTx& tx, const model::Brick& brick);

}  // namespace brickyard::ops
