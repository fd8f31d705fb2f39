#include "executors/ssh/ssh_transport.h"

#include <spdlog/spdlog.h>

#include "executors/ssh/command_error.h"

namespace brickyard::executors::ssh {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

Result<std::unique_ptr<SshTransport>> SshTransport::Create(SshOptions opts) {
  ssh_init();
  ssh_key key = nullptr;
  if (ssh_pki_import_privkey_file(opts.keyfile.c_str(), nullptr, nullptr, nullptr, &key) != SSH_OK) {
    ssh_finalize();
    return InvalidArgument("sshexec.keyfile " + opts.keyfile +
                           " is not a readable, unencrypted private key");
  }
  ssh_key_free(key);
  return std::unique_ptr<SshTransport>(new SshTransport(std::move(opts)));
}

SshTransport::SshTransport(SshOptions opts)
    : opts_(std::move(opts)), verifier_(opts_.known_hosts, opts_.trust_on_first_use) {
  if (opts_.trust_on_first_use) {
    spdlog::warn("sshexec.trust_on_first_use is on: unknown SSH host keys will be accepted and "
                 "recorded in {}", opts_.known_hosts);
  }
}

SshTransport::~SshTransport() {
  {
    std::lock_guard lock(pools_mu_);
    pools_.clear();
  }
  ssh_finalize();
}

SshTransport::HostPool& SshTransport::PoolFor(const std::string& host) {
  std::lock_guard lock(pools_mu_);
  auto& slot = pools_[host];
  if (!slot) slot = std::make_unique<HostPool>();
  return *slot;
}

Result<SshTransport::Lease> SshTransport::Acquire(const std::string& host, HostPool& pool,
                                                  Clock::time_point deadline) {
  std::unique_lock lock(pool.mu);
  const auto can_go = [&] {
    return !pool.idle.empty() || pool.busy + static_cast<int64_t>(pool.idle.size()) <
                                     opts_.max_sessions_per_host;
  };
  if (!pool.freed.wait_until(lock, deadline, can_go)) {
    return Unavailable("no free SSH session to " + host + " (all " +
                       std::to_string(opts_.max_sessions_per_host) + " busy) before the timeout");
  }
  ++pool.busy;
  if (!pool.idle.empty()) {
    Lease lease{std::move(pool.idle.back()), true};
    pool.idle.pop_back();
    return lease;
  }
  lock.unlock();
  auto conn = SshConnection::Open(host, opts_, verifier_);
  if (!conn.ok()) {
    lock.lock();
    --pool.busy;
    pool.freed.notify_one();
    return conn.status();
  }
  return Lease{std::move(conn).value(), false};
}

void SshTransport::Release(HostPool& pool, std::unique_ptr<SshConnection> conn) {
  std::unique_ptr<SshConnection> dead;  // destroyed outside the lock
  {
    std::lock_guard lock(pool.mu);
    --pool.busy;
    if (conn && conn->usable()) {
      pool.idle.push_back(std::move(conn));
    } else {
      dead = std::move(conn);
    }
  }
  pool.freed.notify_one();
}

namespace {

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

void SshTransport::LogTiming(const std::string& host, const std::string& line,
                             const ExecAttempt& a, Clock::duration session_time) {
  if (!spdlog::should_log(spdlog::level::debug)) return;
  const auto end_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  spdlog::debug("ssh-timing host={} exit={} end_us={} session_ms={:.2f} channel_ms={:.2f} "
                "command_ms={:.2f} line={}",
                host, a.result.exit_status, end_us, Ms(session_time), Ms(a.channel_time),
                Ms(a.command_time), BoundedLine(line));
}

Result<CommandResult> SshTransport::Run(const std::string& host, const commands::Command& cmd) {
  BY_RETURN_IF_ERROR(commands::CheckCommand(cmd));
  const std::string line = commands::ToShellLine(cmd);
  const auto timeout = std::chrono::seconds(cmd.timeout_s > 0 ? cmd.timeout_s : opts_.command_timeout_s);
  const auto with_command = [&](const Status& st) {
    return Status(st.code(), st.message() + " (running `" + BoundedLine(line) + "`)");
  };
  HostPool& pool = PoolFor(host);
  const auto asked = Clock::now();
  auto acquired = Acquire(host, pool, asked + timeout);
  if (!acquired.ok()) return with_command(acquired.status());
  Lease lease = std::move(acquired).value();
  spdlog::debug("ssh {}: {}", host, BoundedLine(line));
  auto session_time = Clock::now() - asked;
  ExecAttempt a = lease.conn->Exec(line, std::chrono::duration_cast<std::chrono::milliseconds>(timeout));
  if (!a.started && lease.reused) {
    // The idle session died (node or sshd restarted): reconnect once.
    spdlog::info("ssh {}: session lost ({}); reconnecting", host, a.error.message());
    lease.conn.reset();
    auto fresh = SshConnection::Open(host, opts_, verifier_);
    if (!fresh.ok()) {
      Release(pool, nullptr);
      return with_command(fresh.status());
    }
    lease.conn = std::move(fresh).value();
    session_time = Clock::now() - asked;
    a = lease.conn->Exec(line, std::chrono::duration_cast<std::chrono::milliseconds>(timeout));
  }
  Release(pool, std::move(lease.conn));
  if (!a.error.ok()) return with_command(a.error);
  LogTiming(host, line, a, session_time);
  return std::move(a.result);
}

void SshTransport::CloseIdle() {
  std::vector<HostPool*> pools;
  {
    std::lock_guard lock(pools_mu_);
    for (auto& [_, p] : pools_) pools.push_back(p.get());
  }
  for (HostPool* p : pools) {
    std::vector<std::unique_ptr<SshConnection>> closing;
    {
      std::lock_guard lock(p->mu);
      closing.swap(p->idle);
    }
    p->freed.notify_all();
  }
}

int SshTransport::OpenSessions(const std::string& host) {
  HostPool& p = PoolFor(host);
  std::lock_guard lock(p.mu);
  return p.busy + static_cast<int>(p.idle.size());
}

}  // namespace brickyard::executors::ssh
