#include "executors/registry.h"

#include "executors/mock/mock_executor.h"
#include "executors/ssh/ssh_executor.h"

namespace brickyard::executors {

Status ExecutorRegistry::Register(const std::string& name, ExecutorFactory factory) {
  if (!factories_.emplace(name, std::move(factory)).second) {
    return Conflict("executor already registered: " + name);
  }
  return Status::Ok();
}

Result<std::unique_ptr<Executor>> ExecutorRegistry::Create(const std::string& name,
                                                           const config::Config& cfg) const {
  auto it = factories_.find(name);
  if (it == factories_.end()) return InvalidArgument("invalid executor: " + name);
  return it->second(cfg);
}

std::vector<std::string> ExecutorRegistry::Names() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : factories_) out.push_back(name);
  return out;
}

void RegisterBuiltins(ExecutorRegistry& registry) {
  auto mock = [](const config::Config& cfg) -> Result<std::unique_ptr<Executor>> {
    return std::unique_ptr<Executor>(
        std::make_unique<MockExecutor>(cfg.glusterfs.mock_device_size_gb, cfg.glusterfs.mock_delay_ms));
  };
  (void)registry.Register("mock", mock);
  (void)registry.Register("inject/mock", mock);
  // Fails with InvalidArgument (e.g. "sshexec.keyfile is required") rather
  // than at registration, so a configuration without SSH still starts.
  auto ssh = [](const config::Config& cfg) -> Result<std::unique_ptr<Executor>> {
    return ssh::NewSshExecutor(cfg.glusterfs.sshexec, config::ProcessEnv(), "ssh");
  };
  (void)registry.Register("ssh", ssh);
  (void)registry.Register("inject/ssh", ssh);
}

}  // namespace brickyard::executors
