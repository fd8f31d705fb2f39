// The search for one brick set at a given brick size, on the current free
// space of the eligible devices. Pure functions over a Candidates index.
//
// Preference among valid sets, in this order:
//   1. the most distinct zones (with strict zones every brick is in its own
//      zone, so this is a constraint rather than a preference);
//   2. the emptiest devices: the free space left on the chosen devices,
//      compared from the worst brick of the set up (maximise the smallest
//      leftover, then the next one, ...);
//   3. PrefersDevice's seeded tie-break.
// Only the best device of each node can matter for one set (a set never puts
// two bricks on one node), so the search runs over nodes, pruned to the few
// nodes of the few zones that an optimal set can use.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "placement/candidates.h"

namespace brickyard::placement {

// Work allowance for searches that could otherwise grow large; counts
// devices visited, search nodes expanded and candidate sets scored (about
// 10-50 ms of work in all). Never reached on small clusters (the property
// tests' 6 nodes x 3 devices x 2 sets need well under a tenth of it).
struct SearchBudget {
  int64_t remaining = 1 << 20;
  bool Spend(int64_t work) {
    remaining -= work;
    return remaining >= 0;
  }
  bool exhausted() const { return remaining < 0; }
};

// What one brick of a role takes from each eligible device (KiB, thin pool
// plus metadata); 0 when the device may not hold that role.
struct BrickNeeds {
  std::vector<int64_t> data;
  std::vector<int64_t> arbiter;  // empty for volumes without arbiter
};

BrickNeeds ComputeNeeds(const Candidates& c, int64_t data_kib, int64_t arbiter_kib,
                        double snapshot_factor);

// True if a device with `free_kib` left can take a brick needing `need_kib`
// (strictly more free than needed, as Heketi).
inline bool Fits(int64_t free_kib, int64_t need_kib) { return need_kib > 0 && free_kib > need_kib; }

// Bricks of `need_kib` a device with `free_kib` can still take. Placement
// order does not change it: k bricks fit iff free > k * need.
inline int64_t BrickCapacity(int64_t free_kib, int64_t need_kib) {
  return Fits(free_kib, need_kib) ? (free_kib - 1) / need_kib : 0;
}

// Per eligible node, for one role: the device a single brick would prefer and
// how many such bricks the node can take in all.
struct NodeSummary {
  std::vector<int> best;       // device index, -1 when no device fits
  std::vector<int64_t> value;  // free space left on `best` after the brick
  std::vector<int64_t> cap;    // sum of BrickCapacity over the node's devices
};

void Summarize(const Candidates& c, const std::vector<int64_t>& free_kib,
               const std::vector<int64_t>& need_kib, NodeSummary* out);

// Refreshes node `n` of a summary built by Summarize after its devices'
// free space changed.
void SummarizeNode(const Candidates& c, const std::vector<int64_t>& free_kib,
                   const std::vector<int64_t>& need_kib, int n, NodeSummary* out);

// A chosen set: one device per set position.
struct SetChoice {
  std::vector<int> devices;
};

// True iff `sets` sets of `set_size` same-sized bricks fit, each set on
// distinct nodes (distinct zones when `strict`). Exact: with node (zone)
// capacities c_i the condition is sum(min(c_i, sets)) >= sets * set_size.
bool UniformSetsFit(const Candidates& c, const NodeSummary& s, int64_t set_size, int64_t sets,
                    bool strict);

// Chooses the preferred set of `set_size` same-sized bricks among the sets
// after which `sets_after` more sets of the same shape still fit (exact, see
// UniformSetsFit). std::nullopt iff there is no such set. Positions are
// filled in preference order. When the look-ahead binds and the pruned search
// outgrows `budget`, the best set found so far is returned (always valid).
std::optional<SetChoice> ChooseUniformSet(const Candidates& c, const NodeSummary& s,
                                          int64_t set_size, int64_t sets_after, bool strict,
                                          SearchBudget* budget);

// Chooses the preferred arbiter set (data, data, arbiter) for one set, or
// std::nullopt if none fits. Exact for a single set.
std::optional<SetChoice> ChooseArbiterSet(const Candidates& c, const NodeSummary& data,
                                          const NodeSummary& arbiter, bool strict);

// Necessary (not sufficient) condition for `sets` arbiter sets to fit; a
// cheap cut before backtracking.
bool ArbiterSetsMayFit(const Candidates& c, const NodeSummary& data, const NodeSummary& arbiter,
                       int64_t sets, bool strict);

// Every arbiter set on the current free space, down to the device, best
// first, for backtracking over several sets. On large clusters the devices
// considered per role are cut to a few per node and zone.
std::vector<SetChoice> ArbiterSetAlternatives(const Candidates& c,
                                              const std::vector<int64_t>& free_kib,
                                              const BrickNeeds& needs, bool strict,
                                              SearchBudget* budget);

}  // namespace brickyard::placement
