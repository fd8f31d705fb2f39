// brickyard-loadgen: starts the real brickyard server (mock executor, fresh
// store, free loopback port), drives it over HTTP with JWTs and through the
// real brickyard-cli, and prints a table of figures beside Heketi v10's.
//
//   brickyard-loadgen --server BIN --cli BIN [--quick] [--budget-min M]
//                     [--levels 0,1000,...] [--json FILE] [--only topology,creates,scale]
//
// Progress goes to stderr, the table to stdout. Exit status 0 when every
// scenario ran (targets missed are reported, not failures), 1 otherwise.
#include <signal.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "report.h"
#include "scenarios.h"

using namespace brickyard;
using namespace brickyard::bench;

namespace {

// Heketi v10 on the same kind of machine (2 cores, loopback, mock executor).
constexpr double kHeketiSeqWallLo = 3.9, kHeketiSeqWallHi = 4.1;
constexpr double kHeketiConcWallLo = 5.5, kHeketiConcWallHi = 6.0;
constexpr double kHeketiCreateP50At0 = 0.018, kHeketiCreateP50At1k = 0.088;
constexpr double kHeketiTopoInfo1kLo = 1.63, kHeketiTopoInfo1kHi = 1.70;
constexpr double kHeketiCliTopoInfo1k = 1.65;
constexpr double kHeketiRss1k = 28e6, kHeketiRss1kAfterTopo = 62e6, kHeketiStore1k = 8.4e6;
constexpr double kHeketiCliLoad100x10 = 346;
constexpr double kHeketiCliCreate = 0.35;

// Targets.
constexpr double kTargetSeqSpeedup = 10, kTargetConcSpeedup = 20, kTargetP50Growth = 2,
                 kTargetTopoInfo1k = 0.1;

// The 1-minute load average, to tell a quiet machine from a busy one.
double LoadAverage() {
  std::ifstream in("/proc/loadavg");
  double one = -1;
  in >> one;
  return one;
}

std::string Verdict(bool ok) { return ok ? "PASS" : "FAIL"; }

std::string Rate(double per_s) {
  std::ostringstream s;
  s.precision(per_s >= 100 ? 0 : 1);
  s << std::fixed << per_s << "/s";
  return s.str();
}

std::string Runs(const Summary& s) { return s.n ? std::to_string(s.n) + " runs" : ""; }
std::string Reqs(const Summary& s) { return s.n ? std::to_string(s.n) + " req" : ""; }

Row SecondsRow(std::string name, const Summary& s, bool requests, std::string heketi = "",
               std::string versus = "") {
  auto [v, sp] = requests ? MedianP10P90(s) : MedianRange(s);
  return {std::move(name), v, sp, requests ? Reqs(s) : Runs(s), std::move(heketi), std::move(versus)};
}

std::string Faster(double heketi, double ours) {
  if (ours <= 0) return "";
  return Ratio(heketi / ours) + " faster";
}

const LevelFigures* Level(const Figures& f, int64_t target) {
  for (const auto& l : f.levels)
    if (l.target == target) return &l;
  return nullptr;
}

Report BuildReport(const BenchConfig& cfg, const Figures& f) {
  Report rep;
  auto load = [&](const std::string& key) {
    auto it = f.topo_load.find(key);
    return it == f.topo_load.end() ? Summary{} : it->second;
  };

  rep.Section("Topology load (nodes × devices; requests one after the other, as heketi-cli sends them; fresh server per run)");
  rep.Add(SecondsRow("3×4 via the API", load("3×4"), false));
  rep.Add(SecondsRow("100×10 via the API", load("100×10"), false));
  rep.Add(SecondsRow("1000×24 via the API", load("1000×24"), false));
  if (f.big_cluster_create.n) {
    rep.Add(SecondsRow("on 1000×24: create latency p50 (one client)", f.big_cluster_create, true));
    rep.Add(SecondsRow("on 1000×24: GET /volumes/{id}", f.big_cluster_get_volume, true));
  }
  const Summary cli_load = load("100×10 cli");
  rep.Add(SecondsRow("100×10 via brickyard-cli topology load", cli_load, false, "346 s (heketi-cli)",
                     Faster(kHeketiCliLoad100x10, cli_load.p50)));

  rep.Section("Volume creates: replica 3, 1 GiB, on 12 nodes × 24 devices in 3 zones (fresh server per run)");
  const double batch = cfg.create_batch;
  const double heketi_seq_rate = batch / ((kHeketiSeqWallLo + kHeketiSeqWallHi) / 2);
  const double heketi_conc_rate = batch / ((kHeketiConcWallLo + kHeketiConcWallHi) / 2);
  double seq_speedup = 0, conc_speedup = 0, busy_max = 0;
  for (double b : f.conc_busy) busy_max = std::max(busy_max, b);
  if (f.seq_wall.n) {
    rep.Add(SecondsRow("200 sequential: wall time", f.seq_wall, false, "3.9–4.1 s",
                       Faster((kHeketiSeqWallLo + kHeketiSeqWallHi) / 2, f.seq_wall.p50)));
    seq_speedup = batch / f.seq_wall.p50 / heketi_seq_rate;
    rep.Add({"200 sequential: throughput", Rate(batch / f.seq_wall.p50),
             Rate(batch / f.seq_wall.max) + "–" + Rate(batch / f.seq_wall.min), Runs(f.seq_wall),
             Rate(batch / kHeketiSeqWallHi) + "–" + Rate(batch / kHeketiSeqWallLo),
             "target ≥10×: " + Ratio(seq_speedup) + " " + Verdict(seq_speedup >= kTargetSeqSpeedup)});
    rep.Add(SecondsRow("sequential create latency p50", f.seq_latency, true, "18 ms (at 0 volumes)",
                       Faster(kHeketiCreateP50At0, f.seq_latency.p50)));
    rep.Add(SecondsRow("server CPU per create, sequential", f.seq_cpu, false));
  }
  if (f.conc_wall.n) {
    rep.Add(SecondsRow("200 with 16 clients: wall time", f.conc_wall, false, "5.5–6.0 s",
                       Faster((kHeketiConcWallLo + kHeketiConcWallHi) / 2, f.conc_wall.p50)));
    conc_speedup = batch / f.conc_wall.p50 / heketi_conc_rate;
    rep.Add({"200 with 16 clients: throughput", Rate(batch / f.conc_wall.p50),
             Rate(batch / f.conc_wall.max) + "–" + Rate(batch / f.conc_wall.min), Runs(f.conc_wall),
             Rate(batch / kHeketiConcWallHi) + "–" + Rate(batch / kHeketiConcWallLo),
             "target ≥20× and no 429: " + Ratio(conc_speedup) + " " +
                 Verdict(conc_speedup >= kTargetConcSpeedup && busy_max == 0)});
    Summary busy = Summarize(f.conc_busy);
    rep.Add({"200 with 16 clients: HTTP 429 answers", FormatCount(busy.p50),
             busy.n > 1 ? FormatCount(busy.min) + "–" + FormatCount(busy.max) : "", Runs(busy), "≈650",
             busy_max == 0 ? "none" : "some"});
    Summary lost = Summarize(f.conc_no_answer);
    rep.Add({"200 with 16 clients: requests without an answer", FormatCount(lost.p50),
             lost.n > 1 ? FormatCount(lost.min) + "–" + FormatCount(lost.max) : "", Runs(lost), "",
             lost.max == 0 ? "none" : "connection reset or dropped; sent again"});
    Summary drops = Summarize(f.conc_listen_overflows);
    rep.Add({"200 with 16 clients: connections dropped (listen queue full)", FormatCount(drops.p50),
             drops.n > 1 ? FormatCount(drops.min) + "–" + FormatCount(drops.max) : "", Runs(drops), "",
             drops.max == 0 ? "none" : "each costs the client a 1 s SYN retransmit"});
    rep.Add(SecondsRow("create latency with 16 clients p50", f.conc_latency, true));
    Summary p99 = f.conc_latency;
    rep.Add({"create latency with 16 clients p99", FormatSeconds(p99.p99), "", Reqs(p99), "", ""});
    rep.Add(SecondsRow("server CPU per create, 16 clients", f.conc_cpu, false));
  }

  const LevelFigures* l0 = Level(f, 0);
  for (const auto& l : f.levels) {
    std::string title = "At " + FormatCount(static_cast<double>(l.volumes)) + " volumes";
    if (l.volumes < l.target) title += " (fill stopped by the time budget; target " + FormatCount(l.target) + ")";
    if (l.fill_s > 0)
      title += " — filled by 16 clients at " + Rate(l.fill_rate) + " in " + FormatSeconds(l.fill_s) + ", " +
               std::to_string(l.fill_busy) + " × 429, " + std::to_string(l.fill_no_answer) +
               " requests without an answer, server CPU " + FormatSeconds(l.fill_cpu_per_create) + " per create";
    rep.Section(title);
    const bool at1k = l.target == 1000, at0 = l.target == 0;
    const bool largest = &l == &f.levels.back();

    std::string p50_heketi = at0 ? "18 ms" : at1k ? "88 ms" : "";
    std::string p50_vs = at0 ? Faster(kHeketiCreateP50At0, l.create_latency.p50)
                         : at1k ? Faster(kHeketiCreateP50At1k, l.create_latency.p50)
                                : "";
    if (!at0 && l0 && l0->create_latency.n && l.create_latency.n) {
      double growth = l.create_latency.p50 / l0->create_latency.p50;
      std::string g = Ratio(growth) + " of p50 at 0";
      if (largest) g += " (target ≤2×: " + Verdict(growth <= kTargetP50Growth) + ")";
      p50_vs = p50_vs.empty() ? g : p50_vs + "; " + g;
    }
    rep.Add(SecondsRow("create latency p50 (one client)", l.create_latency, true, p50_heketi, p50_vs));
    rep.Add({"create latency p99 (one client)", FormatSeconds(l.create_latency.p99), "", Reqs(l.create_latency),
             "", ""});
    rep.Add(SecondsRow("GET /clusters/{id}", l.get_cluster, true));
    rep.Add(SecondsRow("GET /clusters/{id}, kept-alive connection", l.get_cluster_keepalive, true));
    rep.Add(SecondsRow("GET /volumes (" + FormatBytes(static_cast<double>(l.volumes_body_bytes)) + ")",
                       l.get_volumes, true));
    if (l.get_volume.n) rep.Add(SecondsRow("GET /volumes/{id} (random)", l.get_volume, true));
    rep.Add(SecondsRow("GET /nodes/{id} (" + FormatBytes(static_cast<double>(l.node_body_bytes)) + ")",
                       l.get_node, true));
    std::string topo_vs;
    if (at1k)
      topo_vs = Faster((kHeketiTopoInfo1kLo + kHeketiTopoInfo1kHi) / 2, l.topo_api.p50) + "; target ≤0.1 s: " +
                Verdict(l.topo_api.p50 <= kTargetTopoInfo1k);
    rep.Add(SecondsRow("topology info via the API (§6.12, 8 in parallel, kept-alive)", l.topo_api, false,
                       at1k ? "1.63–1.70 s" : "", topo_vs));
    if (l.topo_api_newconn.n) {
      rep.Add(SecondsRow("topology info via the API, a connection per request", l.topo_api_newconn, false));
      rep.Add({"connections dropped during it (listen queue full)",
               FormatCount(static_cast<double>(l.topo_listen_overflows)), "", Runs(l.topo_api_newconn), "",
               l.topo_listen_overflows == 0 ? "none" : "each costs a 1 s SYN retransmit"});
    } else {
      rep.Add({"topology info via the API, a connection per request", "skipped", "", "", "",
               "measured up to 10,000 volumes only"});
    }
    rep.Add(SecondsRow("topology info via brickyard-cli", l.topo_cli, false, at1k ? "1.65 s (heketi-cli)" : "",
                       at1k ? Faster(kHeketiCliTopoInfo1k, l.topo_cli.p50) : ""));
    rep.Add(SecondsRow("volume create via brickyard-cli", l.cli_create, false, "≈0.35 s (heketi-cli)",
                       Faster(kHeketiCliCreate, l.cli_create.p50)));
    auto cpu_row = [&](const std::string& what, double cpu) {
      if (cpu >= 0) rep.Add({"server CPU per " + what, FormatSeconds(cpu), "", "", "", ""});
    };
    cpu_row("create (one client)", l.cpu_create);
    cpu_row("GET /clusters/{id}", l.cpu_get_cluster);
    cpu_row("GET /volumes/{id}", l.cpu_get_volume);
    cpu_row("GET /nodes/{id}", l.cpu_get_node);
    cpu_row("topology info", l.cpu_topo_api);
    const double rss = l.rss_before_kib * 1024.0, rss_topo = l.rss_after_topo_kib * 1024.0;
    rep.Add({"server RSS", FormatBytes(rss), "", "", at1k ? "28 MB" : "",
             at1k ? Ratio(rss / kHeketiRss1k) + " of Heketi's" : ""});
    std::string rss_vs = at1k ? Ratio(rss_topo / kHeketiRss1kAfterTopo) + " of Heketi's" : "";
    if (largest && l.target > 1000)
      rss_vs = "target < Heketi's 62 MB at 1,000: " + Verdict(rss_topo < kHeketiRss1kAfterTopo);
    rep.Add({"server RSS after topology info", FormatBytes(rss_topo), "", "", at1k ? "62 MB" : "", rss_vs});
    rep.Add({"store on disk (db + wal)", FormatBytes(static_cast<double>(l.store_bytes)), "", "",
             at1k ? "8.4 MB" : "",
             at1k ? Ratio(static_cast<double>(l.store_bytes) / kHeketiStore1k) + " of Heketi's" : ""});
  }

  // The targets of the issue, in one place.
  rep.Section("Targets");
  if (f.seq_wall.n)
    rep.Add({"sequential create throughput ≥10× Heketi's", Ratio(seq_speedup), "", "", "",
             Verdict(seq_speedup >= kTargetSeqSpeedup)});
  if (f.conc_wall.n)
    rep.Add({"16-client create throughput ≥20× Heketi's, zero 429", Ratio(conc_speedup),
             FormatCount(busy_max) + " × 429", "", "",
             Verdict(conc_speedup >= kTargetConcSpeedup && busy_max == 0)});
  if (!f.levels.empty() && l0 && l0->create_latency.n) {
    const LevelFigures& top = f.levels.back();
    double growth = top.create_latency.p50 / l0->create_latency.p50;
    std::string at = "at " + FormatCount(static_cast<double>(top.volumes));
    rep.Add({"create p50 at 100k ≤ 2× p50 at 0 (" + at + ")", Ratio(growth),
             FormatSeconds(top.create_latency.p50) + " vs " + FormatSeconds(l0->create_latency.p50), "", "",
             Verdict(growth <= kTargetP50Growth) + (top.target < 100000 ? " (smaller size: quick run)" : "")});
    rep.Add({"RSS at 100k < Heketi's 62 MB at 1,000 after topology info (" + at + ")",
             FormatBytes(top.rss_after_topo_kib * 1024.0), "before topology info " + FormatBytes(top.rss_before_kib * 1024.0),
             "", "62 MB", Verdict(top.rss_after_topo_kib * 1024.0 < kHeketiRss1kAfterTopo) +
                             (top.target < 100000 ? " (smaller size: quick run)" : "")});
  }
  if (const LevelFigures* l1k = Level(f, 1000); l1k && l1k->topo_api.n)
    rep.Add({"topology info at 1,000 volumes ≤ 0.1 s", FormatSeconds(l1k->topo_api.p50),
             "cli " + FormatSeconds(l1k->topo_cli.p50), "", "1.63–1.70 s", Verdict(l1k->topo_api.p50 <= kTargetTopoInfo1k)});

  rep.Note("Spread: min–max over runs, or p10–p90 over requests. Creates are POST /volumes → 202 → /queue polls → 303 → GET /volumes/{id};");
  rep.Note("the one-client probes poll /queue every 1 ms, the 16-client loads back off from 1 to 8 ms; a 429 is counted and retried after 20 ms.");
  rep.Note("Server: stateless mock executor (mock/stateless: keeps no node state, as Heketi's mock), max_queued_operations 1,000,000, mock devices of 100,000 GB, log level info, loopback only.");
  rep.Note("The load generator and the CLI share the machine's cores with the server, as a client on the same host would.");
  for (const auto& e : f.errors) rep.Note("ERROR: " + e);

  // Raw figures for --json.
  auto sum = [](const Summary& s) {
    return nlohmann::json{{"n", s.n}, {"min", s.min}, {"p10", s.p10}, {"p50", s.p50},
                          {"p90", s.p90}, {"p99", s.p99}, {"max", s.max}};
  };
  for (const auto& [k, s] : f.topo_load) rep.Record("topology_load " + k + " s", sum(s));
  rep.Record("big_cluster_create_s", sum(f.big_cluster_create));
  rep.Record("big_cluster_get_volume_s", sum(f.big_cluster_get_volume));
  rep.Record("seq_wall_s", sum(f.seq_wall));
  rep.Record("conc_wall_s", sum(f.conc_wall));
  rep.Record("seq_latency_s", sum(f.seq_latency));
  rep.Record("seq_cpu_per_create_s", sum(f.seq_cpu));
  rep.Record("conc_cpu_per_create_s", sum(f.conc_cpu));
  rep.Record("conc_latency_s", sum(f.conc_latency));
  rep.Record("conc_429", f.conc_busy);
  rep.Record("conc_no_answer", f.conc_no_answer);
  rep.Record("conc_listen_overflows", f.conc_listen_overflows);
  for (const auto& l : f.levels) {
    rep.Record("level " + std::to_string(l.target),
               {{"volumes", l.volumes}, {"fill_s", l.fill_s}, {"fill_rate", l.fill_rate},
                {"create_latency_s", sum(l.create_latency)}, {"get_cluster_s", sum(l.get_cluster)},
                {"get_volumes_s", sum(l.get_volumes)}, {"get_volume_s", sum(l.get_volume)},
                {"get_node_s", sum(l.get_node)}, {"get_cluster_keepalive_s", sum(l.get_cluster_keepalive)},
                {"topology_info_listen_overflows", l.topo_listen_overflows},
                {"fill_cpu_per_create_s", l.fill_cpu_per_create}, {"cpu_create_s", l.cpu_create},
                {"cpu_get_cluster_s", l.cpu_get_cluster}, {"cpu_get_volume_s", l.cpu_get_volume},
                {"cpu_get_node_s", l.cpu_get_node}, {"cpu_topology_info_s", l.cpu_topo_api}, {"fill_no_answer", l.fill_no_answer}, {"node_body_bytes", l.node_body_bytes}, {"topology_info_api_s", sum(l.topo_api)},
                {"topology_info_api_newconn_s", sum(l.topo_api_newconn)},
                {"topology_info_cli_s", sum(l.topo_cli)}, {"cli_create_s", sum(l.cli_create)},
                {"rss_kib", l.rss_before_kib}, {"rss_after_topology_kib", l.rss_after_topo_kib},
                {"store_bytes", l.store_bytes}, {"volumes_body_bytes", l.volumes_body_bytes},
                {"topology_bytes", l.topology_bytes}});
  }
  return rep;
}

int Usage() {
  std::cerr << "usage: brickyard-loadgen --server BIN --cli BIN [--quick] [--budget-min M] "
               "[--levels 0,1000,...] [--json FILE]\n"
               "                         [--only topology,creates,scale]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  BenchConfig cfg;
  std::string json_path, levels, only;
  double budget_min = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--server") cfg.server_bin = next();
    else if (a == "--cli") cfg.cli_bin = next();
    else if (a == "--quick") cfg.quick = true;
    else if (a == "--budget-min") budget_min = std::atof(next().c_str());
    else if (a == "--levels") levels = next();
    else if (a == "--json") json_path = next();
    else if (a == "--only") only = next();
    else return Usage();
  }
  if (cfg.server_bin.empty() || cfg.cli_bin.empty()) return Usage();

