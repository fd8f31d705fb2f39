#include "ops/dump_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "executors/commands/validate.h"
#include "model/block_volume.h"
#include "model/sizing.h"

namespace brickyard::ops {
namespace {

namespace cmd = executors::commands;

const std::set<std::string>& KnownAttributes() {
  static const std::set<std::string> kKnown = {
      "DB_CLUSTER_HAS_FILE_BLOCK_FLAG", "DB_BRICK_HAS_SUBTYPE_FIELD", "DB_HAS_PENDING_OPS_BUCKET",
      "DB_GENERATION_ID", "DB_DEVICE_HAS_ID_META"};
  return kKnown;
}

template <typename T>
std::map<std::string, const T*> Index(const std::vector<T>& items) {
  std::map<std::string, const T*> out;
  for (const auto& item : items) out[item.id] = &item;
  return out;
}

const std::vector<std::string>& Members(const api::IdLinks& links, const std::string& owner) {
  static const std::vector<std::string> kNone;
  auto it = links.find(owner);
  return it == links.end() ? kNone : it->second;
}

bool IsArbiterVolume(const model::Volume& v) {
  for (const auto& o : v.options) {
    if (o == "user.heketi.arbiter true") return true;
  }
  return false;
}

class Checker {
 public:
  explicit Checker(api::DumpData* d)
      : d_(*d),
        clusters_(Index(d->clusters)),
        nodes_(Index(d->nodes)),
        devices_(Index(d->devices)),
        bricks_(Index(d->bricks)),
        volumes_(Index(d->volumes)),
        blockvolumes_(Index(d->blockvolumes)) {
    for (const auto& op : d->ops) ops_.insert(op.id);
  }

  ImportReport Run() {
    Count();
    CheckIds();
    CheckLinks();
    CheckClusters();
    CheckNodes();
    CheckDevices();
    CheckBricks();
    CheckVolumes();
    CheckBlockVolumes();
    CheckOperations();
    CheckAttributes();
    if (report_.ok()) AssignSetOrder();
    return std::move(report_);
  }

 private:
  void Error(std::string m) { report_.errors.push_back(std::move(m)); }
  void Warn(std::string m) { report_.warnings.push_back(std::move(m)); }

  void Count() {
    report_.counts = {{"clusters", static_cast<int64_t>(d_.clusters.size())},
                      {"nodes", static_cast<int64_t>(d_.nodes.size())},
                      {"devices", static_cast<int64_t>(d_.devices.size())},
                      {"volumes", static_cast<int64_t>(d_.volumes.size())},
                      {"bricks", static_cast<int64_t>(d_.bricks.size())},
                      {"blockvolumes", static_cast<int64_t>(d_.blockvolumes.size())},
                      {"pendingoperations", static_cast<int64_t>(d_.ops.size())},
                      {"dbattributes", static_cast<int64_t>(d_.db_attributes.size())}};
  }

  void Id(const std::string& what, const std::string& id) {
    if (Status st = cmd::ValidateId(id, what); !st.ok()) Error(what + " " + id + ": " + st.message());
  }

  void CheckIds() {
    for (const auto& x : d_.clusters) Id("cluster", x.id);
    for (const auto& x : d_.nodes) Id("node", x.id);
    for (const auto& x : d_.devices) Id("device", x.id);
    for (const auto& x : d_.bricks) Id("brick", x.id);
    for (const auto& x : d_.volumes) Id("volume", x.id);
    for (const auto& x : d_.blockvolumes) Id("block volume", x.id);
    for (const auto& x : d_.ops) Id("pending operation", x.id);
  }

