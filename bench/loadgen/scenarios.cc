#include "scenarios.h"

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "api_client.h"
#include "bench_server.h"
#include "cli_runner.h"
#include "report.h"
#include "topology.h"

namespace brickyard::bench {

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

// The create request of every benchmark: 1 GiB, replica 3.
const char* const kVolumeBody = R"({"size":1,"durability":{"type":"replicate","replicate":{"replica":3}}})";

// The topology of the create and scale benchmarks: 12 nodes × 24 devices in
// 3 zones, each device 100,000 GB, so 100k replica-3 1 GiB volumes fit.
constexpr int kNodes = 12, kDevices = 24, kZones = 3;

// Polling of /queue: latency probes poll every 1 ms; load generators back
// off from 1 ms to 8 ms so that 16 pollers do not swamp the server.
constexpr PollPolicy kProbePoll{std::chrono::microseconds(1000), std::chrono::microseconds(1000)};
constexpr PollPolicy kLoadPoll{std::chrono::microseconds(1000), std::chrono::microseconds(8000)};

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::mutex log_mu;
template <typename... Args>
void Log(const Args&... args) {
  std::lock_guard lock(log_mu);
  std::cerr << "[bench] ";
  (std::cerr << ... << args);
  std::cerr << std::endl;
}

ServerSettings Settings(const BenchConfig& cfg) {
  ServerSettings s;
  s.binary = cfg.server_bin;
  return s;
}

bool PastDeadline(const BenchConfig& cfg) { return Clock::now() >= cfg.deadline; }

// Checks that the server holds one cluster with `nodes` nodes, the first
// of which has `devices` devices.
Status VerifyTopology(int port, int nodes, int devices) {
  ApiClient c(port);
  BY_ASSIGN_OR_RETURN(std::vector<std::string> ids, ClusterIds(c));
  if (ids.size() != 1) return Internal("expected 1 cluster, found " + std::to_string(ids.size()));
  BY_ASSIGN_OR_RETURN(HttpReply r, c.Call("GET", "/clusters/" + ids[0]));
  json info = json::parse(r.body);
  if (static_cast<int>(info["nodes"].size()) != nodes)
    return Internal("expected " + std::to_string(nodes) + " nodes, found " +
                    std::to_string(info["nodes"].size()));
  BY_ASSIGN_OR_RETURN(HttpReply n, c.Call("GET", "/nodes/" + info["nodes"][0].get<std::string>()));
  json node = json::parse(n.body);
  if (static_cast<int>(node["devices"].size()) != devices)
    return Internal("expected " + std::to_string(devices) + " devices, found " +
                    std::to_string(node["devices"].size()));
  return Status::Ok();
}

Status StartWithTopology(BenchServer& server) {
  BY_RETURN_IF_ERROR(server.Start());
  ApiClient c(server.port());
  BY_RETURN_IF_ERROR(LoadTopologyViaApi(c, MakeTopologyFile(kNodes, kDevices, kZones), kProbePoll));
  return VerifyTopology(server.port(), kNodes, kDevices);
}

struct CreateBatch {
  double wall_s = 0;
  std::vector<double> latencies;  // one per create: POST → 202 → polls → 303 → GET
  int64_t busy = 0;               // 429 answers
  int64_t no_answer = 0;          // requests that got no answer and were sent again
  int64_t created = 0;
};

// Creates up to `count` volumes with `clients` threads, each with its own
// connection, stopping early at `stop_at`. With a `label`, prints progress
// every 5 s.
Result<CreateBatch> CreateVolumes(int port, int64_t count, int clients, PollPolicy poll,
                                  Clock::time_point stop_at, const std::string& label = "") {
  CreateBatch batch;
  std::atomic<int64_t> claimed{0}, done{0}, busy{0}, no_answer{0};
  std::mutex mu;
  Status first_error;
  std::vector<double> latencies;
  std::atomic<bool> failed{false};
  const auto start = Clock::now();
  auto worker = [&] {
    ApiClient c(port);
    std::vector<double> mine;
    while (!failed && Clock::now() < stop_at && claimed++ < count) {
      auto t0 = Clock::now();
      auto r = c.Call("POST", "/volumes", kVolumeBody, poll);
      if (!r.ok()) {
        std::lock_guard lock(mu);
        if (first_error.ok()) first_error = r.status();
        failed = true;
        break;
      }
      mine.push_back(Since(t0));
      ++done;
    }
    busy += c.stats().busy;
    no_answer += c.stats().no_answer;
    std::lock_guard lock(mu);
    latencies.insert(latencies.end(), mine.begin(), mine.end());
  };

  std::mutex wake_mu;
  std::condition_variable wake;
  bool finished = false;
  std::thread reporter;
  if (!label.empty()) {
    reporter = std::thread([&] {
      std::unique_lock lock(wake_mu);
      while (!wake.wait_for(lock, std::chrono::seconds(5), [&] { return finished; })) {
        const double elapsed = Since(start);
        const double rate = static_cast<double>(done) / std::max(elapsed, 1e-9);
        const double eta = rate > 0 ? static_cast<double>(count - done) / rate : 0;
        Log(label, ": ", FormatCount(static_cast<double>(done)), " of ", FormatCount(static_cast<double>(count)),
            " created, ", FormatCount(rate), "/s, ", FormatSeconds(elapsed), " elapsed, about ",
            FormatSeconds(eta), " left");
      }
    });
  }
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  batch.wall_s = Since(start);
  if (reporter.joinable()) {
    {
      std::lock_guard lock(wake_mu);
      finished = true;
    }
    wake.notify_all();
    reporter.join();
  }
  if (!first_error.ok()) return first_error;
  batch.latencies = std::move(latencies);
  batch.busy = busy;
  batch.no_answer = no_answer;
  batch.created = done;
  return batch;
}

// Runs `fn` (returning seconds) up to `n` times; stops early once `budget_s`
// is spent or the run's deadline has passed, but always takes one sample.
template <typename Fn>
Result<Summary> Sample(const BenchConfig& cfg, int n, double budget_s, Fn fn) {
  std::vector<double> v;
  const auto start = Clock::now();
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (Since(start) > budget_s || PastDeadline(cfg))) break;
    BY_ASSIGN_OR_RETURN(double s, fn());
    v.push_back(s);
  }
  return Summarize(std::move(v));
}

