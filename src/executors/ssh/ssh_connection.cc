#include "executors/ssh/ssh_connection.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>

namespace brickyard::executors::ssh {
namespace {

using Clock = std::chrono::steady_clock;

// Frees a libssh session on every early return of Open.
struct SessionGuard {
  ssh_session s;
  ~SessionGuard() {
    if (s != nullptr) {
      ssh_disconnect(s);
      ssh_free(s);
    }
  }
  ssh_session release() { return std::exchange(s, nullptr); }
};

struct ChannelGuard {
  ssh_channel c;
  ~ChannelGuard() {
    if (c != nullptr) {
      ssh_channel_close(c);
      ssh_channel_free(c);
    }
  }
};

void EnableTcpKeepAlive(ssh_session s, int idle_s) {
  const int fd = ssh_get_fd(s);
  if (fd < 0) return;
  const int on = 1;
  const int interval = 10;
  const int count = 3;
  setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle_s, sizeof idle_s);
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
}

void Append(std::string& out, const char* data, int n) {
  if (n <= 0 || out.size() >= SshConnection::kMaxOutputBytes) return;
  out.append(data, std::min<size_t>(n, SshConnection::kMaxOutputBytes - out.size()));
}

}  // namespace

Result<std::unique_ptr<SshConnection>> SshConnection::Open(const std::string& host,
                                                           const SshOptions& opts,
                                                           HostKeyVerifier& verifier) {
  const std::string target = host + ":" + std::to_string(opts.port);
  SessionGuard g{ssh_new()};
  if (g.s == nullptr) return Unavailable("cannot connect to " + target + ": out of memory");
  const long timeout = static_cast<long>(opts.connect_timeout_s);
  const int port = opts.port;
  const int no = 0;
  if (ssh_options_set(g.s, SSH_OPTIONS_HOST, host.c_str()) != SSH_OK ||
      ssh_options_set(g.s, SSH_OPTIONS_PORT, &port) != SSH_OK ||
      ssh_options_set(g.s, SSH_OPTIONS_USER, opts.user.c_str()) != SSH_OK ||
      ssh_options_set(g.s, SSH_OPTIONS_KNOWNHOSTS, opts.known_hosts.c_str()) != SSH_OK ||
      ssh_options_set(g.s, SSH_OPTIONS_TIMEOUT, &timeout) != SSH_OK ||
      ssh_options_set(g.s, SSH_OPTIONS_PROCESS_CONFIG, &no) != SSH_OK) {
    return Unavailable("cannot connect to " + target + ": " + ssh_get_error(g.s));
  }
  if (ssh_connect(g.s) != SSH_OK) {
    return Unavailable("cannot connect to " + target + ": " + ssh_get_error(g.s));
  }
  EnableTcpKeepAlive(g.s, static_cast<int>(opts.keepalive_idle_s));
  BY_RETURN_IF_ERROR(verifier.Verify(g.s, target));

  ssh_key key = nullptr;
  if (ssh_pki_import_privkey_file(opts.keyfile.c_str(), nullptr, nullptr, nullptr, &key) != SSH_OK) {
    return Unavailable("cannot connect to " + target + ": cannot load the private key " +
                       opts.keyfile + " (it must exist, be readable and unencrypted)");
  }
  const int auth = ssh_userauth_publickey(g.s, nullptr, key);
  ssh_key_free(key);
  if (auth != SSH_AUTH_SUCCESS) {
    return Unavailable("cannot connect to " + target + ": public-key authentication as " +
                       opts.user + " with " + opts.keyfile + " was refused");
  }
  return std::unique_ptr<SshConnection>(new SshConnection(g.release(), target));
}

SshConnection::~SshConnection() {
  ssh_disconnect(session_);
  ssh_free(session_);
}

bool SshConnection::usable() const { return !broken_ && ssh_is_connected(session_) == 1; }

ExecAttempt SshConnection::Exec(const std::string& line, std::chrono::milliseconds timeout) {
  ExecAttempt a;
  auto lost = [&](const std::string& what) {
    broken_ = true;
    a.error = Unavailable(what + " on " + target_ + ": " + ssh_get_error(session_));
    return a;
  };
  const auto opening = Clock::now();
  ChannelGuard ch{ssh_channel_new(session_)};
  if (ch.c == nullptr) return lost("cannot open an SSH channel");
  if (ssh_channel_open_session(ch.c) != SSH_OK) return lost("cannot open an SSH channel");
  if (ssh_channel_request_exec(ch.c, line.c_str()) != SSH_OK) return lost("cannot start the command");
  a.started = true;
  const auto started = Clock::now();
  a.channel_time = started - opening;

  const auto deadline = Clock::now() + timeout;
  char buf[16384];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      ssh_channel_request_send_signal(ch.c, "KILL");
      broken_ = true;
      a.error = Unavailable("timed out after " + std::to_string(timeout.count() / 1000) + "s on " +
                            target_);
      return a;
    }
    const int wait_ms = static_cast<int>(std::min<int64_t>(left.count(), 200));
    const int n = ssh_channel_read_timeout(ch.c, buf, sizeof buf, 0, wait_ms);
    if (n == SSH_ERROR) return lost("lost the connection while the command ran");
    Append(a.result.stdout_text, buf, n);
    int e = 0;
    while ((e = ssh_channel_read_nonblocking(ch.c, buf, sizeof buf, 1)) > 0) {
      Append(a.result.stderr_text, buf, e);
    }
    if (e == SSH_ERROR) return lost("lost the connection while the command ran");
    if (n <= 0 && (ssh_channel_is_eof(ch.c) || ssh_channel_is_closed(ch.c))) break;
  }
  a.result.exit_status = ssh_channel_get_exit_status(ch.c);
  a.command_time = Clock::now() - started;
  ssh_channel_send_eof(ch.c);
  return a;
}

}  // namespace brickyard::executors::ssh