  // The list each owner records against the members that name it.
  template <typename Owner, typename Member>
  void CompareLinks(const std::string& owner_kind, const std::map<std::string, const Owner*>& owners,
                    const std::string& member_kind,
                    const std::map<std::string, const Member*>& members,
                    const api::IdLinks& listed, const api::IdLinks& referenced,
                    const std::string& list_name) {
    for (const auto& [owner, ids] : listed) {
      if (!owners.count(owner)) continue;  // reported with the owner's own checks
      const auto& back = Members(referenced, owner);
      for (const auto& id : ids) {
        if (!members.count(id)) {
          Error(owner_kind + " " + owner + " lists " + member_kind + " " + id + " in " +
                list_name + ", which is not in the export");
        } else if (!std::binary_search(back.begin(), back.end(), id)) {
          Error(owner_kind + " " + owner + " lists " + member_kind + " " + id + " in " +
                list_name + ", but that " + member_kind + " does not name it");
        }
      }
    }
    for (const auto& [owner, ids] : referenced) {
      auto listed_ids = Members(listed, owner);
      std::sort(listed_ids.begin(), listed_ids.end());
      for (const auto& id : ids) {
        if (!owners.count(owner)) {
          Error(member_kind + " " + id + " names " + owner_kind + " " + owner +
                ", which is not in the export");
        } else if (!std::binary_search(listed_ids.begin(), listed_ids.end(), id)) {
          Error(member_kind + " " + id + " names " + owner_kind + " " + owner +
                ", which does not list it in " + list_name);
        }
      }
    }
  }

  void CheckLinks() {
    api::DumpData ref = d_;
    api::LinkByReferences(&ref);
    CompareLinks("cluster", clusters_, "node", nodes_, d_.cluster_nodes, ref.cluster_nodes, "nodes");
    CompareLinks("cluster", clusters_, "volume", volumes_, d_.cluster_volumes, ref.cluster_volumes,
                 "volumes");
    CompareLinks("cluster", clusters_, "block volume", blockvolumes_, d_.cluster_blockvolumes,
                 ref.cluster_blockvolumes, "blockvolumes");
    CompareLinks("node", nodes_, "device", devices_, d_.node_devices, ref.node_devices, "Devices");
    CompareLinks("device", devices_, "brick", bricks_, d_.device_bricks, ref.device_bricks,
                 "Bricks");
    CompareLinks("volume", volumes_, "brick", bricks_, d_.volume_bricks, ref.volume_bricks,
                 "Bricks");
    CompareLinks("volume", volumes_, "block volume", blockvolumes_, d_.volume_blockvolumes,
                 ref.volume_blockvolumes, "blockinfo.blockvolume");
    for (const auto& n : d_.nodes) {
      if (n.cluster_id.empty()) Error("node " + n.id + " names no cluster");
    }
    for (const auto& x : d_.devices) {
      if (x.node_id.empty()) Error("device " + x.id + " names no node");
    }
    for (const auto& b : d_.bricks) {
      if (b.volume_id.empty()) Error("brick " + b.id + " names no volume");
      if (b.device_id.empty()) Error("brick " + b.id + " names no device");
      if (!b.node_id.empty() && !nodes_.count(b.node_id)) {
        Error("brick " + b.id + " names node " + b.node_id + ", which is not in the export");
      }
      auto dev = devices_.find(b.device_id);
      if (dev != devices_.end() && dev->second->node_id != b.node_id) {
        Error("brick " + b.id + " names node " + b.node_id + " but its device " + b.device_id +
              " is on node " + dev->second->node_id);
      }
    }
    for (const auto& v : d_.volumes) {
      if (v.cluster_id.empty()) Error("volume " + v.id + " names no cluster");
    }
    for (const auto& bv : d_.blockvolumes) {
      if (bv.cluster_id.empty()) Error("block volume " + bv.id + " names no cluster");
      if (bv.hosting_volume_id.empty()) Error("block volume " + bv.id + " names no hosting volume");
    }
  }

  void Pending(const std::string& what, const std::string& id, const std::string& op) {
    if (!op.empty() && !ops_.count(op)) {
      Error(what + " " + id + " is pending on operation " + op + ", which is not in the export");
    }
  }

