// HealthCache: which storage nodes answered the last glusterd check. Unknown
// nodes count as up. Updated by the health monitor, read by placement and by
// the choice of a node to run commands on. Thread-safe.
#pragma once

#include <mutex>
#include <set>
#include <string>

namespace brickyard::ops {

class HealthCache {
 public:
  void MarkUp(const std::string& node_id) {
    std::lock_guard lock(mu_);
    down_.erase(node_id);
  }
  void MarkDown(const std::string& node_id) {
    std::lock_guard lock(mu_);
    down_.insert(node_id);
  }
  bool IsKnownDown(const std::string& node_id) const {
    std::lock_guard lock(mu_);
    return down_.count(node_id) > 0;
  }

 private:
  mutable std::mutex mu_;
  std::set<std::string> down_;  // guarded by mu_
};

}  // namespace brickyard::ops
