// SshConnection: one authenticated libssh session to one host, running one
// command at a time. The transport's pool hands a connection to a single
// thread at a time; the class itself is not thread-safe.
#pragma once

#include <libssh/libssh.h>

#include <chrono>
#include <memory>
#include <string>

#include "common/status.h"
#include "executors/ssh/host_keys.h"
#include "executors/ssh/ssh_options.h"
#include "executors/ssh/transport.h"

namespace brickyard::executors::ssh {

// The outcome of one Exec. `started` tells whether the remote side accepted
// the command: a failure before that point ran nothing, so the caller may
// reconnect and try once more without running the command twice.
struct ExecAttempt {
  Status error;           // OK when the command ran to completion (any exit status)
  bool started = false;
  CommandResult result;   // valid when error is OK
  // Where the time went: opening the channel and having sshd accept the
  // command (two round trips), then the command itself until its exit status
  // arrived (the remote shell, the program, the output).
  std::chrono::steady_clock::duration channel_time{};
  std::chrono::steady_clock::duration command_time{};
};

class SshConnection {
 public:
  // Connects to `host`:opts.port within opts.connect_timeout_s, verifies the
  // host key with `verifier` and authenticates as opts.user with the private
  // key in opts.keyfile. Every failure is Unavailable naming host:port and
  // the step that failed (connect, host key, key file, authentication).
  static Result<std::unique_ptr<SshConnection>> Open(const std::string& host,
                                                     const SshOptions& opts,
                                                     HostKeyVerifier& verifier);
  ~SshConnection();
  SshConnection(const SshConnection&) = delete;
  SshConnection& operator=(const SshConnection&) = delete;

  // Runs `line` (one shell line, run by the remote user's shell) and collects
  // its exit status, stdout and stderr. Past `timeout` the remote process is
  // sent SIGKILL and the error is Unavailable("... timed out ..."). Output
  // beyond kMaxOutputBytes per stream is dropped.
  ExecAttempt Exec(const std::string& line, std::chrono::milliseconds timeout);

  // False once the session failed or a command timed out: the connection
  // must then be discarded rather than reused.
  bool usable() const;

  const std::string& target() const { return target_; }

  static constexpr size_t kMaxOutputBytes = 64u << 20;

 private:
  SshConnection(ssh_session session, std::string target) : session_(session), target_(std::move(target)) {}

  ssh_session session_;
  std::string target_;  // "host:port"
  bool broken_ = false;
};

}  // namespace brickyard::executors::ssh
