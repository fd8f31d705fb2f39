// Command: one on-node step as an argument vector, and the one routine that
// turns it into a remote command line.
//
// Every builder in this folder produces Commands; none produces shell text.
// A transport that can exec an argv directly should use `argv`; one that must
// hand a line to the remote login shell (SSH "exec") sends ToShellLine(cmd),
// in which every element is single-quoted, so the remote shell performs no
// expansion of any kind and the program receives exactly `argv`. The remote
// login shell must be POSIX-compatible (sh, dash, bash, ksh, zsh); csh-family
// and fish shells quote differently and are not supported.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "config/config.h"

namespace brickyard::executors::commands {

// Per-command time limits (spec provisioning §2.3), in seconds.
// Device setup/teardown/info, each brick-destroy step, mount and fstab reads.
inline constexpr int kDeviceTimeoutS = 5 * 60;
// Brick create (and Brickyard's in-place brick expansion), the glusterd check.
inline constexpr int kBrickTimeoutS = 10 * 60;

// The limit for gluster CLI and LVM report commands:
// max(10, 1 + (gluster_cli_timeout + 1) / 60) minutes, i.e. 11 by default,
// capped at one day.
int GlusterExecTimeoutS(const config::ExecutorOptions& opts);

struct Command {
  // argv[0] is the program. Never empty once built by this folder.
  std::vector<std::string> argv;
  // The transport stops waiting after this many seconds.
  int timeout_s = kDeviceTimeoutS;
  // Run through `sudo -n` (ExecutorOptions::sudo).
  bool sudo = false;
  // The output of a successful run is not worth logging (the glusterd probe).
  bool quiet = false;

  bool operator==(const Command& other) const = default;
};

// Builds a Command whose `sudo` follows `opts.sudo`.
Command MakeCommand(const config::ExecutorOptions& opts, std::vector<std::string> argv,
                    int timeout_s);

// POSIX single-quote quoting: returns `s` wrapped in single quotes, each
// embedded `'` written as `'\''`. Every byte other than `'` stands for itself
// inside single quotes, so the shell hands the program exactly `s`. The empty
// string becomes `''`. This is the only routine that builds remote command
// lines. A NUL byte cannot be carried by a command line (the remote side cuts
// the line there, leaving an unterminated quote, so nothing runs); builders
// refuse NUL through validation, and CheckCommand reports it.
std::string ShellQuote(std::string_view s);

// The remote command line: `sudo -n ` when cmd.sudo, then every argv element
// through ShellQuote, separated by single spaces.
std::string ToShellLine(const Command& cmd);

// InvalidArgument when `cmd` cannot be run as intended: an empty argv, an
// element holding a NUL byte, a program name starting with '-', or a
// non-positive timeout. Builders in this folder always pass; transports may
// call it as a last guard.
Status CheckCommand(const Command& cmd);

}  // namespace brickyard::executors::commands