  void CheckClusters() {
    std::map<std::string, std::string> names;
    for (const auto& c : d_.clusters) {
      if (c.name.empty()) continue;
      if (Status st = cmd::ValidateVolumeName(c.name); !st.ok()) {
        Error("cluster " + c.id + ": name: " + st.message());
      }
      auto [it, fresh] = names.emplace(c.name, c.id);
      if (!fresh) Error("clusters " + it->second + " and " + c.id + " share the name " + c.name);
    }
  }

  void CheckNodes() {
    std::map<std::string, std::string> owner;  // hostname -> node
    for (const auto& n : d_.nodes) {
      if (n.zone < 1) Error("node " + n.id + ": zone " + std::to_string(n.zone) + " is below 1");
      if (n.manage_hostnames.empty()) Error("node " + n.id + " has no manage hostname");
      if (n.storage_hostnames.empty()) Error("node " + n.id + " has no storage hostname");
      std::set<std::string> own;
      for (const auto* list : {&n.manage_hostnames, &n.storage_hostnames}) {
        for (const auto& h : *list) {
          if (Status st = cmd::ValidateHostname(h); !st.ok()) {
            Error("node " + n.id + ": " + st.message());
          }
          own.insert(h);
        }
      }
      for (const auto& h : own) {
        auto [it, fresh] = owner.emplace(h, n.id);
        if (!fresh) Error("hostname " + h + " is used by nodes " + it->second + " and " + n.id);
      }
      if (Status st = cmd::ValidateTags(n.tags); !st.ok()) Error("node " + n.id + ": " + st.message());
    }
  }

  void CheckDevices() {
    std::map<std::pair<std::string, std::string>, std::string> names;  // (node, name) -> device
    for (const auto& x : d_.devices) {
      const std::string what = "device " + x.id;
      if (Status st = cmd::ValidateDevicePath(x.name); !st.ok()) Error(what + ": " + st.message());
      for (const auto& p : x.paths) {
        if (Status st = cmd::ValidateDevicePath(p); !st.ok()) Error(what + ": " + st.message());
      }
      if (Status st = cmd::ValidateTags(x.tags); !st.ok()) Error(what + ": " + st.message());
      auto [it, fresh] = names.emplace(std::make_pair(x.node_id, x.name), x.id);
      if (!fresh) {
        Error("devices " + it->second + " and " + x.id + " of node " + x.node_id +
              " are both " + x.name);
      }
      if (x.extent_kib <= 0) Error(what + ": extent size " + std::to_string(x.extent_kib));
      if (x.total_kib != x.free_kib + x.used_kib || x.free_kib < 0) {
        Error(what + ": total " + std::to_string(x.total_kib) + " != free " +
              std::to_string(x.free_kib) + " + used " + std::to_string(x.used_kib));
      }
      int64_t sum = 0;
      for (const auto& b : Members(d_.device_bricks, x.id)) {
        auto it = bricks_.find(b);
        if (it != bricks_.end()) sum += it->second->AccountedKib();
      }
      if (sum != x.used_kib) {
        Error(what + ": used " + std::to_string(x.used_kib) +
              " KiB != the space of its bricks " + std::to_string(sum) + " KiB");
      }
    }
  }

  void CheckBricks() {
    for (const auto& b : d_.bricks) {
      const std::string what = "brick " + b.id;
      if (b.size_kib <= 0) Error(what + ": size " + std::to_string(b.size_kib));
      if (b.tp_size_kib < 0 || b.pool_meta_kib < 0) Error(what + ": negative thin pool size");
      if (Status st = cmd::ValidatePath(b.path, "brick path"); !st.ok()) {
        Error(what + ": " + st.message());
      }
      auto lv = d_.brick_lv_names.find(b.id);
      if (lv != d_.brick_lv_names.end()) {
        if (Status st = cmd::ValidateLvmName(lv->second.thin_pool, "thin pool"); !st.ok()) {
          Error(what + ": " + st.message());
        }
        if (!lv->second.lv.empty()) {
          if (Status st = cmd::ValidateLvmName(lv->second.lv, "logical volume"); !st.ok()) {
            Error(what + ": " + st.message());
          }
        }
      } else if (b.path != "/var/lib/heketi/mounts/vg_" + b.device_id + "/brick_" + b.id +
                               "/brick") {
        Warn(what + ": path " + b.path + " is not the usual one for its device");
      }
      Pending("brick", b.id, b.pending_op);
    }
  }

