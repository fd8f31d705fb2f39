// EncodeDump and LinkByReferences (api/dump.h).
#include <algorithm>
#include <map>

#include "api/block_volume_responses.h"
#include "api/dump.h"
#include "api/topology_responses.h"
#include "api/volume_responses.h"
#include "common/json_object.h"
#include "model/states.h"

namespace brickyard::api {
namespace {

const std::vector<std::string>& LinksOf(const IdLinks& links, const std::string& owner) {
  static const std::vector<std::string> kNone;
  auto it = links.find(owner);
  return it == links.end() ? kNone : it->second;
}

// Pointers to `items` in ascending id order (Go writes map keys sorted).
template <typename T>
std::vector<const T*> ById(const std::vector<T>& items) {
  std::vector<const T*> out;
  for (const auto& item : items) out.push_back(&item);
  std::sort(out.begin(), out.end(), [](const T* a, const T* b) { return a->id < b->id; });
  return out;
}

Json PendingItem(const std::string& op_id) { return {{"Id", op_id}}; }

// An object for `n` entries added in ascending key order by Put(): each is
// appended, without ordered_json's member-by-member key search (quadratic
// at 100k entries) and without regrowing (which deep-copies every entry);
// a repeated key replaces the entry before it.
class SortedEntries {
 public:
  explicit SortedEntries(size_t n) : out_(ObjectWithRoom(n)) {}
  void Put(const std::string& key, Json entry) {
    auto& members = out_.get_ref<Json::object_t&>();
    if (!members.empty() && members.back().first == key) {
      members.back().second = std::move(entry);
    } else {
      members.emplace_back(key, std::move(entry));
    }
  }
  Json Take() { return std::move(out_); }

