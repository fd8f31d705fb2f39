// Helpers shared by the recovery functions of op_recovery_*.cc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "executors/commands/gluster_parse.h"
#include "model/operation.h"
#include "ops/bricks.h"
#include "ops/context.h"

namespace brickyard::ops::recovery {

// Ids of the op's changes of kind `c`, in record order.
std::vector<std::string> ChangeIds(const model::PendingOp& op, model::ChangeType c);

// The first change of kind `c`, or NotFound naming the op.
Result<model::OpChange> FirstChange(const model::PendingOp& op, model::ChangeType c);

bool HasStep(const std::vector<model::OpStep>& steps, const std::string& name);

// The bricks among `ids` still in the store, with their nodes; missing ones
// are skipped.
Result<std::vector<BrickOnNode>> LoadExistingBricks(store::ReadTx& tx,
                                                    const std::vector<std::string>& ids);

// The volume, or nullopt when the store no longer has it.
Result<std::optional<model::Volume>> FindVolume(store::ReadTx& tx, const std::string& id);

// Gluster's view of volume `name` from the first usable node of the cluster
// that answers; nullopt when Gluster says it does not exist. Unavailable or
// Internal when no node answered.
Result<std::optional<executors::commands::GlusterVolume>> ReadGlusterVolume(
    Context& ctx, const std::string& cluster_id, const std::string& name);

// Whether `brick` ("<storage host>:<path>") is one of `v`'s bricks.
bool HasBrick(const executors::commands::GlusterVolume& v, const BrickOnNode& brick);

// Stops and deletes Gluster volume `name` on the first usable node of the
// cluster that manages to; a volume that does not exist counts as deleted.
Status DestroyGlusterVolume(Context& ctx, const std::string& cluster_id, const std::string& name);

// Adds `delta_gib` to a volume's size (and block-hosting free/reserved).
void GrowVolumeSize(model::Volume& v, int64_t delta_gib);

}  // namespace brickyard::ops::recovery
