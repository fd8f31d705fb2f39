#include "executors/ssh/fake_transport.h"

namespace brickyard::executors::ssh {

Result<CommandResult> FakeTransport::Run(const std::string& host, const commands::Command& cmd) {
  BY_RETURN_IF_ERROR(commands::CheckCommand(cmd));
  std::lock_guard lock(mu_);
  const std::string line = commands::ToShellLine(cmd);
  calls_.push_back({host, cmd, line});
  for (Rule& r : rules_) {
    if (r.left == 0 || line.find(r.needle) == std::string::npos) continue;
    if (r.left > 0) --r.left;
    return r.reply;
  }
  return Exit(0);
}

void FakeTransport::When(std::string needle, Result<CommandResult> reply, int times) {
  std::lock_guard lock(mu_);
  rules_.push_back({std::move(needle), std::move(reply), times < 0 ? -1 : times});
}

CommandResult FakeTransport::Exit(int status, std::string out, std::string err) {
  CommandResult r;
  r.exit_status = status;
  r.stdout_text = std::move(out);
  r.stderr_text = std::move(err);
  return r;
}

std::vector<FakeTransport::Call> FakeTransport::calls() const {
  std::lock_guard lock(mu_);
  return calls_;
}

std::vector<std::string> FakeTransport::lines() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& c : calls_) out.push_back(c.line);
  return out;
}

void FakeTransport::Clear() {
  std::lock_guard lock(mu_);
  calls_.clear();
  rules_.clear();
}

}  // namespace brickyard::executors::ssh
