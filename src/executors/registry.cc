#include "executors/registry.h"

#include "executors/fault/fault_executor.h"
#include "executors/mock/mock_executor.h"
#include "executors/mock/stateless_mock_executor.h"
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

namespace {

// TEST-ONLY: wraps what `make` creates in the fault injector, with the rules
// of BRICKYARD_FAULTS (executors/fault/fault_rules.h).
ExecutorFactory WithFaults(ExecutorFactory make) {
  return [make](const config::Config& cfg) -> Result<std::unique_ptr<Executor>> {
    const config::Env env = config::ProcessEnv();
    auto it = env.find("BRICKYARD_FAULTS");
    BY_ASSIGN_OR_RETURN(auto rules, fault::ParseFaultRules(it == env.end() ? "" : it->second));
    BY_ASSIGN_OR_RETURN(std::unique_ptr<Executor> inner, make(cfg));
    return std::unique_ptr<Executor>(
        std::make_unique<fault::FaultExecutor>(std::move(inner), std::move(rules)));
  };
}

}  // namespace

void RegisterBuiltins(ExecutorRegistry& registry) {
  auto mock = [](const config::Config& cfg) -> Result<std::unique_ptr<Executor>> {
    return std::unique_ptr<Executor>(std::make_unique<MockExecutor>(
        cfg.glusterfs.mock_device_size_gb, cfg.glusterfs.mock_delay_ms, cfg.glusterfs.mock_state_file));
  };
  (void)registry.Register("mock", mock);
  (void)registry.Register("inject/mock", WithFaults(mock));
  // Benchmarks: nothing remembered, so memory figures are the server's own.
  (void)registry.Register("mock/stateless", [](const config::Config& cfg) {
    return Result<std::unique_ptr<Executor>>(
        std::make_unique<StatelessMockExecutor>(cfg.glusterfs.mock_device_size_gb));
  });
  // Fails with InvalidArgument (e.g. "sshexec.keyfile is required") rather
  // than at registration, so a configuration without SSH still starts.
  auto ssh = [](const config::Config& cfg) -> Result<std::unique_ptr<Executor>> {
    return ssh::NewSshExecutor(cfg.glusterfs.sshexec, config::ProcessEnv(), "ssh");
  };
  (void)registry.Register("ssh", ssh);
  (void)registry.Register("inject/ssh", WithFaults(ssh));
}

}  // namespace brickyard::executors