  // Data capacity of the volume's bricks, KiB.
  int64_t Capacity(const model::Volume& v, const std::vector<const model::Brick*>& bricks) {
    int64_t data = 0;
    for (const auto* b : bricks) {
      if (b->role == model::BrickRole::kData) data += b->size_kib;
    }
    const model::Durability& d = v.durability;
    switch (d.type) {
      case model::DurabilityType::kNone: return data;
      case model::DurabilityType::kReplicate:
        return data / (IsArbiterVolume(v) ? 2 : std::max<int64_t>(d.replica, 1));
      case model::DurabilityType::kDisperse:
        return data * d.data / std::max<int64_t>(d.data + d.redundancy, 1);
    }
    return data;
  }

  void CheckVolumes() {
    std::map<std::pair<std::string, std::string>, std::string> names;  // (cluster, name) -> id
    std::map<std::string, int64_t> hosted;                            // volume -> Σ block GiB
    for (const auto& bv : d_.blockvolumes) hosted[bv.hosting_volume_id] += bv.size_gib;
    for (const auto& v : d_.volumes) {
      const std::string what = "volume " + v.id;
      if (v.size_gib < 1) Error(what + ": size " + std::to_string(v.size_gib));
      if (Status st = cmd::ValidateVolumeName(v.name); !st.ok()) Error(what + ": " + st.message());
      auto [it, fresh] = names.emplace(std::make_pair(v.cluster_id, v.name), v.id);
      if (!fresh) {
        Error("volumes " + it->second + " and " + v.id + " of cluster " + v.cluster_id +
              " are both named " + v.name);
      }
      if (v.gid != 0) {
        if (Status st = cmd::ValidateGid(v.gid); !st.ok()) Error(what + ": " + st.message());
      }
      for (const auto& o : v.options) {
        if (o.empty()) continue;
        if (auto split = cmd::SplitVolumeOption(o); !split.ok()) {
          Error(what + ": " + split.status().message());
        }
      }
      CheckDurability(v);
      CheckBlockInfo(v, hosted[v.id]);
      Pending("volume", v.id, v.pending_op);
    }
  }

  void CheckDurability(const model::Volume& v) {
    const std::string what = "volume " + v.id;
    const model::Durability& d = v.durability;
    std::vector<const model::Brick*> bricks;
    for (const auto& id : Members(d_.volume_bricks, v.id)) {
      if (auto it = bricks_.find(id); it != bricks_.end()) bricks.push_back(it->second);
    }
    if (d.type == model::DurabilityType::kReplicate && (d.replica < 1 || d.replica > 3)) {
      Error(what + ": replica " + std::to_string(d.replica));
      return;
    }
    if (d.type == model::DurabilityType::kDisperse && (d.data < 2 || d.redundancy < 1)) {
      Error(what + ": disperse " + std::to_string(d.data) + "+" + std::to_string(d.redundancy));
      return;
    }
    const bool arbiter = IsArbiterVolume(v);
    if (arbiter && (d.type != model::DurabilityType::kReplicate || d.replica != 3)) {
      Error(what + ": arbiter needs replica 3");
      return;
    }
    if (bricks.empty()) {
      if (v.pending_op.empty()) Error(what + " has no bricks");
      return;
    }
    const int64_t set = d.SetSize();
    const int64_t n = static_cast<int64_t>(bricks.size());
    if (n % set != 0) {
      Error(what + ": " + std::to_string(n) + " bricks do not make whole sets of " +
            std::to_string(set));
      return;
    }
    int64_t arbiters = 0;
    for (const auto* b : bricks) arbiters += b->role == model::BrickRole::kArbiter;
    if (arbiter ? arbiters != n / set : arbiters != 0) {
      Error(what + ": " + std::to_string(arbiters) + " arbiter bricks in " +
            std::to_string(n / set) + " sets of " + (arbiter ? "an arbiter" : "a non-arbiter") +
            " volume");
      return;
    }
    const int64_t capacity = Capacity(v, bricks);
    if (capacity != v.size_gib * model::kGiB) {
      Warn(what + ": its bricks hold " + std::to_string(capacity) + " KiB of data, its size is " +
           std::to_string(v.size_gib * model::kGiB) + " KiB");
    }
  }