// One timed GET that must answer 200; `bytes` gets the body size.
Result<double> TimedGet(ApiClient& c, const std::string& path, int64_t* bytes = nullptr) {
  auto t0 = Clock::now();
  HttpReply r = c.Send("GET", path);
  double s = Since(t0);
  if (r.status != 200) return Internal("GET " + path + ": HTTP " + std::to_string(r.status) + " " + r.body);
  if (bytes) *bytes = static_cast<int64_t>(r.body.size());
  return s;
}

// Server CPU seconds per sample spent while `measure` ran.
// Requests are served by pooled threads, so the live threads' precise
// counters hold all of it.
template <typename Fn>
Result<Summary> WithCpu(const BenchServer& server, double* cpu_per_op, Fn measure) {
  const double cpu0 = server.LiveThreadsCpuSeconds();
  BY_ASSIGN_OR_RETURN(Summary s, measure());
  if (s.n > 0) *cpu_per_op = (server.LiveThreadsCpuSeconds() - cpu0) / static_cast<double>(s.n);
  return s;
}

std::string Shape(int nodes, int devices) { return std::to_string(nodes) + "×" + std::to_string(devices); }

}  // namespace

Status RunTopologyLoads(const BenchConfig& cfg, Figures* out) {
  struct Case {
    int nodes, devices, runs;
  };
  const Case cases[] = {{3, 4, cfg.topo_small_runs}, {100, 10, cfg.topo_small_runs},
                        {1000, 24, cfg.topo_large_runs}};
  for (const Case& k : cases) {
    std::vector<double> walls;
    const json file = MakeTopologyFile(k.nodes, k.devices, kZones);
    for (int run = 0; run < k.runs && !(run > 0 && PastDeadline(cfg)); ++run) {
      BenchServer server(Settings(cfg));
      BY_RETURN_IF_ERROR(server.Start());
      ApiClient c(server.port());
      auto t0 = Clock::now();
      BY_RETURN_IF_ERROR(LoadTopologyViaApi(c, file, kProbePoll));
      walls.push_back(Since(t0));
      BY_RETURN_IF_ERROR(VerifyTopology(server.port(), k.nodes, k.devices));
      if (run == 0 && k.nodes >= 1000) {
        // Per-request costs that grow with the cluster's size rather than
        // with the number of volumes: one create, one volume read.
        BY_ASSIGN_OR_RETURN(CreateBatch b, CreateVolumes(server.port(), cfg.big_cluster_creates, 1, kProbePoll,
                                                         Clock::time_point::max()));
        out->big_cluster_create = Summarize(b.latencies);
        BY_ASSIGN_OR_RETURN(HttpReply list, c.Call("GET", "/volumes"));
        const std::string vid = json::parse(list.body)["volumes"].at(0).get<std::string>();
        BY_ASSIGN_OR_RETURN(out->big_cluster_get_volume,
                            Sample(cfg, cfg.big_cluster_creates, cfg.sample_budget_s,
                                   [&] { return TimedGet(c, "/volumes/" + vid); }));
        Log("on ", Shape(k.nodes, k.devices), ": create p50 ", FormatSeconds(out->big_cluster_create.p50),
            ", GET /volumes/{id} p50 ", FormatSeconds(out->big_cluster_get_volume.p50));
      }
      Log("topology load ", Shape(k.nodes, k.devices), " via the API, run ", run + 1, "/", k.runs, ": ",
          FormatSeconds(walls.back()), " (", c.stats().requests, " requests)");
    }
    out->topo_load[Shape(k.nodes, k.devices)] = Summarize(walls);
  }

  // The same 100×10 file through the real CLI.
  std::vector<double> walls;
  for (int run = 0; run < cfg.topo_cli_runs && !(run > 0 && PastDeadline(cfg)); ++run) {
    BenchServer server(Settings(cfg));
    BY_RETURN_IF_ERROR(server.Start());
    const std::string path = server.dir() + "/topology.json";
    std::ofstream(path) << MakeTopologyFile(100, 10, kZones).dump(2);
    BY_ASSIGN_OR_RETURN(CliRun run_result,
                        RunCli(cfg.cli_bin, server.port(), {"topology", "load", "--json=" + path}, 900));
    walls.push_back(run_result.seconds);
    BY_RETURN_IF_ERROR(VerifyTopology(server.port(), 100, 10));
    Log("topology load 100×10 via brickyard-cli, run ", run + 1, "/", cfg.topo_cli_runs, ": ",
        FormatSeconds(walls.back()));
  }
  out->topo_load["100×10 cli"] = Summarize(walls);
  return Status::Ok();
}

