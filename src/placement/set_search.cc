#include "placement/set_search.h"

#include <algorithm>
#include <array>
#include <utility>

#include "model/sizing.h"

namespace brickyard::placement {
namespace {

// A node offered for a set: its preferred device and the free space that
// device keeps after the brick.
struct Item {
  int64_t value = 0;
  int device = -1;
  int node = -1;
  int zone = -1;
  bool tight = false;  // taking it shrinks what is left for later sets
};

void SortItems(const Candidates& c, std::vector<Item>* items) {
  std::sort(items->begin(), items->end(), [&c](const Item& a, const Item& b) {
    return PrefersDevice(c, a.value, a.device, b.value, b.device);
  });
}

// Nodes that can take one brick, best first. A node is tight when
// `sets_after` > 0 and its capacity is at most `sets_after`.
std::vector<Item> NodeItems(const Candidates& c, const NodeSummary& s, int64_t sets_after) {
  std::vector<Item> items;
  items.reserve(c.nodes.size());
  for (size_t n = 0; n < c.nodes.size(); ++n) {
    if (s.best[n] < 0) continue;
    bool tight = sets_after > 0 && s.cap[n] <= sets_after;
    items.push_back({s.value[n], s.best[n], static_cast<int>(n), c.nodes[n].zone, tight});
  }
  SortItems(c, &items);
  return items;
}

int DistinctZones(const Candidates& c, const std::vector<Item>& items) {
  std::vector<char> seen(c.zone_ids.size(), 0);
  int zones = 0;
  for (const Item& it : items) {
    if (!seen[it.zone]) {
      seen[it.zone] = 1;
      ++zones;
    }
  }
  return zones;
}

// Keeps, for each class (tight or not), the best `per_zone` items of each of
// the best `zones` zones of that class, in their original (sorted) order.
// Sound for a set of `zones` == `per_zone` == set-size positions: a set using
// another item of the same class can swap it for a kept one that is at least
// as good, without losing a zone, a node or look-ahead slack.
std::vector<Item> Prune(const Candidates& c, const std::vector<Item>& sorted, int zones,
                        int per_zone) {
  const size_t z_count = c.zone_ids.size();
  std::vector<int> kept(2 * z_count, 0);
  std::vector<int> ordinal(2 * z_count, -1);
  int seen[2] = {0, 0};
  std::vector<Item> out;
  for (const Item& it : sorted) {
    int cls = it.tight ? 1 : 0;
    size_t key = cls * z_count + it.zone;
    if (ordinal[key] < 0) ordinal[key] = seen[cls]++;
    if (ordinal[key] >= zones || kept[key] >= per_zone) continue;
    ++kept[key];
    out.push_back(it);
  }
  return out;
}

// Look-ahead slack: how many tight units (nodes or zones with capacity c_i)
// the next set may use so that `sets_after` sets still fit. Negative when
// they do not fit even now.
int64_t Slack(const std::vector<int64_t>& caps, int64_t set_size, int64_t sets_after) {
  int64_t base = 0;
  for (int64_t cap : caps) base += std::min(cap, sets_after);
  return base - sets_after * set_size;
}

std::vector<int64_t> ZoneCaps(const Candidates& c, const NodeSummary& s) {
  std::vector<int64_t> caps(c.zone_ids.size(), 0);
  for (size_t n = 0; n < c.nodes.size(); ++n) caps[c.nodes[n].zone] += s.cap[n];
  return caps;
}

std::optional<SetChoice> ChooseStrict(const Candidates& c, const NodeSummary& s,
                                      const std::vector<Item>& items, int64_t set_size,
                                      int64_t sets_after) {
  // One brick per zone, on the zone's preferred node; any node of a zone
  // uses the zone's capacity alike, so the look-ahead is per zone. Choosing
  // r zones with at most `slack` tight ones is a matroid, so greedy is exact.
  std::vector<int64_t> zone_cap;
  int64_t slack = set_size;
  if (sets_after > 0) {
    zone_cap = ZoneCaps(c, s);
    slack = Slack(zone_cap, set_size, sets_after);
    if (slack < 0) return std::nullopt;
  }
  std::vector<char> zone_done(c.zone_ids.size(), 0);
  SetChoice choice;
  int64_t tight_used = 0;
  for (const Item& it : items) {
    if (zone_done[it.zone]) continue;
    zone_done[it.zone] = 1;
    bool tight = sets_after > 0 && zone_cap[it.zone] <= sets_after;
    if (tight && tight_used >= slack) continue;
    tight_used += tight ? 1 : 0;
    choice.devices.push_back(it.device);
    if (static_cast<int64_t>(choice.devices.size()) == set_size) return choice;
  }
  return std::nullopt;
}

// Branch and bound over a pruned pool for the non-strict set when the
// look-ahead binds: at most `slack` tight nodes.
class BoundedSetSearch {
 public:
  BoundedSetSearch(const Candidates& c, std::vector<Item> pool, int set_size, int64_t slack,
                   SearchBudget* budget)
      : pool_(std::move(pool)),
        r_(set_size),
        slack_(slack),
        budget_(budget),
        zone_count_(c.zone_ids.size(), 0) {
    max_zones_ = std::min(r_, DistinctZones(c, pool_));
  }

