// Test and benchmark helpers: building placement snapshots by hand and
// checking a placement against the rules it must satisfy. Not part of the
// library.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/sizing.h"
#include "placement/allocator.h"
#include "placement/brick_sizes.h"

namespace brickyard::placement::testing {

class TopologyBuilder {
 public:
  // Adds a node "n<index>" and returns its id.
  std::string AddNode(int64_t zone = 1, model::Tags tags = {}, bool usable = true) {
    NodeView n;
    n.id = "n" + std::to_string(snapshot_.nodes.size());
    n.zone = zone;
    n.tags = std::move(tags);
    n.usable = usable;
    snapshot_.nodes.push_back(n);
    return n.id;
  }

  // Adds a device "<node>-d<index>" with `free_kib` free and returns its id.
  std::string AddDevice(const std::string& node, int64_t free_kib, model::Tags tags = {},
                        bool usable = true, int64_t extent_kib = 4096) {
    DeviceView d;
    d.id = node + "-d" + std::to_string(snapshot_.devices.size());
    d.node_id = node;
    d.tags = std::move(tags);
    d.usable = usable;
    d.free_kib = free_kib;
    d.extent_kib = extent_kib;
    snapshot_.devices.push_back(d);
    return d.id;
  }

  // Adds `nodes` nodes spread round-robin over `zones` zones, each with
  // `devices` devices of `free_kib`.
  void AddUniform(int nodes, int zones, int devices, int64_t free_kib) {
    for (int i = 0; i < nodes; ++i) {
      std::string n = AddNode(1 + i % zones);
      for (int j = 0; j < devices; ++j) AddDevice(n, free_kib);
    }
  }

  const Snapshot& snapshot() const { return snapshot_; }
  Snapshot& mutable_snapshot() { return snapshot_; }