Status RunCreates(const BenchConfig& cfg, Figures* out) {
  std::vector<double> seq_walls, conc_walls, seq_lat, conc_lat, seq_cpu, conc_cpu;
  for (int run = 0; run < cfg.create_runs && !(run > 0 && PastDeadline(cfg)); ++run) {
    {
      BenchServer server(Settings(cfg));
      BY_RETURN_IF_ERROR(StartWithTopology(server));
      const double cpu0 = server.CpuSeconds();
      BY_ASSIGN_OR_RETURN(CreateBatch b, CreateVolumes(server.port(), cfg.create_batch, 1, kProbePoll,
                                                       Clock::time_point::max()));
      seq_cpu.push_back((server.CpuSeconds() - cpu0) / static_cast<double>(b.created));
      seq_walls.push_back(b.wall_s);
      seq_lat.insert(seq_lat.end(), b.latencies.begin(), b.latencies.end());
      Log(cfg.create_batch, " sequential creates, run ", run + 1, "/", cfg.create_runs, ": ",
          FormatSeconds(b.wall_s), ", ", b.busy, " × 429");
    }
    {
      BenchServer server(Settings(cfg));
      BY_RETURN_IF_ERROR(StartWithTopology(server));
      const double cpu0 = server.CpuSeconds();
      const int64_t overflows0 = ListenOverflows();
      BY_ASSIGN_OR_RETURN(CreateBatch b, CreateVolumes(server.port(), cfg.create_batch, cfg.clients,
                                                       kLoadPoll, Clock::time_point::max()));
      conc_cpu.push_back((server.CpuSeconds() - cpu0) / static_cast<double>(b.created));
      out->conc_no_answer.push_back(static_cast<double>(b.no_answer));
      out->conc_listen_overflows.push_back(static_cast<double>(ListenOverflows() - overflows0));
      conc_walls.push_back(b.wall_s);
      conc_lat.insert(conc_lat.end(), b.latencies.begin(), b.latencies.end());
      out->conc_busy.push_back(static_cast<double>(b.busy));
      Log(cfg.create_batch, " creates with ", cfg.clients, " clients, run ", run + 1, "/", cfg.create_runs,
          ": ", FormatSeconds(b.wall_s), ", ", b.busy, " × 429, ", b.no_answer, " requests without an answer");
    }
  }
  out->seq_wall = Summarize(seq_walls);
  out->conc_wall = Summarize(conc_walls);
  out->seq_latency = Summarize(seq_lat);
  out->seq_cpu = Summarize(seq_cpu);
  out->conc_cpu = Summarize(conc_cpu);
  out->conc_latency = Summarize(conc_lat);
  return Status::Ok();
}