  const std::vector<Item>& pool() const { return pool_; }

  // Returns pool indexes of the best set, in increasing order (best first).
  std::vector<int> Run() {
    SeedWithFewestTight();
    if (best_.empty()) return best_;
    picks_.clear();
    Search(0);
    return best_;
  }

 private:
  // Non-tight nodes first: uses the fewest tight nodes, so it satisfies the
  // look-ahead whenever anything does.
  void SeedWithFewestTight() {
    std::vector<int> picks;
    int64_t tight = 0;
    for (int pass = 0; pass < 2; ++pass) {
      for (int i = 0; i < static_cast<int>(pool_.size()); ++i) {
        if (static_cast<int>(picks.size()) == r_) break;
        if (pool_[i].tight != (pass == 1)) continue;
        if (pool_[i].tight && tight >= slack_) break;
        tight += pool_[i].tight ? 1 : 0;
        picks.push_back(i);
      }
    }
    if (static_cast<int>(picks.size()) < r_) return;
    std::sort(picks.begin(), picks.end());
    best_ = picks;
    best_zones_ = ZonesOf(picks);
  }

  int ZonesOf(const std::vector<int>& picks) const {
    std::vector<int> zones;
    for (int i : picks) zones.push_back(pool_[i].zone);
    std::sort(zones.begin(), zones.end());
    return static_cast<int>(std::unique(zones.begin(), zones.end()) - zones.begin());
  }

  // Compares increasing index lists: leftover values from the worst brick
  // up, then the tie-break order the same way.
  bool Better(const std::vector<int>& a, const std::vector<int>& b) const {
    for (size_t i = a.size(); i-- > 0;) {
      int64_t va = pool_[a[i]].value, vb = pool_[b[i]].value;
      if (va != vb) return va > vb;
    }
    for (size_t i = a.size(); i-- > 0;) {
      if (a[i] != b[i]) return a[i] < b[i];
    }
    return false;
  }

  void Search(int start) {
    int need = r_ - static_cast<int>(picks_.size());
    if (need == 0) {
      if (zones_ > best_zones_ || (zones_ == best_zones_ && Better(picks_, best_))) {
        best_ = picks_;
        best_zones_ = zones_;
      }
      return;
    }
    if (!budget_->Spend(1)) return;
    int zones_bound = std::min(max_zones_, zones_ + need);
    if (zones_bound < best_zones_) return;
    for (int j = start; j + need <= static_cast<int>(pool_.size()); ++j) {
      if (zones_bound < best_zones_) return;  // a deeper search found more zones
      if (zones_bound == best_zones_) {
        // The best completion from j takes j, j+1, ...; if even that is not
        // better, no later j is.
        bound_ = picks_;
        for (int k = 0; k < need; ++k) bound_.push_back(j + k);
        if (!Better(bound_, best_)) break;
      }
      const Item& it = pool_[j];
      if (it.tight && tight_ >= slack_) continue;
      tight_ += it.tight ? 1 : 0;
      zones_ += zone_count_[it.zone]++ == 0 ? 1 : 0;
      picks_.push_back(j);
      Search(j + 1);
      picks_.pop_back();
      zones_ -= --zone_count_[it.zone] == 0 ? 1 : 0;
      tight_ -= it.tight ? 1 : 0;
      if (budget_->exhausted()) return;
    }
  }

