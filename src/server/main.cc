// The composition root: load config → open store → reset leftover operations
// → build executor, operations and HTTP pipeline → serve until a signal.
#include <malloc.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <thread>

#include "config/config.h"
#include "executors/registry.h"
#include "http/pipeline.h"
#include "http/server.h"
#include "http/services.h"
#include "ops/job_queue.h"
#include "server/background.h"
#include "server/db_restore.h"
#include "server/db_transfer.h"
#include "server/logging.h"
#include "server/offline.h"
#include "server/startup.h"
#include "store/sqlite_store.h"

using namespace brickyard;

namespace {

int Run(const std::string& config_path, bool disable_auth) {
  auto cfg_or = config::Load(config_path, config::ProcessEnv());
  if (!cfg_or.ok()) {
    std::cerr << "ERROR: " << cfg_or.status().message() << "\n";
    return 1;
  }
  config::Config cfg = std::move(cfg_or).value();
  if (disable_auth) cfg.use_auth = false;
  if (Status v = config::Validate(cfg); !v.ok()) {
    std::cerr << v.message() << "\n";
    return 1;
  }
  server::SetUpLogging(cfg.log_format, cfg.glusterfs.loglevel);
  for (const auto& w : cfg.warnings) spdlog::warn("config: {}", w);
  if (!cfg.use_auth) {
    spdlog::warn("AUTHENTICATION IS DISABLED: every caller has administrator rights");
  }

  std::filesystem::path db_path(cfg.glusterfs.db);
  if (db_path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(db_path.parent_path(), ec);
  }
  store::SqliteStore::Options store_opts;
  store_opts.read_only = cfg.glusterfs.db_read_only;
  auto store_or = store::SqliteStore::Open(cfg.glusterfs.db, store_opts);
  if (!store_or.ok()) {
    std::cerr << "ERROR: " << store_or.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<store::SqliteStore> store = std::move(store_or).value();
  SystemClock clock;
  if (Status st = server::ResetLeftovers(*store, clock); !st.ok()) {
    spdlog::error("cannot reset operations left by a previous run: {}", st.ToString());
  }

  executors::ExecutorRegistry registry;
  executors::RegisterBuiltins(registry);
  auto exec_or = registry.Create(cfg.glusterfs.executor, cfg);
  if (!exec_or.ok()) {
    std::cerr << "ERROR: " << exec_or.status().message() << "\n";
    return 1;
  }
  std::unique_ptr<executors::Executor> executor = std::move(exec_or).value();
  spdlog::info("executor: {}", executor->Name());

  ops::HealthCache health;
  ops::Context ctx{*store, *executor, cfg, clock, health};
  ops::VolumeOps volume_ops(ctx);
  ops::TopologyOps topology_ops(ctx);
  ops::OpCleaner cleaner(ctx);  // outlives the queues whose jobs use it
  ops::JobQueue volume_jobs(*store, clock, static_cast<int>(cfg.glusterfs.max_inflight_operations),
                            cfg.glusterfs.max_queued_operations, cfg.job_retention_s);
  ops::JobQueue topology_jobs(*store, clock, 4, INT64_MAX, cfg.job_retention_s);
  http::AdminState admin(http::ParseAdminMode(cfg.default_state).value_or(http::AdminMode::kNormal));
  http::LogControl log = server::MakeLogControl();
  http::Services services{ctx, volume_ops, topology_ops, volume_jobs, topology_jobs,
                          admin, log, cleaner};

  http::Router router;
  http::RegisterAllRoutes(router, services);
  std::unique_ptr<auth::Verifier> verifier;
  if (cfg.use_auth) {
    auth::VerifierOptions vo;
    vo.admin_key = cfg.admin_key;
    vo.user_key = cfg.user_key;
    vo.iat_leeway_s = cfg.jwt_iat_leeway_s;
    vo.exp_leeway_s = cfg.jwt_exp_leeway_s;
    verifier = std::make_unique<auth::Verifier>(vo, clock);
  }
  http::Pipeline pipeline(std::move(verifier), admin, router, http::MetricsHandler(services));

  http::ServerOptions so;
  so.bind_address = cfg.bind_address;
  so.port = std::stoi(cfg.port);
  so.tls = cfg.enable_tls;
  so.cert_file = cfg.cert_file;
  so.key_file = cfg.key_file;
  http::HttpServer server(pipeline, so);
  auto port = server.Start();
  if (!port.ok()) {
    std::cerr << "ERROR: " << port.status().message() << "\n";
    return 1;
  }
  std::cout << "Listening on port " << *port << std::endl;
  spdlog::info("listening on {}:{}{}", cfg.bind_address, *port, cfg.enable_tls ? " (TLS)" : "");

  server::Background background(ctx, volume_jobs, topology_jobs, cleaner);
  background.Start();

  // Signals are taken synchronously on this thread: SIGINT/SIGTERM stop the
  // server, SIGUSR2 resets the admin state to normal (spec §6.11).
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR2);
  while (true) {
    int sig = 0;
    sigwait(&set, &sig);
    if (sig == SIGUSR2) {
      admin.Set(http::AdminMode::kNormal);
      spdlog::info("admin state reset to normal by SIGUSR2");
      continue;
    }
    spdlog::info("signal {}: shutting down", sig);
    break;
  }
  background.Stop();
  server.Stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Few malloc arenas (not 8 per core), and blocks from 1 MiB up (large
  // response bodies) mapped and unmapped directly, so that memory freed after
  // a large response goes back to the system.
  mallopt(M_ARENA_MAX, 2);
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  // Block the handled signals in every thread; main waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);

  CLI::App app{"Brickyard: a Heketi-compatible volume manager for GlusterFS"};
  std::string config_path;
  bool disable_auth = false;
  bool version = false;
  app.add_option("--config", config_path, "Configuration file (heketi.json format)");
  app.add_flag("--disable-auth", disable_auth, "Accept every request as administrator");
  app.add_flag("-v,--version", version, "Print the version and exit");
  CLI::App* offline = app.add_subcommand("offline", "Work on the store with the server stopped");
  CLI::App* cleanup = offline->add_subcommand(
      "cleanup-operations", "Clean up every pending operation, then exit");
  std::string offline_config;
  cleanup->add_option("--config", offline_config, "Configuration file (heketi.json format)")
      ->required();
  offline->require_subcommand(1);

  // Offline database commands (no server may use the file meanwhile).
  CLI::App* db = app.add_subcommand("db", "Import, export and restore databases offline");
  db->require_subcommand(1);
  std::string db_file, json_file, from_file;
  CLI::App* db_import = db->add_subcommand("import", "Import a Heketi JSON export into a new database");
  db_import->add_option("--jsonfile", json_file, "Heketi export to read")->required();
  db_import->add_option("--dbfile", db_file, "New database file to create")->required();
  CLI::App* db_export = db->add_subcommand("export", "Export a database in Heketi's JSON format");
  db_export->add_option("--dbfile", db_file, "Database file to read")->required();
  db_export->add_option("--jsonfile", json_file, "New file to write, or - for stdout")->required();
  CLI::App* db_restore = db->add_subcommand("restore", "Replace a database with a backup");
  db_restore->add_option("--from", from_file, "Backup file (GET /backup/db)")->required();
  db_restore->add_option("--dbfile", db_file, "Database file to replace")->required();
  CLI11_PARSE(app, argc, argv);
  if (db->parsed()) {
    Status st;
    if (db_import->parsed()) st = server::ImportDatabase(json_file, db_file, std::cout);
    if (db_export->parsed()) st = server::ExportDatabase(db_file, json_file, std::cout, std::cerr);
    if (db_restore->parsed()) st = server::RestoreDatabase(from_file, db_file, std::cout);
    if (!st.ok()) std::cerr << "ERROR: " << st.message() << "\n";
    return st.ok() ? 0 : 1;
  }
  if (cleanup->parsed()) return server::RunOfflineCleanup(offline_config);
  if (version) {
    std::cout << "Brickyard " << BRICKYARD_VERSION << std::endl;
    return 0;
  }
  if (config_path.empty()) {
    std::cerr << "ERROR: --config is required\n";
    return 1;
  }
  return Run(config_path, disable_auth);
}
