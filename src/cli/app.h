// The brickyard-cli program: builds the command tree, parses arguments,
// runs the selected command and maps failures to heketi-cli's convention
// ("Error: <message>" on stderr, exit status 255).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/context.h"

namespace brickyard::cli {

inline constexpr int kExitError = 255;

// Flags bound by the root command.
struct RootFlags {
  GlobalOptions globals;
  bool version = false;
};

// Builds the whole command tree into `root`. `flags` and `commands` must
// outlive `root`'s parse.
void BuildCommandTree(CLI::App& root, RootFlags& flags, Commands& commands);

// Runs brickyard-cli with `args` (without the program name); returns the
// exit status: 0 on success, 255 on any error.
int RunCli(const std::vector<std::string>& args, Io& io);

}  // namespace brickyard::cli
