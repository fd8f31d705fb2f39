#include "server/background.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace brickyard::server {

Background::Background(ops::Context& ctx, ops::JobQueue& volume_jobs, ops::JobQueue& topology_jobs,
                       ops::OpCleaner& cleaner)
    : ctx_(ctx), volume_jobs_(volume_jobs), topology_jobs_(topology_jobs), cleaner_(cleaner) {}

Background::~Background() { Stop(); }

void Background::Start() {
  if (!ctx_.config.glusterfs.disable_monitor_gluster_nodes) {
    health_ = std::thread([this] { HealthLoop(); });
  }
  collect_ = std::thread([this] { CollectLoop(); });
  if (!ctx_.config.glusterfs.disable_background_cleaner) {
    cleaner_thread_ = std::thread([this] { CleanerLoop(); });
  }
}

void Background::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (health_.joinable()) health_.join();
  if (collect_.joinable()) collect_.join();
  if (cleaner_thread_.joinable()) cleaner_thread_.join();
}

bool Background::Sleep(int64_t seconds) {
  std::unique_lock lock(mu_);
  return !cv_.wait_for(lock, std::chrono::seconds(seconds), [this] { return stopping_; });
}

void Background::HealthLoop() {
  const auto& g = ctx_.config.glusterfs;
  if (!Sleep(g.start_time_monitor_gluster_nodes)) return;
  do {
    std::vector<model::Node> nodes;
    Status st = ctx_.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(auto clusters, tx.ListClusterIds());
      for (const auto& c : clusters) {
        BY_ASSIGN_OR_RETURN(auto ids, tx.ListNodeIds(c));
        for (const auto& id : ids) {
          BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(id));
          nodes.push_back(std::move(n));
        }
      }
      return Status::Ok();
    });
    if (!st.ok()) spdlog::warn("health monitor: {}", st.ToString());
    for (const auto& n : nodes) {
      if (n.state != model::State::kOnline) continue;
      Status up = ctx_.executor.GlusterdCheck(n.manage());
      if (up.ok()) {
        ctx_.health.MarkUp(n.id);
      } else {
        if (!ctx_.health.IsKnownDown(n.id)) spdlog::warn("node {} ({}) is down: {}", n.id, n.manage(), up.message());
        ctx_.health.MarkDown(n.id);
      }
    }
  } while (Sleep(g.refresh_time_monitor_gluster_nodes));
}

void Background::CollectLoop() {
  while (Sleep(600)) {
    volume_jobs_.CollectExpired();
  }
}

void Background::CleanerLoop() {
  // A record of this process older than this with no job running was
  // abandoned (a job that ended without closing it).
  constexpr int64_t kAbandonedAfterS = 60;
  const auto& g = ctx_.config.glusterfs;
  if (!Sleep(g.start_time_background_cleaner)) return;
  do {
    auto round = cleaner_.RunBackgroundRound({&volume_jobs_, &topology_jobs_}, kAbandonedAfterS);
    if (!round.ok()) {
      spdlog::warn("operation cleaner: {}", round.status().ToString());
    } else if (!round->skipped.empty()) {
      spdlog::info("operation cleaner: round skipped, {}; next try in {} s", round->skipped,
                   g.refresh_time_background_cleaner);
    } else if (!round->cleanup.cleaned.empty() || !round->cleanup.failed.empty()) {
      spdlog::info("operation cleaner: {} cleaned up, {} failed", round->cleanup.cleaned.size(),
                   round->cleanup.failed.size());
    }
  } while (Sleep(g.refresh_time_background_cleaner));
}

}  // namespace brickyard::server