 private:
  Json out_;
};

// First storage hostname of each node the cluster lists, ascending node id.
std::vector<std::string> MountHosts(const DumpData& dump, const std::string& cluster_id) {
  std::map<std::string, const model::Node*> nodes;
  for (const auto& n : dump.nodes) nodes[n.id] = &n;
  std::vector<std::string> ids = LinksOf(dump.cluster_nodes, cluster_id);
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> hosts;
  for (const auto& id : ids) {
    auto it = nodes.find(id);
    if (it != nodes.end() && !it->second->storage_hostnames.empty()) {
      hosts.push_back(it->second->storage_hostnames.front());
    }
  }
  return hosts;
}

Json EncodeClusters(const DumpData& d) {
  SortedEntries out(d.clusters.size());
  for (const auto* c : ById(d.clusters)) {
    out.Put(c->id, {{"Info", EncodeCluster(*c, LinksOf(d.cluster_nodes, c->id),
                                           LinksOf(d.cluster_volumes, c->id),
                                           LinksOf(d.cluster_blockvolumes, c->id))}});
  }
  return out.Take();
}

Json EncodeVolumes(const DumpData& d) {
  SortedEntries out(d.volumes.size());
  std::map<std::string, std::vector<std::string>> hosts;  // per cluster, read once
  for (const auto* v : ById(d.volumes)) {
    auto it = hosts.find(v->cluster_id);
    if (it == hosts.end()) it = hosts.emplace(v->cluster_id, MountHosts(d, v->cluster_id)).first;
    Json info = EncodeVolumeInfo(*v, it->second, LinksOf(d.volume_blockvolumes, v->id));
    // Heketi keeps the option list beside Info, not in it.
    info.erase("glustervolumeoptions");
    Json entry = ObjectWithRoom(10);
    entry["Info"] = std::move(info);
    entry["Bricks"] = SortedIdArray(LinksOf(d.volume_bricks, v->id));
    entry["GlusterVolumeOptions"] = v->options;
    entry["Pending"] = PendingItem(v->pending_op);
    out.Put(v->id, std::move(entry));
  }
  return out.Take();
}

Json EncodeBricks(const DumpData& d) {
  SortedEntries out(d.bricks.size());
  for (const auto* b : ById(d.bricks)) {
    BrickLvNames lv{"tp_" + b->id, ""};
    if (auto it = d.brick_lv_names.find(b->id); it != d.brick_lv_names.end()) lv = it->second;
    Json entry = ObjectWithRoom(10);
    entry["Info"] = EncodeBrick(*b);
    entry["TpSize"] = b->tp_size_kib;
    entry["PoolMetadataSize"] = b->pool_meta_kib;
    entry["Pending"] = PendingItem(b->pending_op);
    entry["LvmThinPool"] = lv.thin_pool;
    entry["LvmLv"] = lv.lv;
    entry["SubType"] = static_cast<int>(b->role);
    entry["SetIndex"] = b->set_index;
    entry["SetPosition"] = b->set_position;
    out.Put(b->id, std::move(entry));
  }
  return out.Take();
}

Json EncodeNodes(const DumpData& d) {
  SortedEntries out(d.nodes.size());
  for (const auto* n : ById(d.nodes)) {
    Json entry = ObjectWithRoom(10);
    entry["State"] = model::StateName(n->state);
    entry["Info"] = EncodeNodeInfo(*n);
    entry["Devices"] = SortedIdArray(LinksOf(d.node_devices, n->id));
    out.Put(n->id, std::move(entry));
  }
  return out.Take();
}

Json EncodeDevices(const DumpData& d) {
  SortedEntries out(d.devices.size());
  for (const auto* dev : ById(d.devices)) {
    Json entry = ObjectWithRoom(10);
    entry["State"] = model::StateName(dev->state);
    entry["Info"] = EncodeDeviceInfo(*dev);
    entry["Bricks"] = SortedIdArray(LinksOf(d.device_bricks, dev->id));
    entry["NodeId"] = dev->node_id;
    entry["ExtentSize"] = dev->extent_kib;
    out.Put(dev->id, std::move(entry));
  }
  return out.Take();
}

Json EncodeOps(const DumpData& d) {
  SortedEntries out(d.ops.size());
  for (const auto* op : ById(d.ops)) {
    Json actions = Json::array();
    for (const auto& c : op->changes) {
      actions.push_back({{"Change", static_cast<int>(c.change)}, {"Id", c.id}, {"Delta", c.delta}});
    }
    Json entry = ObjectWithRoom(10);
    entry["Id"] = op->id;
    entry["Timestamp"] = op->timestamp;
    entry["Type"] = static_cast<int>(op->type);
    entry["Actions"] = std::move(actions);
    entry["Status"] = model::OpStatusName(op->status);
    out.Put(op->id, std::move(entry));
  }
  return out.Take();
}

Json EncodeBlockVolumes(const DumpData& d) {
  SortedEntries out(d.blockvolumes.size());
  for (const auto* bv : ById(d.blockvolumes)) {
    Json entry = ObjectWithRoom(10);
    entry["Info"] = EncodeBlockVolumeDumpInfo(*bv);
    entry["Pending"] = PendingItem(bv->pending_op);
    out.Put(bv->id, std::move(entry));
  }
  return out.Take();
}

void SortLinks(IdLinks* links) {
  for (auto& [owner, ids] : *links) std::sort(ids.begin(), ids.end());
}

}  // namespace

Json EncodeDump(const DumpData& d) {
  Json attributes = Json::object();
  for (const auto& [key, value] : d.db_attributes) {
    attributes[key] = {{"Key", key}, {"Value", value}};
  }
  Json out = ObjectWithRoom(8);
  out["clusterentries"] = EncodeClusters(d);
  out["volumeentries"] = EncodeVolumes(d);
  out["brickentries"] = EncodeBricks(d);
  out["nodeentries"] = EncodeNodes(d);
  out["deviceentries"] = EncodeDevices(d);
  out["blockvolumeentries"] = EncodeBlockVolumes(d);
  out["dbattributeentries"] = std::move(attributes);
  out["pendingoperations"] = EncodeOps(d);
  return out;
}

void LinkByReferences(DumpData* d) {
  IdLinks* all[] = {&d->cluster_nodes,  &d->cluster_volumes, &d->cluster_blockvolumes,
                    &d->node_devices,   &d->device_bricks,   &d->volume_bricks,
                    &d->volume_blockvolumes};
  for (IdLinks* links : all) links->clear();
  for (const auto& n : d->nodes) {
    if (!n.cluster_id.empty()) d->cluster_nodes[n.cluster_id].push_back(n.id);
  }
  for (const auto& dev : d->devices) {
    if (!dev.node_id.empty()) d->node_devices[dev.node_id].push_back(dev.id);
  }
  for (const auto& b : d->bricks) {
    if (!b.device_id.empty()) d->device_bricks[b.device_id].push_back(b.id);
    if (!b.volume_id.empty()) d->volume_bricks[b.volume_id].push_back(b.id);
  }
  for (const auto& v : d->volumes) {
    if (!v.cluster_id.empty()) d->cluster_volumes[v.cluster_id].push_back(v.id);
  }
  for (const auto& bv : d->blockvolumes) {
    if (!bv.cluster_id.empty()) d->cluster_blockvolumes[bv.cluster_id].push_back(bv.id);
    if (!bv.hosting_volume_id.empty()) {
      d->volume_blockvolumes[bv.hosting_volume_id].push_back(bv.id);
    }
  }
  for (IdLinks* links : all) SortLinks(links);
}

}  // namespace brickyard::api