  if (cfg.quick) {
    cfg.topo_small_runs = 3;
    cfg.topo_large_runs = 1;
    cfg.topo_cli_runs = 1;
    cfg.big_cluster_creates = 20;
    cfg.create_runs = 3;
    cfg.levels = {0, 1000, 10000};
    cfg.latency_samples = 100;
    cfg.get_cluster_samples = 20;
    cfg.get_volume_samples = 100;
    cfg.get_volumes_samples = 5;
    cfg.topo_info_samples = 3;
    cfg.cli_topo_samples = 2;
    cfg.cli_create_samples = 5;
    cfg.sample_budget_s = 20;
    cfg.reserve_s = 60;
    if (budget_min <= 0) budget_min = 6;
  }
  if (budget_min <= 0) budget_min = 30;
  if (!levels.empty()) {
    cfg.levels.clear();
    std::stringstream ss(levels);
    for (std::string item; std::getline(ss, item, ',');) cfg.levels.push_back(std::atoll(item.c_str()));
  }
  const auto started = std::chrono::steady_clock::now();
  const double load_before = LoadAverage();
  cfg.deadline = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                               std::chrono::duration<double>(budget_min * 60));

  Figures figures;
  bool ok = true;
  auto run = [&](const char* what, Status (*fn)(const BenchConfig&, Figures*)) {
    if (!only.empty() && only.find(what) == std::string::npos) return;
    std::cerr << "[bench] == " << what << std::endl;
    Status s;
    try {
      s = fn(cfg, &figures);
    } catch (const std::exception& e) {  // e.g. an unparsable answer
      s = Internal(e.what());
    }
    if (!s.ok()) {
      figures.errors.push_back(std::string(what) + ": " + s.message());
      std::cerr << "[bench] " << what << " failed: " << s.message() << std::endl;
      ok = false;
    }
  };
  run("topology", RunTopologyLoads);
  run("creates", RunCreates);
  run("scale", RunScale);

  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  Report rep = BuildReport(cfg, figures);
  {
    std::ostringstream note;
    note.precision(2);
    note << std::fixed << "Machine: " << std::thread::hardware_concurrency() << " CPUs; load average "
         << load_before << " before the run, " << LoadAverage() << " after"
         << (load_before > 1.0 ? " (other work was running: wall times are inflated; CPU per create is steadier)" : "")
         << ".";
    rep.Note(note.str());
  }
  std::string title = std::string("Brickyard benchmarks (") + (cfg.quick ? "quick" : "full") + " run, " +
                      FormatSeconds(took) + ") beside Heketi v10 — 2 cores, loopback, mock executor";
  rep.Print(std::cout, title);
  if (!json_path.empty()) {
    nlohmann::json j = rep.ToJson();
    j["mode"] = cfg.quick ? "quick" : "full";
    j["seconds"] = took;
    std::ofstream(json_path) << j.dump(2) << "\n";
  }
  return ok ? 0 : 1;
}