 private:
  Snapshot snapshot_;
};

inline Request ReplicaRequest(int64_t size_gib, int64_t replica) {
  Request r;
  r.size_gib = size_gib;
  r.durability.type = model::DurabilityType::kReplicate;
  r.durability.replica = replica;
  return r;
}

inline Request DisperseRequest(int64_t size_gib, int64_t data, int64_t redundancy) {
  Request r;
  r.size_gib = size_gib;
  r.durability.type = model::DurabilityType::kDisperse;
  r.durability.data = data;
  r.durability.redundancy = redundancy;
  return r;
}

inline Request NoneRequest(int64_t size_gib) {
  Request r;
  r.size_gib = size_gib;
  r.durability.type = model::DurabilityType::kNone;
  return r;
}

inline Request ArbiterRequest(int64_t size_gib) {
  Request r = ReplicaRequest(size_gib, 3);
  r.arbiter = true;
  return r;
}

// A placement's bricks as comparable tuples, for determinism checks.
inline std::vector<std::string> Fingerprint(const Placement& p) {
  std::vector<std::string> out;
  for (const PlacedBrick& b : p.bricks) {
    out.push_back(std::to_string(b.set_index) + "/" + std::to_string(b.set_position) + " " +
                  b.device_id + " " + b.node_id + " " + std::to_string(b.size_kib) + " " +
                  std::to_string(b.tp_size_kib) + "+" + std::to_string(b.pool_meta_kib) + " " +
                  std::to_string(static_cast<int>(b.role)));
  }
  return out;
}

// True if the merged tags satisfy a `key=value` / `key!=value` rule; written
// independently of the library's parser. An empty rule matches everything.
inline bool RuleMatches(const std::string& rule, const model::Tags& node_tags,
                        const model::Tags& device_tags) {
  if (rule.empty()) return true;
  size_t ne = rule.find("!=");
  size_t eq = rule.find('=');
  bool negated = ne != std::string::npos && ne < eq;
  std::string key = rule.substr(0, negated ? ne : eq);
  std::string value = rule.substr(negated ? ne + 2 : eq + 1);
  std::string actual;
  if (auto it = node_tags.find(key); it != node_tags.end()) actual = it->second;
  if (auto it = device_tags.find(key); it != device_tags.end()) actual = it->second;
  return negated ? actual != value : actual == value;
}

inline std::string ArbiterTag(const model::Tags& node_tags, const model::Tags& device_tags) {
  std::string v;
  if (auto it = node_tags.find("arbiter"); it != node_tags.end()) v = it->second;
  if (auto it = device_tags.find("arbiter"); it != device_tags.end()) v = it->second;
  return v;
}

inline int64_t SetSizeOf(const Request& r) { return r.durability.SetSize(); }

// Lists every rule the placement breaks; empty when it is valid.
inline std::vector<std::string> Violations(const Snapshot& snap, const Request& req,
                                           const Placement& p) {
  std::vector<std::string> v;
  const int64_t r = SetSizeOf(req);
  std::map<std::string, const NodeView*> nodes;
  std::map<std::string, const DeviceView*> devices;
  for (const NodeView& n : snap.nodes) nodes[n.id] = &n;
  for (const DeviceView& d : snap.devices) devices[d.id] = &d;
  if (p.set_count < 1 || static_cast<int64_t>(p.bricks.size()) != p.set_count * r) {
    v.push_back("brick count " + std::to_string(p.bricks.size()) + " for " +
                std::to_string(p.set_count) + " sets");
    return v;
  }
  int64_t arbiter_kib = 0;
  if (req.arbiter) {
    arbiter_kib = std::max<int64_t>(kMinBrickKib, p.brick_size_kib / req.average_file_size_kb);
  }
  std::map<std::string, int64_t> used;
  for (int64_t s = 0; s < p.set_count; ++s) {
    std::set<std::string> set_nodes;
    std::set<int64_t> set_zones;
    for (int64_t pos = 0; pos < r; ++pos) {
      const PlacedBrick& b = p.bricks[s * r + pos];
      std::string where = "set " + std::to_string(s) + " position " + std::to_string(pos) + ": ";
      if (b.set_index != req.first_set_index + s || b.set_position != pos) {
        v.push_back(where + "wrong set index or position");
      }
      bool arbiter = req.arbiter && pos == 2;
      if ((b.role == model::BrickRole::kArbiter) != arbiter) v.push_back(where + "wrong role");
      if (b.size_kib != (arbiter ? arbiter_kib : p.brick_size_kib)) {
        v.push_back(where + "wrong size " + std::to_string(b.size_kib));
      }
      auto dit = devices.find(b.device_id);
      if (dit == devices.end()) {
        v.push_back(where + "unknown device " + b.device_id);
        continue;
      }
      const DeviceView& d = *dit->second;
      auto nit = nodes.find(d.node_id);
      if (nit == nodes.end() || b.node_id != d.node_id) {
        v.push_back(where + "wrong node");
        continue;
      }
      const NodeView& n = *nit->second;
      if (!d.usable || !n.usable) v.push_back(where + "unusable device or node");
      if (!RuleMatches(req.tag_match, n.tags, d.tags)) v.push_back(where + "tag rule not met");
      if (req.arbiter) {
        std::string cls = ArbiterTag(n.tags, d.tags);
        if (arbiter && cls == "disabled") v.push_back(where + "arbiter on a data-only device");
        if (!arbiter && cls == "required") v.push_back(where + "data on an arbiter-only device");
      }
      model::BrickSpace space =
          model::ComputeBrickSpace(b.size_kib, req.snapshot_factor, d.extent_kib);
      if (b.tp_size_kib != space.tp_kib || b.pool_meta_kib != space.meta_kib) {
        v.push_back(where + "wrong thin pool accounting");
      }
      used[d.id] += b.tp_size_kib + b.pool_meta_kib;
      if (!set_nodes.insert(n.id).second) v.push_back(where + "node used twice in the set");
      if (!set_zones.insert(n.zone).second && req.strict_zones) {
        v.push_back(where + "zone used twice in a strict set");
      }
    }
  }
  for (const auto& [id, kib] : used) {
    if (kib >= devices[id]->free_kib) {
      v.push_back("device " + id + " over capacity: " + std::to_string(kib) + " of " +
                  std::to_string(devices[id]->free_kib));
    }
  }
  return v;
}

}  // namespace brickyard::placement::testing
