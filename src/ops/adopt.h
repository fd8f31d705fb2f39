// Adoption of a gluster volume that Brickyard did not create: the repair
// `adopt-volume` of a `volume-unknown` finding. PlanAdoption derives the
// volume and brick records from what examine read (pure); RecordAdoption
// writes them in one store transaction.
//
// Scope (docs/decisions.md): only volumes whose every brick is on a node of
// the cluster, at the Heketi layout <mount root>/vg_<device>/brick_<id>/brick
// on a device the store has on that node, with LV brick_<id> in vg_<device>
// reported by the node. Anything else is refused with the reason.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "ops/examine_input.h"
#include "store/store.h"

namespace brickyard::ops {

struct Adoption {
  model::Volume volume;              // id "" when the name holds none: RecordAdoption draws one
  std::vector<model::Brick> bricks;  // in gluster's set order; volume_id set by RecordAdoption
};

// The records adopting gluster volume `gv` of cluster `db` would write, or
// why it cannot be adopted: InvalidArgument for a volume type Brickyard does
// not support or a brick outside the devices it manages, Conflict for an id
// the store already has or a pending operation names, Unavailable when a
// brick's node could not be read, NoSpace when a device's free space is
// short. The message is the reason alone. Pure.
Result<Adoption> PlanAdoption(const DbCluster& db, const ClusterSeen& seen, const Ownership& own,
                              const executors::commands::GlusterVolume& gv);

// One line for people: what adopting writes ("volume legacy, replicate 3, 10 GiB, 3 bricks").
std::string DescribeAdoption(const Adoption& a);

// Writes `a` in `tx`, to be called inside one write transaction: checks
// again that neither the volume id, its name in the cluster nor a brick id
// is in the store and that no pending operation names one (Conflict), then
// stores the volume and claims each brick's space on its device as a create
// does (Conflict when a device no longer has it). Returns the volume id.
Result<std::string> RecordAdoption(store::WriteTx& tx, Adoption a);

}  // namespace brickyard::ops
