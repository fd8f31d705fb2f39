// Documentation generated from the command tree itself: shell completion
// scripts and a Markdown manual. Pure functions of a CLI11 App.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace brickyard::cli {

// A bash completion function for the tree (completes subcommands and
// flags per command path, global flags everywhere).
std::string BashCompletion(const CLI::App& root);
// The same for zsh, through bashcompinit.
std::string ZshCompletion(const CLI::App& root);
// The manual: every command with its description, usage and flags.
std::string MarkdownManual(const CLI::App& root);

}  // namespace brickyard::cli
