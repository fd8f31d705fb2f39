// AdminState: the server's maintenance mode (spec heketi-api §6.11):
// normal, read-only (only GET/HEAD) or local-client (mutations only from
// loopback). Thread-safe.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <string_view>

namespace brickyard::http {

enum class AdminMode { kNormal, kReadOnly, kLocalClient };

std::string_view AdminModeName(AdminMode m);
std::optional<AdminMode> ParseAdminMode(std::string_view s);

class AdminState {
 public:
  explicit AdminState(AdminMode initial = AdminMode::kNormal) : mode_(initial) {}
  AdminMode Get() const { return mode_.load(); }
  void Set(AdminMode m) { mode_.store(m); }

 private:
  std::atomic<AdminMode> mode_;
};

}  // namespace brickyard::http
