// SshTransport: the Transport over SSH (libssh), with verified host keys
// (DECISIONS #8) and a small connection pool per host.
//
//  * Each host has at most opts.max_sessions_per_host authenticated sessions,
//    each running one command at a time; further callers wait for a free one
//    (for at most their command's timeout). Idle sessions are kept for reuse.
//  * Sessions use TCP keep-alives, so a vanished peer is noticed.
//  * A reused session found dead before the command started (the node or its
//    sshd restarted) is replaced by a fresh one and the command sent once
//    more; a command that already started is never sent twice.
//  * A command that times out is sent SIGKILL and its session discarded.
//  * Commands are sent as the single line commands::ToShellLine(cmd), which
//    the remote sshd hands to the user's (POSIX) login shell.
// Thread-safe. Never logs key material, command output or stdin.
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "executors/ssh/host_keys.h"
#include "executors/ssh/ssh_connection.h"
#include "executors/ssh/ssh_options.h"
#include "executors/ssh/transport.h"

namespace brickyard::executors::ssh {

class SshTransport final : public Transport {
 public:
  // Checks that opts.keyfile holds a readable, unencrypted private key.
  // InvalidArgument otherwise (the message names the file, never its content).
  static Result<std::unique_ptr<SshTransport>> Create(SshOptions opts);
  ~SshTransport() override;

  Result<CommandResult> Run(const std::string& host, const commands::Command& cmd) override;

  // Closes every idle session (in-use ones close when released). For tests
  // and shutdown.
  void CloseIdle();
  // Sessions currently open to `host` (idle + in use), for tests.
  int OpenSessions(const std::string& host);

 private:
  struct HostPool {
    std::mutex mu;
    std::condition_variable freed;
    std::vector<std::unique_ptr<SshConnection>> idle;  // guarded by mu
    int busy = 0;                                      // guarded by mu; sessions handed out or being opened
  };
  struct Lease {
    std::unique_ptr<SshConnection> conn;
    bool reused = false;
  };

  explicit SshTransport(SshOptions opts);
  HostPool& PoolFor(const std::string& host);
  // Takes an idle session or opens one within the per-host bound, waiting
  // until `deadline` for a slot. The slot is held until Release.
  Result<Lease> Acquire(const std::string& host, HostPool& pool,
                        std::chrono::steady_clock::time_point deadline);
  void Release(HostPool& pool, std::unique_ptr<SshConnection> conn);
  // At debug level, one `ssh-timing` line per finished command: the host,
  // exit status, wall-clock end (µs since the epoch), and the time spent
  // getting a session (pool wait, connect), opening the channel, and running
  // the command. bench/testbed_create.py reads these lines.
  void LogTiming(const std::string& host, const std::string& line, const ExecAttempt& a,
                 std::chrono::steady_clock::duration session_time);

  const SshOptions opts_;
  HostKeyVerifier verifier_;
  std::mutex pools_mu_;
  std::map<std::string, std::unique_ptr<HostPool>> pools_;  // guarded by pools_mu_
};

}  // namespace brickyard::executors::ssh
