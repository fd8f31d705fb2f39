// SshExecutor: construction, the command runners, and the peer operations
// (spec provisioning §3.1, §3.2).
#include "executors/ssh/ssh_executor.h"

#include <spdlog/spdlog.h>

#include <thread>

#include "executors/commands/gluster.h"
#include "executors/commands/gluster_parse.h"
#include "executors/commands/health.h"
#include "executors/commands/validate.h"
#include "executors/ssh/command_error.h"
#include "executors/ssh/ssh_options.h"
#include "executors/ssh/ssh_transport.h"

namespace brickyard::executors::ssh {

SshExecutor::SshExecutor(std::unique_ptr<Transport> transport, config::ExecutorOptions opts,
                         std::string name)
    : transport_(std::move(transport)), opts_(std::move(opts)), name_(std::move(name)) {}

namespace {

// glusterd refused `cmd` because another transaction holds the cluster lock:
// said on stderr, or, with --xml (exit status 0), in the CLI verdict.
bool GlusterdBusy(const commands::Command& cmd, const CommandResult& r) {
  constexpr std::string_view kBusy = "Another transaction is in progress";
  if (cmd.argv.empty() || cmd.argv[0] != "gluster") return false;
  if (!r.ok()) return Mentions(r, kBusy);
  if (r.stdout_text.find('<') == std::string::npos) return false;
  Status verdict = commands::ParseCliStatusXml(r.stdout_text);
  return !verdict.ok() && verdict.message().find(kBusy) != std::string::npos;
}

}  // namespace

Result<CommandResult> SshExecutor::Send(const std::string& host, const commands::Command& cmd) {
  auto delay = busy_first_delay_;
  for (int retry = 0;; ++retry) {
    BY_ASSIGN_OR_RETURN(CommandResult r, transport_->Run(host, cmd));
    if (retry == kGlusterdBusyRetries || !GlusterdBusy(cmd, r)) return r;
    spdlog::info("{}: glusterd is busy with another transaction; `{}` again in {} ms", host,
                 BoundedLine(commands::ToShellLine(cmd)), delay.count());
    std::this_thread::sleep_for(delay);
    delay *= 2;
  }
}

Result<CommandResult> SshExecutor::RunAny(const std::string& host, const commands::Command& cmd) {
  return Send(host, cmd);
}

Result<CommandResult> SshExecutor::Run(const std::string& host, const commands::Command& cmd) {
  BY_ASSIGN_OR_RETURN(CommandResult r, Send(host, cmd));
  if (!r.ok()) return CommandFailed(host, commands::ToShellLine(cmd), r);
  return r;
}

Status SshExecutor::RunBatch(const std::string& host, const std::vector<commands::Command>& cmds) {
  for (const auto& cmd : cmds) BY_RETURN_IF_ERROR(Run(host, cmd).status());
  return Status::Ok();
}

std::mutex& SshExecutor::LockFor(Guard what, const std::string& host) {
  std::lock_guard lock(locks_mu_);
  auto& slot = locks_[{what, host}];
  if (!slot) slot = std::make_unique<std::mutex>();
  return *slot;
}

Result<CommandResult> SshExecutor::RunFstabEdit(const std::string& host,
                                                const commands::Command& cmd) {
  std::lock_guard lock(LockFor(Guard::kFstab, host));
  return Run(host, cmd);
}

Result<CommandResult> SshExecutor::RunGlusterXml(const std::string& host,
                                                 const commands::Command& cmd) {
  BY_ASSIGN_OR_RETURN(CommandResult r, Send(host, cmd));
  if (r.stdout_text.find('<') != std::string::npos) {
    Status verdict = commands::ParseCliStatusXml(r.stdout_text);
    if (!verdict.ok()) {
      return Status(verdict.code(), host + ": command `" + BoundedLine(commands::ToShellLine(cmd)) +
                                        "` failed: " + verdict.message());
    }
  }
  if (!r.ok()) return CommandFailed(host, commands::ToShellLine(cmd), r);
  return r;
}

Status SshExecutor::GlusterdCheck(const std::string& host) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::GlusterdCheck(opts_));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunAny(host, cmd));
  if (!r.ok()) {
    return Unavailable("glusterd is not running on " + host + ": " +
                       CommandFailed(host, commands::ToShellLine(cmd), r).message());
  }
  return Status::Ok();
}

Status SshExecutor::PeerProbe(const std::string& exec_host, const std::string& new_storage_host) {
  BY_ASSIGN_OR_RETURN(auto cmds, commands::PeerProbe(opts_, new_storage_host));
  std::lock_guard lock(LockFor(Guard::kGluster, exec_host));
  return RunBatch(exec_host, cmds);
}

Status SshExecutor::PeerDetach(const std::string& exec_host, const std::string& storage_host) {
  auto cmd = commands::PeerDetach(opts_, storage_host);
  std::lock_guard lock(LockFor(Guard::kGluster, exec_host));
  Status st = cmd.ok() ? Run(exec_host, *cmd).status() : cmd.status();
  if (!st.ok()) spdlog::warn("peer detach of {} from {} failed (ignored): {}", storage_host, exec_host, st.message());
  return Status::Ok();
}

Result<std::unique_ptr<Executor>> NewSshExecutor(const config::ExecutorOptions& opts,
                                                 const config::Env& env, const std::string& name) {
  BY_ASSIGN_OR_RETURN(SshOptions ssh_opts, OptionsFromConfig(opts, env));
  Status valid = commands::ValidateExecutorOptions(opts);
  if (!valid.ok()) return valid.Prefixed("sshexec: ");
  BY_ASSIGN_OR_RETURN(std::unique_ptr<SshTransport> transport, SshTransport::Create(ssh_opts));
  return std::unique_ptr<Executor>(std::make_unique<SshExecutor>(std::move(transport), opts, name));
}

}  // namespace brickyard::executors::ssh
