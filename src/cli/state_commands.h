// enable / disable / remove: state changes as a table (spec §8.6).
#pragma once

#include <string>

#include "cli/commands.h"

namespace brickyard::cli {

struct StateChange {
  const char* command;      // "enable"
  const char* description;  // help text
  const char* state;        // "online"
  const char* shown;        // word in "<Noun> <id> is now <shown>"
};

// Adds one command per entry, posting {"state": ...} to /<resource>s/{id}/state.
void AddStateCommands(CLI::App* group, Commands& commands, const std::string& resource,
                      const std::string& noun, const std::vector<StateChange>& table);

}  // namespace brickyard::cli
