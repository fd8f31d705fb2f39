// FakeTransport: a scripted Transport for unit tests. It records every call
// (host, command, shell line) and answers from rules added with When();
// a command no rule matches succeeds with exit status 0 and no output.
// Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "executors/ssh/transport.h"

namespace brickyard::executors::ssh {

class FakeTransport final : public Transport {
 public:
  struct Call {
    std::string host;
    commands::Command cmd;
    std::string line;  // commands::ToShellLine(cmd)
  };

  Result<CommandResult> Run(const std::string& host, const commands::Command& cmd) override;

  // The next `times` commands (every one when times < 0) whose shell line
  // contains `needle` get `reply`. Rules are tried in the order they were
  // added; a rule whose uses are spent is skipped.
  void When(std::string needle, Result<CommandResult> reply, int times = -1);

  // A finished command's result.
  static CommandResult Exit(int status, std::string out = "", std::string err = "");

  std::vector<Call> calls() const;
  // The shell lines run, in order (all hosts).
  std::vector<std::string> lines() const;
  void Clear();  // forgets calls and rules

 private:
  struct Rule {
    std::string needle;
    Result<CommandResult> reply;
    int left;
  };
  mutable std::mutex mu_;
  std::vector<Call> calls_;  // guarded by mu_
  std::vector<Rule> rules_;  // guarded by mu_
};

}  // namespace brickyard::executors::ssh