  void CheckBlockInfo(const model::Volume& v, int64_t hosted_gib) {
    const std::string what = "volume " + v.id;
    const auto& r = v.block_info.restriction;
    if (!r.empty() && r != "locked" && r != "locked-by-update") {
      Error(what + ": unknown block restriction \"" + r + "\"");
    }
    if (!v.block) {
      if (hosted_gib != 0 || !Members(d_.volume_blockvolumes, v.id).empty()) {
        Error(what + " hosts block volumes but is not a block hosting volume");
      }
      return;
    }
    if (v.block_info.free_size < 0 || v.block_info.reserved_size < 0 ||
        !model::BlockSpaceBalances(v, hosted_gib)) {
      Error(what + ": size " + std::to_string(v.size_gib) + " GiB != block volumes " +
            std::to_string(hosted_gib) + " + free " + std::to_string(v.block_info.free_size) +
            " + reserved " + std::to_string(v.block_info.reserved_size));
    }
  }

  void CheckBlockVolumes() {
    std::map<std::pair<std::string, std::string>, std::string> names;  // (bhv, name) -> id
    for (const auto& bv : d_.blockvolumes) {
      const std::string what = "block volume " + bv.id;
      if (bv.size_gib < 1) Error(what + ": size " + std::to_string(bv.size_gib));
      if (bv.usable_size_gib < 0) Error(what + ": usable size " + std::to_string(bv.usable_size_gib));
      if (bv.ha_count < 0) Error(what + ": hacount " + std::to_string(bv.ha_count));
      if (Status st = cmd::ValidateVolumeName(bv.name); !st.ok()) Error(what + ": " + st.message());
      auto [it, fresh] = names.emplace(std::make_pair(bv.hosting_volume_id, bv.name), bv.id);
      if (!fresh) {
        Error("block volumes " + it->second + " and " + bv.id + " of hosting volume " +
              bv.hosting_volume_id + " are both named " + bv.name);
      }
      for (const auto& h : bv.hosts) {
        if (Status st = cmd::ValidateHostname(h); !st.ok()) Error(what + ": " + st.message());
      }
      auto v = volumes_.find(bv.hosting_volume_id);
      if (v != volumes_.end() && v->second->cluster_id != bv.cluster_id) {
        Error(what + " names cluster " + bv.cluster_id + " but its hosting volume " +
              bv.hosting_volume_id + " is in cluster " + v->second->cluster_id);
      }
      Pending("block volume", bv.id, bv.pending_op);
    }
  }

  bool Exists(const std::string& id) const {
    return clusters_.count(id) || nodes_.count(id) || devices_.count(id) || bricks_.count(id) ||
           volumes_.count(id) || blockvolumes_.count(id) || ops_.count(id);
  }

  void CheckOperations() {
    for (const auto& op : d_.ops) {
      if (op.type == model::OpType::kUnknown) Error("pending operation " + op.id + " has no type");
      for (const auto& c : op.changes) {
        if (!Exists(c.id)) {
          Warn("pending operation " + op.id + " changes " + c.id + ", which is not in the export");
        }
      }
      Warn("pending operation " + op.id + " (" + std::string(model::OpTypeName(op.type)) +
           ") is imported unfinished; clean it up once the server runs");
    }
  }

