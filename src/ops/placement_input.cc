#include "ops/placement_input.h"

#include <cstdlib>

#include "common/strings.h"
#include "ops/volume_ops.h"

namespace brickyard::ops {

Result<placement::Snapshot> LoadSnapshot(store::ReadTx& tx, const std::string& cluster_id,
                                         const HealthCache& health) {
  placement::Snapshot snap;
  BY_ASSIGN_OR_RETURN(std::vector<model::Node> nodes, tx.ListClusterNodes(cluster_id));
  snap.nodes.reserve(nodes.size());
  for (auto& n : nodes) {
    placement::NodeView v;
    v.usable = n.state == model::State::kOnline && !health.IsKnownDown(n.id);
    v.id = std::move(n.id);
    v.zone = n.zone;
    v.tags = std::move(n.tags);
    snap.nodes.push_back(std::move(v));
  }
  BY_ASSIGN_OR_RETURN(std::vector<store::DeviceSpace> devices, tx.ListClusterDeviceSpace(cluster_id));
  snap.devices.reserve(devices.size());
  for (auto& d : devices) {
    placement::DeviceView v;
    v.id = std::move(d.id);
    v.node_id = std::move(d.node_id);
    v.tags = std::move(d.tags);
    v.usable = d.state == model::State::kOnline;
    v.free_kib = d.free_kib;
    v.extent_kib = d.extent_kib;
    snap.devices.push_back(std::move(v));
  }
  return snap;
}

placement::Request MakePlacementRequest(const config::GlusterfsConfig& cfg, int64_t size_gib,
                                        const model::Durability& durability,
                                        double snapshot_factor,
                                        const std::vector<std::string>& options) {
  placement::Request r;
  r.size_gib = size_gib;
  r.durability = durability;
  r.snapshot_factor = snapshot_factor;
  std::string arbiter = ToLower(FindOption(options, "user.heketi.arbiter"));
  r.arbiter = durability.type == model::DurabilityType::kReplicate &&
              (arbiter == "true" || arbiter == "1" || arbiter == "yes" || arbiter == "on");
  r.average_file_size_kb = cfg.average_file_size_kb;
  std::string avg = FindOption(options, "user.heketi.average-file-size");
  if (!avg.empty()) {
    char* end = nullptr;
    long long v = std::strtoll(avg.c_str(), &end, 10);
    if (end && *end == '\0' && v > 0) r.average_file_size_kb = v;
  }
  std::string zones = FindOption(options, "user.heketi.zone-checking");
  if (zones.empty()) zones = cfg.zone_checking;
  r.strict_zones = zones == "strict";
  r.tag_match = FindOption(options, "user.heketi.device-tag-match");
  r.limits.brick_min_size_gb = cfg.brick_min_size_gb;
  r.limits.brick_max_size_gb = cfg.brick_max_size_gb;
  r.limits.max_bricks_per_volume = cfg.max_bricks_per_volume;
  return r;
}

uint64_t SeedFromId(const std::string& id) {
  // FNV-1a: stable across builds and platforms, unlike std::hash.
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace brickyard::ops
