// The command tree. Each group file adds its subcommands to the root
// CLI11 app and registers what each leaf does; help, completion scripts and
// the manual are all generated from this one tree.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli/context.h"

namespace brickyard::cli {

using Action = std::function<Status(Context&)>;

// Records which leaf command the parser selected.
class Commands {
 public:
  // Makes `run` the action of `cmd`, chosen when the parser completes on it.
  void On(CLI::App* cmd, Action run);
  const Action& selected() const { return selected_; }

 private:
  Action selected_;
};

// Adds a leaf command `name` under `parent` with heketi-cli's help text.
CLI::App* AddLeaf(CLI::App* parent, const std::string& name, const std::string& description);

// Adds a positional catch-all (heketi-cli reads its ids positionally and
// ignores extras) and returns the storage it fills.
std::shared_ptr<std::vector<std::string>> AddArgs(CLI::App* cmd, const std::string& name,
                                                  const std::string& description);

// The first positional argument, or InvalidArgument(missing) when absent.
Result<std::string> FirstArg(const std::vector<std::string>& args, const std::string& missing);

// Shared helpers for commands that print either JSON or text.
Status PrintResult(Context& ctx, const Json& json, const std::string& text);

void AddClusterCommands(CLI::App& root, Commands& commands);
void AddNodeCommands(CLI::App& root, Commands& commands);
void AddDeviceCommands(CLI::App& root, Commands& commands);
void AddVolumeCommands(CLI::App& root, Commands& commands);
void AddBlockVolumeCommands(CLI::App& root, Commands& commands);
void AddBrickCommands(CLI::App& root, Commands& commands);
void AddTopologyCommands(CLI::App& root, Commands& commands);
void AddServerCommands(CLI::App& root, Commands& commands);  // server, db, loglevel
void AddSetupStorageCommands(CLI::App& root, Commands& commands);
void AddDocCommands(CLI::App& root, Commands& commands);  // completion, man

}  // namespace brickyard::cli
