#include "cli/progress.h"

#include <cstdio>

namespace brickyard::cli {

std::string ProgressLine::Render(const client::Progress& p, int frame) {
  static constexpr char kSpinner[] = {'|', '/', '-', '\\'};
  char elapsed[32];
  std::snprintf(elapsed, sizeof(elapsed), "%.1fs", p.elapsed.count() / 1000.0);
  std::string message = p.message;
  if (size_t nl = message.find('\n'); nl != std::string::npos) message.resize(nl);
  if (message.size() > 60) message = message.substr(0, 57) + "...";
  return std::string(1, kSpinner[frame % 4]) + " Waiting for the server (" + elapsed + "): " + message;
}

void ProgressLine::Update(const client::Progress& progress) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (shown_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  err_ << "\r\033[K" << Render(progress, frame_++) << std::flush;
  shown_ = true;
}

void ProgressLine::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!shown_) return;
  err_ << "\r\033[K" << std::flush;
  shown_ = false;
}

void ProgressLine::Disable() {
  Clear();
  std::lock_guard<std::mutex> lock(mu_);
  enabled_ = false;
}

}  // namespace brickyard::cli
