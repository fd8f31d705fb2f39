#include "ops/adopt.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/ids.h"
#include "executors/commands/naming.h"
#include "model/sizing.h"
#include "ops/bricks.h"

namespace brickyard::ops {
namespace {

namespace cmd = executors::commands;

constexpr char kArbiterOption[] = "user.heketi.arbiter";

// The durability of a gluster volume and how its bricks make sets.
struct Shape {
  model::Durability durability;
  int64_t set_size = 1;
  int64_t data_per_set = 1;  // bricks of a set that carry the volume's size
  bool arbiter = false;      // the last brick of each set is an arbiter
};

Result<Shape> ShapeOf(const cmd::GlusterVolume& gv) {
  Shape s;
  const std::string& t = gv.type_str;
  if (t == "Distribute") {
    s.durability = {model::DurabilityType::kNone, 0, 0, 0};
  } else if (t == "Replicate" || t == "Distributed-Replicate") {
    if (gv.replica_count < 2) {
      return InvalidArgument("its replica count " + std::to_string(gv.replica_count) + " is not supported");
    }
    s.durability = {model::DurabilityType::kReplicate, gv.replica_count, 0, 0};
    s.set_size = gv.replica_count;
    if (gv.arbiter_count > 0) {
      if (gv.replica_count != 3 || gv.arbiter_count != 1) {
        return InvalidArgument("replica " + std::to_string(gv.replica_count) + " with " +
                               std::to_string(gv.arbiter_count) +
                               " arbiters is not supported (arbiter volumes are replica 3 with one arbiter)");
      }
      s.arbiter = true;
    }
  } else if (t == "Disperse" || t == "Distributed-Disperse") {
    const int64_t data = gv.disperse_count - gv.redundancy_count;
    if (data < 1 || gv.redundancy_count < 1) {
      return InvalidArgument("its disperse count " + std::to_string(gv.disperse_count) + " with redundancy " +
                             std::to_string(gv.redundancy_count) + " is not supported");
    }
    s.durability = {model::DurabilityType::kDisperse, 0, data, gv.redundancy_count};
    s.set_size = gv.disperse_count;
    s.data_per_set = data;
  } else {
    return InvalidArgument("its type " + (t.empty() ? std::string("(none)") : t) +
                           " maps to no durability Brickyard supports");
  }
  const auto n = static_cast<int64_t>(gv.bricks.size());
  if (n == 0 || n % s.set_size != 0) {
    return InvalidArgument("its " + std::to_string(n) + " bricks do not make whole sets of " +
                           std::to_string(s.set_size));
  }
  return s;
}

// The thin pool sizes of `lv` (its own pool tp_<id>), or what a create
// would have made when the node reports no pool.
Result<model::BrickSpace> PoolSpace(const std::vector<cmd::NodeLv>& lvs, const cmd::NodeLv& lv,
                                    const std::string& brick_id, int64_t extent_kib) {
  if (!lv.pool.empty() && lv.pool != cmd::ThinPoolName(brick_id)) {
    return InvalidArgument("LV " + lv.vg + "/" + lv.name + " is in thin pool " + lv.pool + ", not in its own " +
                           cmd::ThinPoolName(brick_id));
  }
  for (const auto& p : lvs) {
    if (!lv.pool.empty() && p.vg == lv.vg && p.name == lv.pool && p.thin_pool) {
      return model::BrickSpace{p.size_kib, p.metadata_kib};
    }
  }
  return model::ComputeBrickSpace(lv.size_kib, 1.0, extent_kib);
}

// The store record of gluster brick `g`, or why it cannot be adopted.
Result<model::Brick> PlanBrick(const DbCluster& db, const ClusterSeen& seen, const Ownership& own,
                               const cmd::GlusterBrick& g) {
  const std::string host = HostOf(g.name);
  const std::string path = PathOf(g.name);
  auto node = std::find_if(db.nodes.begin(), db.nodes.end(),
                           [&](const model::Node& n) { return NamesNode(n, host); });
  if (node == db.nodes.end()) return InvalidArgument("brick " + g.name + " is on " + host + ", no node of the cluster");
  auto mp = cmd::MountPointOf(path);
  const auto ids = mp.ok() ? IdsOfMountPoint(*mp) : std::pair<std::string, std::string>{};
  const std::string& device_id = ids.first;
  const std::string& brick_id = ids.second;
  if (brick_id.empty()) {
    return InvalidArgument("brick " + g.name + " is not at " + std::string(cmd::kMountRoot) +
                           "/vg_<device>/brick_<id>/brick, on no device Brickyard manages");
  }
  auto device = std::find_if(db.devices.begin(), db.devices.end(), [&](const model::Device& d) {
    return d.id == device_id && d.node_id == node->id;
  });
  if (device == db.devices.end()) {
    return InvalidArgument("brick " + g.name + " is on device " + device_id + ", which is no device of node " +
                           node->manage() + " in the database");
  }
  if (own.known_bricks.count(brick_id) || own.owned.count(brick_id)) {
    return Conflict("brick id " + brick_id + " of " + g.name + " is already in the database");
  }
  auto seen_node = seen.nodes.find(node->id);
  if (seen_node == seen.nodes.end() || !seen_node->second.storage_read) {
    return Unavailable("the LVs of node " + node->manage() + " could not be read");
  }
  const auto& lvs = seen_node->second.lvs;
  auto lv = std::find_if(lvs.begin(), lvs.end(), [&](const cmd::NodeLv& x) {
    return x.vg == cmd::VgName(device_id) && x.name == cmd::BrickLvName(brick_id);
  });
  if (lv == lvs.end()) {
    return InvalidArgument("brick " + g.name + " has no LV " + cmd::VgName(device_id) + "/" +
                           cmd::BrickLvName(brick_id) + " on " + node->manage());
  }
  BY_ASSIGN_OR_RETURN(model::BrickSpace space, PoolSpace(lvs, *lv, brick_id, device->extent_kib));
  model::Brick b;
  b.id = brick_id;
  b.device_id = device_id;
  b.node_id = node->id;
  b.path = path;
  b.size_kib = lv->size_kib;
  b.tp_size_kib = space.tp_kib;
  b.pool_meta_kib = space.meta_kib;
  return b;
}

// Conflict when a device lacks the free space for the bricks placed on it.
Status CheckSpace(const DbCluster& db, const std::vector<model::Brick>& bricks) {
  std::map<std::string, int64_t> need;
  for (const auto& b : bricks) need[b.device_id] += b.AccountedKib();
  for (const auto& d : db.devices) {
    auto it = need.find(d.id);
    if (it != need.end() && it->second > d.free_kib) {
      return NoSpace("device " + d.id + " has " + std::to_string(d.free_kib) + " KiB free, its bricks take " +
                     std::to_string(it->second) + " KiB");
    }
  }
  return Status::Ok();
}

// The volume's size in GiB as Brickyard sizes volumes (placement divides
// the size over sets and, for disperse, over data bricks): the smallest data
// brick times the data bricks of all sets, rounded down.
int64_t VolumeGib(const std::vector<model::Brick>& bricks, const Shape& shape) {
  int64_t smallest = -1;
  for (const auto& b : bricks) {
    if (b.role == model::BrickRole::kArbiter) continue;
    if (smallest < 0 || b.size_kib < smallest) smallest = b.size_kib;
  }
  const auto sets = static_cast<int64_t>(bricks.size()) / shape.set_size;
  return std::max<int64_t>(smallest, 0) * sets * shape.data_per_set / model::kGiB;
}

std::vector<std::string> OptionsOf(const cmd::GlusterVolume& gv, bool arbiter) {
  std::vector<std::string> out;
  bool has_arbiter = false;
  for (const auto& o : gv.options) {
    out.push_back(o.name + " " + o.value);
    has_arbiter = has_arbiter || o.name == kArbiterOption;
  }
  if (arbiter && !has_arbiter) out.push_back(std::string(kArbiterOption) + " true");
  return out;
}

Status CheckNotPending(store::WriteTx& tx, const std::set<std::string>& ids) {
  BY_ASSIGN_OR_RETURN(std::vector<model::PendingOp> ops, tx.ListPendingOps());
  for (const auto& op : ops) {
    for (const auto& c : op.changes) {
      if (ids.count(c.id)) return Conflict("id " + c.id + " is named by pending operation " + op.id);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Adoption> PlanAdoption(const DbCluster& db, const ClusterSeen& seen, const Ownership& own,
                              const cmd::GlusterVolume& gv) {
  BY_ASSIGN_OR_RETURN(Shape shape, ShapeOf(gv));
  Adoption a;
  std::set<std::string> ids;
  for (size_t i = 0; i < gv.bricks.size(); ++i) {
    BY_ASSIGN_OR_RETURN(model::Brick b, PlanBrick(db, seen, own, gv.bricks[i]));
    if (!ids.insert(b.id).second) return Conflict("brick id " + b.id + " appears twice in the volume");
    b.set_index = static_cast<int64_t>(i) / shape.set_size;
    b.set_position = static_cast<int64_t>(i) % shape.set_size;
    if (shape.arbiter && b.set_position == shape.set_size - 1) b.role = model::BrickRole::kArbiter;
    a.bricks.push_back(std::move(b));
  }
  BY_RETURN_IF_ERROR(CheckSpace(db, a.bricks));
  model::Volume& v = a.volume;
  v.id = IdAfter(gv.name, "vol_");
  if (!v.id.empty() && (own.known_volumes.count(v.id) || own.owned.count(v.id))) {
    return Conflict("volume id " + v.id + " taken from its name is already in the database");
  }
  v.cluster_id = db.id;
  v.name = gv.name;
  v.durability = shape.durability;
  v.size_gib = VolumeGib(a.bricks, shape);
  if (v.size_gib < 1) return InvalidArgument("its usable size is under 1 GiB");
  v.options = OptionsOf(gv, shape.arbiter);
  return a;
}

std::string DescribeAdoption(const Adoption& a) {
  const model::Volume& v = a.volume;
  std::string durability(model::DurabilityName(v.durability.type));
  if (v.durability.type == model::DurabilityType::kReplicate) {
    durability += " " + std::to_string(v.durability.replica);
  } else if (v.durability.type == model::DurabilityType::kDisperse) {
    durability += " " + std::to_string(v.durability.data) + "+" + std::to_string(v.durability.redundancy);
  }
  return "volume " + v.name + " (" + (v.id.empty() ? std::string("a new id") : "id " + v.id) + ", " + durability +
         ", " + std::to_string(v.size_gib) + " GiB) and its " + std::to_string(a.bricks.size()) + " bricks";
}

Result<std::string> RecordAdoption(store::WriteTx& tx, Adoption a) {
  model::Volume& v = a.volume;
  if (v.id.empty()) v.id = NewId();
  if (tx.GetVolume(v.id).ok()) return Conflict("volume id " + v.id + " is now in the database");
  BY_ASSIGN_OR_RETURN(auto named, tx.FindVolumeByName(v.cluster_id, v.name));
  if (named) return Conflict("a volume named " + v.name + " is now in the database");
  std::set<std::string> ids{v.id};
  for (const auto& b : a.bricks) {
    if (tx.GetBrick(b.id).ok()) return Conflict("brick id " + b.id + " is now in the database");
    BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(b.device_id));
    if (d.node_id != b.node_id) return Conflict("device " + d.id + " is no longer on node " + b.node_id);
    ids.insert(b.id);
  }
  BY_RETURN_IF_ERROR(CheckNotPending(tx, ids));
  BY_RETURN_IF_ERROR(tx.PutVolume(v));
  for (auto& b : a.bricks) {
    b.volume_id = v.id;
    BY_RETURN_IF_ERROR(ClaimBrick(tx, b));
  }
  return v.id;
}

}  // namespace brickyard::ops