  void CheckAttributes() {
    for (const auto& [key, value] : d_.db_attributes) {
      if (!KnownAttributes().count(key)) Error("unknown db attribute " + key);
    }
  }

  // Heketi keeps no set order; Brickyard needs it to find a brick's peers.
  void AssignSetOrder() {
    std::map<std::string, std::vector<model::Brick*>> by_volume;
    for (auto& b : d_.bricks) by_volume[b.volume_id].push_back(&b);
    for (const auto& v : d_.volumes) {
      auto& bricks = by_volume[v.id];
      if (bricks.size() < 2) continue;
      bool unordered = std::all_of(bricks.begin(), bricks.end(), [](const model::Brick* b) {
        return b->set_index == 0 && b->set_position == 0;
      });
      if (!unordered) continue;
      std::vector<model::Brick*> data, arbiters;
      for (auto* b : bricks) (b->role == model::BrickRole::kArbiter ? arbiters : data).push_back(b);
      auto by_id = [](const model::Brick* a, const model::Brick* b) { return a->id < b->id; };
      std::sort(data.begin(), data.end(), by_id);
      std::sort(arbiters.begin(), arbiters.end(), by_id);
      const int64_t per_set = v.durability.SetSize() - (arbiters.empty() ? 0 : 1);
      for (size_t i = 0; i < data.size(); ++i) {
        data[i]->set_index = static_cast<int64_t>(i) / per_set;
        data[i]->set_position = static_cast<int64_t>(i) % per_set;
      }
      for (size_t i = 0; i < arbiters.size(); ++i) {
        arbiters[i]->set_index = static_cast<int64_t>(i);
        arbiters[i]->set_position = per_set;
      }
      Warn("volume " + v.id + ": the export has no brick set order; assigned in brick id order");
    }
  }

  api::DumpData& d_;
  std::map<std::string, const model::Cluster*> clusters_;
  std::map<std::string, const model::Node*> nodes_;
  std::map<std::string, const model::Device*> devices_;
  std::map<std::string, const model::Brick*> bricks_;
  std::map<std::string, const model::Volume*> volumes_;
  std::map<std::string, const model::BlockVolume*> blockvolumes_;
  std::set<std::string> ops_;
  ImportReport report_;
};

}  // namespace

ImportReport PrepareImport(api::DumpData* dump) { return Checker(dump).Run(); }

Status WriteImport(store::WriteTx& tx, const api::DumpData& d, const std::string& generation_id) {
  for (const auto& c : d.clusters) BY_RETURN_IF_ERROR(tx.PutCluster(c));
  for (const auto& n : d.nodes) BY_RETURN_IF_ERROR(tx.PutNode(n));
  for (const auto& x : d.devices) BY_RETURN_IF_ERROR(tx.PutDevice(x));
  for (const auto& op : d.ops) BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
  for (const auto& v : d.volumes) BY_RETURN_IF_ERROR(tx.PutVolume(v));
  for (const auto& b : d.bricks) BY_RETURN_IF_ERROR(tx.PutBrick(b));
  for (const auto& [id, names] : d.brick_lv_names) {
    BY_RETURN_IF_ERROR(tx.PutBrickLvmNames(id, store::BrickLvmNames{names.thin_pool, names.lv}));
  }
  for (const auto& bv : d.blockvolumes) BY_RETURN_IF_ERROR(tx.PutBlockVolume(bv));
  for (const auto& [key, value] : d.db_attributes) {
    if (key != "DB_GENERATION_ID") BY_RETURN_IF_ERROR(tx.PutDbAttribute(key, value));
  }
  return tx.PutDbAttribute("DB_GENERATION_ID", generation_id);
}

}  // namespace brickyard::ops
