#include "executors/commands/command.h"

#include <algorithm>

namespace brickyard::executors::commands {

int GlusterExecTimeoutS(const config::ExecutorOptions& opts) {
  int64_t t = std::clamp<int64_t>(opts.gluster_cli_timeout, 0, int64_t{1} << 40);
  int64_t minutes = std::max<int64_t>(10, 1 + (t + 1) / 60);
  return static_cast<int>(std::min<int64_t>(minutes, 24 * 60) * 60);
}

Command MakeCommand(const config::ExecutorOptions& opts, std::vector<std::string> argv,
                    int timeout_s) {
  Command c;
  c.argv = std::move(argv);
  c.timeout_s = timeout_s;
  c.sudo = opts.sudo;
  return c;
}

std::string ShellQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

std::string ToShellLine(const Command& cmd) {
  std::string line = cmd.sudo ? "sudo -n" : "";
  for (const auto& arg : cmd.argv) {
    if (!line.empty()) line += ' ';
    line += ShellQuote(arg);
  }
  return line;
}

Status CheckCommand(const Command& cmd) {
  if (cmd.argv.empty()) return InvalidArgument("command has no program");
  if (cmd.argv[0].empty() || cmd.argv[0][0] == '-') {
    return InvalidArgument("command program name must not be empty or start with '-'");
  }
  for (const auto& arg : cmd.argv) {
    if (arg.find('\0') != std::string::npos) {
      return InvalidArgument("command argument contains a NUL byte");
    }
  }
  if (cmd.timeout_s <= 0) return InvalidArgument("command timeout must be positive");
  return Status::Ok();
}

}  // namespace brickyard::executors::commands