  std::vector<Item> pool_;
  int r_;
  int64_t slack_;
  SearchBudget* budget_;
  std::vector<int> zone_count_;
  int max_zones_ = 0;
  std::vector<int> picks_;
  std::vector<int> bound_;
  int zones_ = 0;
  int64_t tight_ = 0;
  std::vector<int> best_;
  int best_zones_ = -1;
};

// A scored arbiter set candidate.
struct Pick {
  int64_t value = 0;
  int device = -1;
};

struct ScoredSet {
  int zones = 0;
  std::array<Pick, 3> sorted;  // the three bricks, preferred first
  Pick arbiter;
  std::array<int, 3> devices;  // data, data, arbiter
};

bool PickBefore(const Candidates& c, const Pick& a, const Pick& b) {
  return PrefersDevice(c, a.value, a.device, b.value, b.device);
}

ScoredSet Score(const Candidates& c, Pick d0, Pick d1, Pick arb) {
  if (PickBefore(c, d1, d0)) std::swap(d0, d1);
  ScoredSet s;
  s.devices = {d0.device, d1.device, arb.device};
  s.arbiter = arb;
  s.sorted = {d0, d1, arb};
  std::sort(s.sorted.begin(), s.sorted.end(),
            [&c](const Pick& a, const Pick& b) { return PickBefore(c, a, b); });
  int z0 = c.nodes[c.devices[d0.device].node].zone;
  int z1 = c.nodes[c.devices[d1.device].node].zone;
  int z2 = c.nodes[c.devices[arb.device].node].zone;
  s.zones = 1 + (z1 != z0 ? 1 : 0) + (z2 != z0 && z2 != z1 ? 1 : 0);
  return s;
}

// Total order: more zones, then more space left from the worst brick up,
// then the tie-break order from the worst brick up, then the arbiter.
bool SetBefore(const Candidates& c, const ScoredSet& a, const ScoredSet& b) {
  if (a.zones != b.zones) return a.zones > b.zones;
  for (size_t i = a.sorted.size(); i-- > 0;) {
    if (a.sorted[i].value != b.sorted[i].value) return a.sorted[i].value > b.sorted[i].value;
  }
  for (size_t i = a.sorted.size(); i-- > 0;) {
    const Pick& pa = a.sorted[i];
    const Pick& pb = b.sorted[i];
    if (pa.device != pb.device) return PickBefore(c, pa, pb);
  }
  if (a.arbiter.device != b.arbiter.device || a.arbiter.value != b.arbiter.value) {
    return PickBefore(c, a.arbiter, b.arbiter);
  }
  return false;
}

bool DistinctNodesAndZones(const Candidates& c, int d0, int d1, int d2, bool strict) {
  int n0 = c.devices[d0].node, n1 = c.devices[d1].node, n2 = c.devices[d2].node;
  if (n0 == n1 || n0 == n2 || n1 == n2) return false;
  if (!strict) return true;
  int z0 = c.nodes[n0].zone, z1 = c.nodes[n1].zone, z2 = c.nodes[n2].zone;
  return z0 != z1 && z0 != z2 && z1 != z2;
}

// Sums min(cap, sets) per node, or per zone when strict.
int64_t SpreadCapacity(const Candidates& c, const std::vector<int64_t>& node_caps, int64_t sets,
                       bool strict) {
  int64_t total = 0;
  if (!strict) {
    for (int64_t cap : node_caps) total += std::min(cap, sets);
    return total;
  }
  std::vector<int64_t> zone_caps(c.zone_ids.size(), 0);
  for (size_t n = 0; n < c.nodes.size(); ++n) zone_caps[c.nodes[n].zone] += node_caps[n];
  for (int64_t cap : zone_caps) total += std::min(cap, sets);
  return total;
}

// Devices that can take a brick of `need`, preferred first. On large
// clusters keeps at most two per node and six per zone, and `limit` in all.
std::vector<Pick> FittingDevices(const Candidates& c, const std::vector<int64_t>& free_kib,
                                 const std::vector<int64_t>& need, size_t limit) {
  std::vector<Pick> picks;
  for (size_t d = 0; d < c.devices.size(); ++d) {
    if (Fits(free_kib[d], need[d])) {
      picks.push_back({free_kib[d] - need[d], static_cast<int>(d)});
    }
  }
  std::sort(picks.begin(), picks.end(),
            [&c](const Pick& a, const Pick& b) { return PickBefore(c, a, b); });
  if (picks.size() <= limit) return picks;
  std::vector<int> per_node(c.nodes.size(), 0), per_zone(c.zone_ids.size(), 0);
  std::vector<Pick> cut;
  for (const Pick& p : picks) {
    int n = c.devices[p.device].node;
    int z = c.nodes[n].zone;
    if (per_node[n] >= 2 || per_zone[z] >= 6) continue;
    ++per_node[n];
    ++per_zone[z];
    cut.push_back(p);
    if (cut.size() == limit) break;
  }
  return cut;
}

}  // namespace

BrickNeeds ComputeNeeds(const Candidates& c, int64_t data_kib, int64_t arbiter_kib,
                        double snapshot_factor) {
  // Few distinct extent sizes exist; remember the last few.
  struct Cached {
    int64_t extent;
    int64_t data;
    int64_t arbiter;
  };
  std::vector<Cached> cache;
  BrickNeeds needs;
  needs.data.resize(c.devices.size());
  if (arbiter_kib > 0) needs.arbiter.resize(c.devices.size());
  for (size_t d = 0; d < c.devices.size(); ++d) {
    const EligibleDevice& dev = c.devices[d];
    int64_t extent = dev.extent_kib;
    auto it = std::find_if(cache.begin(), cache.end(),
                           [extent](const Cached& x) { return x.extent == extent; });
    if (it == cache.end()) {
      Cached x{extent, model::ComputeBrickSpace(data_kib, snapshot_factor, extent).total(), 0};
      if (arbiter_kib > 0) {
        x.arbiter = model::ComputeBrickSpace(arbiter_kib, snapshot_factor, extent).total();
      }
      cache.push_back(x);
      it = cache.end() - 1;
    }
    needs.data[d] = dev.holds_data ? it->data : 0;
    if (arbiter_kib > 0) needs.arbiter[d] = dev.holds_arbiter ? it->arbiter : 0;
  }
  return needs;
}

void Summarize(const Candidates& c, const std::vector<int64_t>& free_kib,
               const std::vector<int64_t>& need_kib, NodeSummary* out) {
  const size_t n_count = c.nodes.size();
  out->best.assign(n_count, -1);
  out->value.assign(n_count, 0);
  out->cap.assign(n_count, 0);
  for (size_t n = 0; n < n_count; ++n) {
    SummarizeNode(c, free_kib, need_kib, static_cast<int>(n), out);
  }
}

void SummarizeNode(const Candidates& c, const std::vector<int64_t>& free_kib,
                   const std::vector<int64_t>& need_kib, int n, NodeSummary* out) {
  int best = -1;
  int64_t best_value = 0;
  int64_t cap = 0;
  for (int d = c.nodes[n].first; d < c.nodes[n].last; ++d) {
    int64_t need = need_kib[d];
    int64_t free = free_kib[d];
    if (!Fits(free, need)) continue;
    cap += (free - 1) / need;
    int64_t value = free - need;
    if (best < 0 || PrefersDevice(c, value, d, best_value, best)) {
      best = d;
      best_value = value;
    }
  }
  out->best[n] = best;
  out->value[n] = best_value;
  out->cap[n] = cap;
}

bool UniformSetsFit(const Candidates& c, const NodeSummary& s, int64_t set_size, int64_t sets,
                    bool strict) {
  return SpreadCapacity(c, s.cap, sets, strict) >= sets * set_size;
}

std::optional<SetChoice> ChooseUniformSet(const Candidates& c, const NodeSummary& s,
                                          int64_t set_size, int64_t sets_after, bool strict,
                                          SearchBudget* budget) {
  std::vector<Item> items = NodeItems(c, s, sets_after);
  if (static_cast<int64_t>(items.size()) < set_size) return std::nullopt;
  if (strict) return ChooseStrict(c, s, items, set_size, sets_after);

  int64_t slack = set_size;
  if (sets_after > 0) {
    slack = Slack(s.cap, set_size, sets_after);
    if (slack < 0) return std::nullopt;
  }

  // Without the look-ahead this is a matroid (at most one brick per zone
  // until every zone is used, then any node), so greedy gives the best set.
  const int r = static_cast<int>(set_size);
  const int max_zones = std::min(r, DistinctZones(c, items));
  std::vector<int> zone_used(c.zone_ids.size(), 0);
  SetChoice choice;
  int extra = 0;
  int64_t tight = 0;
  for (const Item& it : items) {
    if (zone_used[it.zone]) {
      if (extra >= r - max_zones) continue;
      ++extra;
    }
    zone_used[it.zone] = 1;
    tight += it.tight ? 1 : 0;
    choice.devices.push_back(it.device);
    if (static_cast<int>(choice.devices.size()) == r) break;
  }
  if (tight <= slack) return choice;

  // The look-ahead binds: search the pruned pool.
  BoundedSetSearch search(c, Prune(c, items, r, r), r, slack, budget);
  std::vector<int> best = search.Run();
  if (best.empty()) return std::nullopt;
  choice.devices.clear();
  for (int i : best) choice.devices.push_back(search.pool()[i].device);
  return choice;
}

std::optional<SetChoice> ChooseArbiterSet(const Candidates& c, const NodeSummary& data,
                                          const NodeSummary& arbiter, bool strict) {
  std::vector<Item> pool_d = Prune(c, NodeItems(c, data, 0), 3, 3);
  std::vector<Item> pool_a = Prune(c, NodeItems(c, arbiter, 0), 3, 3);
  std::optional<ScoredSet> best;
  for (const Item& a : pool_a) {
    for (size_t i = 0; i < pool_d.size(); ++i) {
      for (size_t j = i + 1; j < pool_d.size(); ++j) {
        const Item& x = pool_d[i];
        const Item& y = pool_d[j];
        if (!DistinctNodesAndZones(c, x.device, y.device, a.device, strict)) continue;
        ScoredSet s = Score(c, {x.value, x.device}, {y.value, y.device}, {a.value, a.device});
        if (!best || SetBefore(c, s, *best)) best = s;
      }
    }
  }
  if (!best) return std::nullopt;
  return SetChoice{{best->devices[0], best->devices[1], best->devices[2]}};
}

bool ArbiterSetsMayFit(const Candidates& c, const NodeSummary& data, const NodeSummary& arbiter,
                       int64_t sets, bool strict) {
  std::vector<int64_t> both(c.nodes.size());
  for (size_t n = 0; n < both.size(); ++n) both[n] = data.cap[n] + arbiter.cap[n];
  return SpreadCapacity(c, data.cap, sets, strict) >= 2 * sets &&
         SpreadCapacity(c, arbiter.cap, sets, strict) >= sets &&
         SpreadCapacity(c, both, sets, strict) >= 3 * sets;
}

std::vector<SetChoice> ArbiterSetAlternatives(const Candidates& c,
                                              const std::vector<int64_t>& free_kib,
                                              const BrickNeeds& needs, bool strict,
                                              SearchBudget* budget) {
  constexpr size_t kDevicesPerRole = 32;
  std::vector<Pick> data = FittingDevices(c, free_kib, needs.data, kDevicesPerRole);
  std::vector<Pick> arb = FittingDevices(c, free_kib, needs.arbiter, kDevicesPerRole);
  std::vector<ScoredSet> sets;
  for (const Pick& a : arb) {
    for (size_t i = 0; i < data.size(); ++i) {
      for (size_t j = i + 1; j < data.size(); ++j) {
        if (!DistinctNodesAndZones(c, data[i].device, data[j].device, a.device, strict)) continue;
        sets.push_back(Score(c, data[i], data[j], a));
      }
    }
  }
  budget->Spend(16 * static_cast<int64_t>(sets.size()) + 1);  // scoring and sorting
  std::sort(sets.begin(), sets.end(),
            [&c](const ScoredSet& a, const ScoredSet& b) { return SetBefore(c, a, b); });
  std::vector<SetChoice> out;
  out.reserve(sets.size());
  for (const ScoredSet& s : sets) out.push_back({{s.devices[0], s.devices[1], s.devices[2]}});
  return out;
}

}  // namespace brickyard::placement
