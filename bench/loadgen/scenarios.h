// The benchmark scenarios. Each starts its own server(s) with a fresh store,
// measures, and fills its part of Figures; progress goes to stderr.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "stats.h"
#include "common/status.h"

namespace brickyard::bench {

struct BenchConfig {
  std::string server_bin;
  std::string cli_bin;
  bool quick = false;
  std::chrono::steady_clock::time_point deadline;  // the whole run stops by then

  // Topology loads: repetitions (each on a fresh server).
  int topo_small_runs = 5;   // 3×4 and 100×10 through the API
  int topo_large_runs = 2;   // 1000×24 through the API
  int topo_cli_runs = 3;     // 100×10 through brickyard-cli
  int big_cluster_creates = 50;  // creates and volume reads on the 1000×24 cluster
  // Creates: repetitions of the 200-volume batches (each on a fresh server).
  int create_runs = 3;
  int create_batch = 200;
  int clients = 16;
  // Scale: volume counts, and samples at each count.
  std::vector<int64_t> levels = {0, 1000, 10000, 100000};
  int latency_samples = 200;
  int get_cluster_samples = 50;
  int get_volume_samples = 300;
  int get_volumes_samples = 20;
  int topo_info_samples = 5;
  int cli_topo_samples = 3;
  int cli_create_samples = 10;
  double sample_budget_s = 90;  // per measurement and level: stop sampling after this
  double reserve_s = 240;       // kept back from the fill for the measurements at a level
};

struct LevelFigures {
  int64_t target = 0;
  int64_t volumes = 0;  // reached (the fill stops at the deadline)
  double fill_s = 0;
  double fill_rate = 0;  // creates/s during the fill
  int64_t fill_busy = 0;
  int64_t fill_no_answer = 0;  // requests of the fill that got no answer (sent again)
  double fill_cpu_per_create = 0;  // server CPU seconds per create during the fill
  Summary create_latency, get_cluster, get_volumes, get_volume, get_node, get_cluster_keepalive, topo_api, topo_api_newconn,
      topo_cli, cli_create;
  int64_t node_body_bytes = 0;      // size of one GET /nodes/{id} answer
  // Server CPU seconds per request (from /proc/<pid>/stat, 10 ms ticks, so
  // averaged over every sample of the measurement).
  double cpu_get_volume = -1, cpu_get_node = -1, cpu_get_cluster = -1, cpu_topo_api = -1, cpu_create = -1;
  int64_t volumes_body_bytes = 0;   // size of one GET /volumes answer
  int64_t topology_bytes = 0;       // size of the assembled topology (JSON)
  int64_t topo_listen_overflows = 0;  // connections dropped by a full listen queue during topology info
  int64_t rss_before_kib = -1, rss_after_topo_kib = -1;
  int64_t store_bytes = -1;
};

struct Figures {
  std::map<std::string, Summary> topo_load;  // "3×4", "100×10", "1000×24", "100×10 cli"
  Summary big_cluster_create, big_cluster_get_volume;  // on the 1000×24 cluster, at 0 volumes
  Summary seq_wall, conc_wall, seq_latency, conc_latency;
  Summary seq_cpu, conc_cpu;  // server CPU seconds per create, per run
  std::vector<double> conc_busy;       // 429 answers per concurrent run
  std::vector<double> conc_no_answer;  // requests without an answer per concurrent run
  std::vector<double> conc_listen_overflows;  // connections dropped by a full listen queue, per run
  std::vector<LevelFigures> levels;
  std::vector<std::string> errors;
};

Status RunTopologyLoads(const BenchConfig& cfg, Figures* out);
Status RunCreates(const BenchConfig& cfg, Figures* out);
Status RunScale(const BenchConfig& cfg, Figures* out);

}  // namespace brickyard::bench
