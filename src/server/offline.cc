#include "server/offline.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "config/config.h"
#include "executors/registry.h"
#include "ops/op_cleaner.h"
#include "server/logging.h"
#include "server/startup.h"
#include "store/sqlite_store.h"

namespace brickyard::server {

int RunOfflineCleanup(const std::string& config_path) {
  auto cfg = config::Load(config_path, config::ProcessEnv());
  if (!cfg.ok()) {
    std::cerr << "ERROR: " << cfg.status().message() << "\n";
    return 1;
  }
  SetUpLogging(cfg->log_format, cfg->glusterfs.loglevel);
  auto store = store::SqliteStore::Open(cfg->glusterfs.db, {});
  if (!store.ok()) {
    std::cerr << "ERROR: " << store.status().message() << "\n";
    return 1;
  }
  SystemClock clock;
  if (Status st = ResetLeftovers(**store, clock); !st.ok()) {
    std::cerr << "ERROR: " << st.message() << "\n";
    return 1;
  }
  executors::ExecutorRegistry registry;
  executors::RegisterBuiltins(registry);
  auto executor = registry.Create(cfg->glusterfs.executor, *cfg);
  if (!executor.ok()) {
    std::cerr << "ERROR: " << executor.status().message() << "\n";
    return 1;
  }
  ops::HealthCache health;
  ops::Context ctx{**store, **executor, *cfg, clock, health};
  ops::OpCleaner cleaner(ctx);
  auto report = cleaner.Clean();
  if (!report.ok()) {
    std::cerr << "ERROR: " << report.status().message() << "\n";
    return 1;
  }
  std::cout << "Cleaned up " << report->cleaned.size() << " operation(s)\n";
  for (const auto& f : report->failed) std::cout << "Failed: " << f << "\n";
  return report->failed.empty() ? 0 : 1;
}

}  // namespace brickyard::server
