// Placement cost per volume on synthetic clusters of N nodes x 24 devices in
// 3 zones, device free space drawn (seeded) between 1 and 4 TiB.
//
//   BM_AllocateReplica3/N       one 100 GiB replica-3 volume (one set)
//   BM_AllocateReplica3Sets/N   100 GiB replica 3 with 25 GiB bricks: 4 sets
//   BM_AllocateArbiter/N        one 100 GiB arbiter volume
//
// Run with --benchmark_repetitions=N to get medians.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>

#include "model/sizing.h"
#include "placement/allocator.h"

namespace brickyard::placement {
namespace {

constexpr int kDevicesPerNode = 24;

Snapshot MakeCluster(int nodes) {
  std::mt19937_64 rng(nodes);
  Snapshot s;
  for (int n = 0; n < nodes; ++n) {
    NodeView node;
    node.id = "node-" + std::to_string(n) + "-3f2a9c51e07b4d6a8c1e5f90b2d47a63";
    node.zone = 1 + n % 3;
    for (int d = 0; d < kDevicesPerNode; ++d) {
      DeviceView dev;
      dev.id = "device-" + std::to_string(n) + "-" + std::to_string(d) + "-9b1e4c7a2f";
      dev.node_id = node.id;
      dev.free_kib = model::kTiB + static_cast<int64_t>(rng() % (3 * model::kTiB));
      s.devices.push_back(std::move(dev));
    }
    s.nodes.push_back(std::move(node));
  }
  return s;
}

Request Replica3(int64_t size_gib) {
  Request r;
  r.size_gib = size_gib;
  r.durability.type = model::DurabilityType::kReplicate;
  r.durability.replica = 3;
  return r;
}

void Run(benchmark::State& state, const Request& request) {
  const Snapshot snapshot = MakeCluster(static_cast<int>(state.range(0)));
  uint64_t seed = 0;
  for (auto _ : state) {
    Result<Placement> p = Allocate(snapshot, request, ++seed);
    if (!p.ok()) {
      state.SkipWithError(p.status().message().c_str());
      break;
    }
    benchmark::DoNotOptimize(p);
  }
  state.counters["devices"] = static_cast<double>(snapshot.devices.size());
}

void BM_AllocateReplica3(benchmark::State& state) { Run(state, Replica3(100)); }

void BM_AllocateReplica3Sets(benchmark::State& state) {
  Request r = Replica3(100);
  r.limits.brick_max_size_gb = 25;
  Run(state, r);
}

void BM_AllocateArbiter(benchmark::State& state) {
  Request r = Replica3(100);
  r.arbiter = true;
  Run(state, r);
}

BENCHMARK(BM_AllocateReplica3)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AllocateReplica3Sets)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AllocateArbiter)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace brickyard::placement

BENCHMARK_MAIN();
