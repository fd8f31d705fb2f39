#include "executors/ssh/command_error.h"

#include "common/strings.h"

namespace brickyard::executors::ssh {
namespace {

std::string Cut(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  return std::string(s.substr(0, max)) + "...";
}

}  // namespace

std::string BoundedLine(std::string_view line) { return Cut(line, kMaxQuotedLine); }

std::string FailureOutput(const CommandResult& r) {
  std::string_view err = TrimSpace(r.stderr_text);
  if (err.empty()) err = TrimSpace(r.stdout_text);
  return Cut(err, kMaxQuotedOutput);
}

Status CommandFailed(const std::string& host, std::string_view line, const CommandResult& r,
                     Code code) {
  std::string msg = host + ": command `" + BoundedLine(line) + "` failed with exit status " +
                    std::to_string(r.exit_status);
  const std::string out = FailureOutput(r);
  if (!out.empty()) msg += ": " + out;
  return Status(code, std::move(msg));
}

bool Mentions(const CommandResult& r, std::string_view needle) {
  const std::string n = ToLower(needle);
  return ToLower(r.stderr_text).find(n) != std::string::npos ||
         ToLower(r.stdout_text).find(n) != std::string::npos;
}

bool LvmNotFound(const CommandResult& r) {
  return Mentions(r, "not found") || Mentions(r, "failed to find");
}

}  // namespace brickyard::executors::ssh