Status RunScale(const BenchConfig& cfg, Figures* out) {
  BenchServer server(Settings(cfg));
  BY_RETURN_IF_ERROR(StartWithTopology(server));
  const int port = server.port();
  ApiClient probe(port);
  BY_ASSIGN_OR_RETURN(std::vector<std::string> ids, ClusterIds(probe));
  const std::string cluster_path = "/clusters/" + ids.at(0);
  int64_t volumes = 0;

  for (int64_t target : cfg.levels) {
    LevelFigures lf;
    lf.target = target;
    // Fill with concurrent clients, keeping time back for the measurements.
    if (target > volumes) {
      const auto stop_at = cfg.deadline - std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(cfg.reserve_s));
      const double cpu0 = server.CpuSeconds();
      BY_ASSIGN_OR_RETURN(CreateBatch b, CreateVolumes(port, target - volumes, cfg.clients, kLoadPoll, stop_at,
                                                       "fill to " + FormatCount(static_cast<double>(target))));
      if (b.created > 0) lf.fill_cpu_per_create = (server.CpuSeconds() - cpu0) / static_cast<double>(b.created);
      volumes += b.created;
      lf.fill_s = b.wall_s;
      lf.fill_rate = static_cast<double>(b.created) / std::max(b.wall_s, 1e-9);
      lf.fill_busy = b.busy;
      lf.fill_no_answer = b.no_answer;
      Log("filled to ", FormatCount(static_cast<double>(volumes)), " volumes in ", FormatSeconds(b.wall_s), " (",
          FormatCount(lf.fill_rate), " creates/s, ", b.busy, " × 429)");
    }
    {
      // The server's count is the truth (a create retried after a lost
      // answer may have been made twice).
      BY_ASSIGN_OR_RETURN(HttpReply list, probe.Call("GET", "/volumes"));
      volumes = static_cast<int64_t>(json::parse(list.body)["volumes"].size());
    }
    lf.volumes = volumes;
    if (volumes < target) Log("the time budget ends the fill at ", FormatCount(static_cast<double>(volumes)), " volumes");
    lf.rss_before_kib = server.RssKiB();
    lf.store_bytes = server.StoreBytes();
    const double budget = cfg.sample_budget_s;

    BY_ASSIGN_OR_RETURN(lf.get_cluster, WithCpu(server, &lf.cpu_get_cluster, [&] {
                          return Sample(cfg, cfg.get_cluster_samples, budget,
                                        [&] { return TimedGet(probe, cluster_path); });
                        }));
    BY_ASSIGN_OR_RETURN(lf.get_volumes, Sample(cfg, cfg.get_volumes_samples, budget, [&] {
                          return TimedGet(probe, "/volumes", &lf.volumes_body_bytes);
                        }));
    {
      // Single objects: volumes picked at random, and the nodes in turn.
      BY_ASSIGN_OR_RETURN(HttpReply list, probe.Call("GET", "/volumes"));
      std::vector<std::string> vids = json::parse(list.body)["volumes"].get<std::vector<std::string>>();
      BY_ASSIGN_OR_RETURN(HttpReply cinfo, probe.Call("GET", cluster_path));
      std::vector<std::string> nids = json::parse(cinfo.body)["nodes"].get<std::vector<std::string>>();
      std::mt19937_64 rng(static_cast<uint64_t>(target) + 1);
      if (!vids.empty()) {
        BY_ASSIGN_OR_RETURN(lf.get_volume, WithCpu(server, &lf.cpu_get_volume, [&] {
                              return Sample(cfg, cfg.get_volume_samples, budget, [&] {
                                return TimedGet(probe, "/volumes/" + vids[rng() % vids.size()]);
                              });
                            }));
      }
      size_t k = 0;
      BY_ASSIGN_OR_RETURN(lf.get_node, WithCpu(server, &lf.cpu_get_node, [&] {
                            return Sample(cfg, cfg.get_volumes_samples, budget, [&] {
                              return TimedGet(probe, "/nodes/" + nids[k++ % nids.size()], &lf.node_body_bytes);
                            });
                          }));
      // The same GET /clusters/{id} over one kept-alive connection.
      ApiClient kept(port, /*keep_alive=*/true);
      BY_RETURN_IF_ERROR(TimedGet(kept, cluster_path).status());
      BY_ASSIGN_OR_RETURN(lf.get_cluster_keepalive, Sample(cfg, std::min(cfg.get_cluster_samples, 10), budget,
                                                           [&] { return TimedGet(kept, cluster_path); }));
    }
    // Kept-alive connections, as Heketi's Go client and brickyard-cli use
    // them: the figure held to the target.
    BY_ASSIGN_OR_RETURN(lf.topo_api, WithCpu(server, &lf.cpu_topo_api, [&] {
                          return Sample(cfg, cfg.topo_info_samples, budget, [&]() -> Result<double> {
                          auto t0 = Clock::now();
                          BY_ASSIGN_OR_RETURN(json topo, FetchTopologyViaApi(port, 8, /*keep_alive=*/true));
                          double s = Since(t0);
                          const auto& vols = topo["clusters"][0]["volumes"];
                          if (static_cast<int64_t>(vols.size()) != volumes)
                            return Internal("topology lists " + std::to_string(vols.size()) +
                                            " volumes, expected " + std::to_string(volumes));
                          lf.topology_bytes = static_cast<int64_t>(topo.dump().size());
                          return s;
                        });
                        }));
    lf.rss_after_topo_kib = server.RssKiB();
    // A new connection per request (a client without connection reuse),
    // up to 10,000 volumes: at 100k one run takes longer than the rest of
    // the level.
    if (volumes <= 10000) {
      const int64_t overflows0 = ListenOverflows();
      BY_ASSIGN_OR_RETURN(lf.topo_api_newconn,
                          Sample(cfg, cfg.topo_info_samples, budget, [&]() -> Result<double> {
                            auto t0 = Clock::now();
                            BY_ASSIGN_OR_RETURN(json topo, FetchTopologyViaApi(port, 8, /*keep_alive=*/false));
                            (void)topo;
                            return Since(t0);
                          }));
      lf.topo_listen_overflows = ListenOverflows() - overflows0;
    }
    BY_ASSIGN_OR_RETURN(lf.topo_cli, Sample(cfg, cfg.cli_topo_samples, budget, [&]() -> Result<double> {
                          BY_ASSIGN_OR_RETURN(CliRun r, RunCli(cfg.cli_bin, port, {"topology", "info"}, 900));
                          return r.seconds;
                        }));
    // Creates last: they add volumes (counted for the next level).
    {
      std::vector<double> lat;
      const auto start = Clock::now();
      const double cpu0 = server.CpuSeconds();
      for (int i = 0; i < cfg.latency_samples; ++i) {
        if (i > 0 && (Since(start) > budget || PastDeadline(cfg))) break;
        auto t0 = Clock::now();
        BY_ASSIGN_OR_RETURN(HttpReply r, probe.Call("POST", "/volumes", kVolumeBody, kProbePoll));
        (void)r;
        lat.push_back(Since(t0));
        ++volumes;
      }
      if (!lat.empty()) lf.cpu_create = (server.CpuSeconds() - cpu0) / static_cast<double>(lat.size());
      lf.create_latency = Summarize(std::move(lat));
    }
    BY_ASSIGN_OR_RETURN(lf.cli_create, Sample(cfg, cfg.cli_create_samples, budget, [&]() -> Result<double> {
                          BY_ASSIGN_OR_RETURN(CliRun r, RunCli(cfg.cli_bin, port,
                                                               {"volume", "create", "--size=1", "--replica=3"}, 300));
                          ++volumes;
                          return r.seconds;
                        }));
    Log("at ", FormatCount(static_cast<double>(lf.volumes)), " volumes: create p50 ", FormatSeconds(lf.create_latency.p50),
        " p99 ", FormatSeconds(lf.create_latency.p99), "; GET cluster ", FormatSeconds(lf.get_cluster.p50),
        "; GET /volumes ", FormatSeconds(lf.get_volumes.p50), "; GET volume ", FormatSeconds(lf.get_volume.p50),
        "; GET node ", FormatSeconds(lf.get_node.p50), "; topology info ", FormatSeconds(lf.topo_api.p50),
        " (cli ", FormatSeconds(lf.topo_cli.p50), "); cli create ", FormatSeconds(lf.cli_create.p50), "; RSS ",
        FormatBytes(lf.rss_before_kib * 1024.0), " → ", FormatBytes(lf.rss_after_topo_kib * 1024.0), "; store ",
        FormatBytes(static_cast<double>(lf.store_bytes)));
    out->levels.push_back(lf);
    if (volumes < target || PastDeadline(cfg)) break;
  }
  return Status::Ok();
}

}  // namespace brickyard::bench
