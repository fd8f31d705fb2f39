#include "executors/ssh/ssh_options.h"

#include <charconv>

#include "common/strings.h"

namespace brickyard::executors::ssh {

std::string ResolveKnownHosts(const std::string& configured, const config::Env& env) {
  if (!configured.empty()) return configured;
  if (auto it = env.find("SSH_KNOWN_HOSTS"); it != env.end() && !it->second.empty()) {
    for (const std::string& p : Split(it->second, ':')) {
      if (!p.empty()) return p;
    }
  }
  if (auto it = env.find("HOME"); it != env.end() && !it->second.empty()) {
    return it->second + "/.ssh/known_hosts";
  }
  return "";
}

Result<SshOptions> OptionsFromConfig(const config::ExecutorOptions& cfg, const config::Env& env) {
  SshOptions o;
  if (cfg.keyfile.empty()) return InvalidArgument("sshexec.keyfile is required");
  o.keyfile = cfg.keyfile;
  o.user = cfg.user.empty() ? "heketi" : cfg.user;
  const std::string port = cfg.port.empty() ? "22" : cfg.port;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), o.port);
  if (ec != std::errc() || end != port.data() + port.size() || o.port < 1 || o.port > 65535) {
    return InvalidArgument("sshexec.port must be a number in 1..65535, got '" + port + "'");
  }
  o.known_hosts = ResolveKnownHosts(cfg.known_hosts, env);
  if (o.known_hosts.empty()) {
    return InvalidArgument("sshexec.known_hosts is not set and neither SSH_KNOWN_HOSTS nor HOME is");
  }
  o.trust_on_first_use = cfg.trust_on_first_use;
  if (cfg.connect_timeout_s <= 0) return InvalidArgument("sshexec.connect_timeout must be positive");
  if (cfg.command_timeout_s <= 0) return InvalidArgument("sshexec.command_timeout must be positive");
  if (cfg.max_sessions_per_host <= 0) {
    return InvalidArgument("sshexec.max_sessions_per_host must be positive");
  }
  o.connect_timeout_s = cfg.connect_timeout_s;
  o.command_timeout_s = cfg.command_timeout_s;
  o.max_sessions_per_host = cfg.max_sessions_per_host;
  return o;
}

}  // namespace brickyard::executors::ssh
