#include "placement/candidates.h"

#include <bit>
#include <cstring>
#include <unordered_map>

namespace brickyard::placement {
namespace {

uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Little-endian words whatever the host, so hashes match across platforms.
uint64_t ByteSwap(uint64_t w) {
  uint64_t out = 0;
  for (int b = 0; b < 8; ++b) out = (out << 8) | ((w >> (8 * b)) & 0xff);
  return out;
}

}  // namespace

uint64_t SeededHash(std::string_view s, uint64_t seed) {
  uint64_t h = Mix(seed ^ 0x9e3779b97f4a7c15ULL) ^ s.size();
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if constexpr (std::endian::native == std::endian::big) w = ByteSwap(w);
    h = Mix(h ^ w) + 0x632be59bd9b4e019ULL;
  }
  uint64_t tail = 0;
  for (size_t j = s.size(); j > i; --j) tail = (tail << 8) | static_cast<unsigned char>(s[j - 1]);
  return Mix(h ^ tail ^ 0xff51afd7ed558ccdULL);
}

Result<Candidates> BuildCandidates(const Snapshot& snapshot, const CandidateFilter& filter,
                                   uint64_t seed) {
  Candidates out;
  out.seed_ = seed;
  out.snapshot_devices = static_cast<int64_t>(snapshot.devices.size());

  // Usable snapshot nodes by id.
  std::unordered_map<std::string_view, int> node_index;
  node_index.reserve(snapshot.nodes.size() * 2);
  for (size_t i = 0; i < snapshot.nodes.size(); ++i) {
    auto [it, inserted] = node_index.emplace(snapshot.nodes[i].id, static_cast<int>(i));
    if (!inserted) {
      return Internal("placement snapshot lists node " + snapshot.nodes[i].id + " twice");
    }
  }

  // Pass 1: eligible devices, tagged with their snapshot node index.
  struct Pending {
    int64_t free_kib;
    int64_t extent_kib;
    int device;
    int snapshot_node;
    bool holds_data;
    bool holds_arbiter;
  };
  std::vector<Pending> pending;
  pending.reserve(snapshot.devices.size());
  std::vector<int> devices_per_node(snapshot.nodes.size(), 0);
  std::string_view cached_id;
  int cached_node = -1;
  for (size_t d = 0; d < snapshot.devices.size(); ++d) {
    const DeviceView& dev = snapshot.devices[d];
    if (!dev.usable) continue;
    int n;
    if (cached_node >= 0 && dev.node_id == cached_id) {
      n = cached_node;
    } else {
      auto it = node_index.find(dev.node_id);
      n = it == node_index.end() ? -1 : it->second;
      cached_id = dev.node_id;
      cached_node = n;
    }
    if (n < 0 || !snapshot.nodes[n].usable) continue;
    ++out.usable_devices;
    if (filter.exclude_device && dev.id == *filter.exclude_device) continue;
    const model::Tags& node_tags = snapshot.nodes[n].tags;
    if (filter.tag_rule != nullptr && !filter.tag_rule->Matches(node_tags, dev.tags)) continue;
    Pending p{dev.free_kib, dev.extent_kib, static_cast<int>(d), n, true, false};
    if (filter.arbiter_classes) {
      ArbiterClass cls = GetArbiterClass(node_tags, dev.tags);
      p.holds_data = HoldsData(cls);
      p.holds_arbiter = HoldsArbiter(cls);
    }
    pending.push_back(p);
    ++devices_per_node[n];
  }

  // Pass 2: dense node and zone indexes, devices grouped by node.
  std::vector<int> dense_node(snapshot.nodes.size(), -1);
  std::unordered_map<int64_t, int> zone_index;
  for (size_t n = 0; n < snapshot.nodes.size(); ++n) {
    if (devices_per_node[n] == 0) continue;
    EligibleNode node;
    node.view = &snapshot.nodes[n];
    auto [zit, inserted] =
        zone_index.emplace(node.view->zone, static_cast<int>(out.zone_ids.size()));
    if (inserted) out.zone_ids.push_back(node.view->zone);
    node.zone = zit->second;
    node.first = out.nodes.empty() ? 0 : out.nodes.back().last;
    node.last = node.first;
    dense_node[n] = static_cast<int>(out.nodes.size());
    out.nodes.push_back(node);
    out.nodes.back().last = node.first + devices_per_node[n];
  }
  out.devices.resize(pending.size());
  std::vector<int> fill(out.nodes.size(), 0);
  for (const Pending& p : pending) {
    int n = dense_node[p.snapshot_node];
    EligibleDevice& e = out.devices[out.nodes[n].first + fill[n]++];
    e.view = &snapshot.devices[p.device];
    e.free_kib = p.free_kib;
    e.extent_kib = p.extent_kib;
    e.node = n;
    e.holds_data = p.holds_data;
    e.holds_arbiter = p.holds_arbiter;
  }
  return out;
}

}  // namespace brickyard::placement
