// SshOptions: everything the SSH transport needs, resolved from the sshexec
// section of the configuration (spec heketi-api §9.2, DECISIONS #8).
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"
#include "config/config.h"

namespace brickyard::executors::ssh {

struct SshOptions {
  std::string user = "heketi";
  int port = 22;
  std::string keyfile;               // unencrypted private key; required
  std::string known_hosts;           // resolved path of the known_hosts file; required
  bool trust_on_first_use = false;   // accept and record unknown host keys
  int64_t connect_timeout_s = 10;    // TCP connect, handshake and every blocking SSH step
  int64_t command_timeout_s = 600;   // for a command that carries no timeout of its own
  int64_t max_sessions_per_host = 4; // concurrent sessions (one command each) per host
  int64_t keepalive_idle_s = 30;     // TCP keep-alive: idle time before the first probe
};

// The known_hosts path: `configured` if non-empty, else the first entry of the
// colon-separated SSH_KNOWN_HOSTS in `env`, else $HOME/.ssh/known_hosts. Returns
// "" when none of these can be determined.
std::string ResolveKnownHosts(const std::string& configured, const config::Env& env);

// Builds options from the sshexec section. Returns InvalidArgument naming the
// key when keyfile is missing, the port is not 1..65535, a timeout or the
// session bound is not positive, or no known_hosts path can be determined.
Result<SshOptions> OptionsFromConfig(const config::ExecutorOptions& cfg, const config::Env& env);

}  // namespace brickyard::executors::ssh
