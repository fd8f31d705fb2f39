// settags / rmtags, shared by the node and device groups.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"

namespace brickyard::cli {

// Parses "key:value" arguments into a tag map (the first ':' splits).
// Errors: InvalidArgument "Invalid tag '<arg>': expected key:value".
Result<Json> ParseTags(const std::vector<std::string>& args);

// Adds `settags` and `rmtags` (aliases deltags, removetags) to `group`,
// posting to /<resource>s/{id}/tags. `noun` is "Node" or "Device".
void AddTagCommands(CLI::App* group, Commands& commands, const std::string& resource,
                    const std::string& noun);

}  // namespace brickyard::cli
