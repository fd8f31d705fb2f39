// CliRunner: runs the real brickyard-cli binary as a child process and
// captures its exit status, stdout and stderr, for end-to-end tests.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace brickyard::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
  // stdout split on '\n' (a trailing newline gives no empty last line).
  std::vector<std::string> Lines() const;
};

// Runs `binary` with `args` and exactly the environment `env` (plus PATH),
// in working directory `cwd` ("" = inherit). Blocks until it exits.
CliRun RunProgram(const std::string& binary, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env, const std::string& cwd = "");

// The brickyard-cli binary under test (from the build).
std::string CliBinary();

}  // namespace brickyard::testing
