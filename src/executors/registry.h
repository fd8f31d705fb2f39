// ExecutorRegistry: executors are created by name ("mock", "ssh", ...) from a
// table filled by an explicit RegisterBuiltins() call. Registering a name
// twice is an error. Not thread-safe for registration; Create is safe once
// registration is done.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "config/config.h"
#include "executors/executor.h"

namespace brickyard::executors {

using ExecutorFactory = std::function<Result<std::unique_ptr<Executor>>(const config::Config&)>;

class ExecutorRegistry {
 public:
  Status Register(const std::string& name, ExecutorFactory factory);
  // Returns InvalidArgument("invalid executor: <name>") for an unknown name.
  Result<std::unique_ptr<Executor>> Create(const std::string& name, const config::Config& cfg) const;
  std::vector<std::string> Names() const;

 private:
  std::map<std::string, ExecutorFactory> factories_;
};

// Registers every executor compiled into this build.
void RegisterBuiltins(ExecutorRegistry& registry);

}  // namespace brickyard::executors
