// Helpers that turn a command's outcome into an operator-facing error: which
// node, which command, and what it printed, each bounded in length so that a
// runaway output never floods a log line or an HTTP error body. Pure.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "executors/ssh/transport.h"

namespace brickyard::executors::ssh {

// Longest command line and output excerpt quoted in a message.
inline constexpr size_t kMaxQuotedLine = 400;
inline constexpr size_t kMaxQuotedOutput = 1000;

// `line` cut to kMaxQuotedLine characters ("..." marks a cut).
std::string BoundedLine(std::string_view line);

// What a failed command said: its trimmed stderr, else its trimmed stdout,
// cut to kMaxQuotedOutput characters; "" when it printed nothing.
std::string FailureOutput(const CommandResult& r);

// Status(code, "<host>: command `<line>` failed with exit status N: <output>").
Status CommandFailed(const std::string& host, std::string_view line, const CommandResult& r,
                     Code code = Code::kInternal);

// True when stderr or stdout contains `needle`, ignoring ASCII case.
bool Mentions(const CommandResult& r, std::string_view needle);

// LVM's "object does not exist" answers: "not found" or "failed to find".
bool LvmNotFound(const CommandResult& r);

}  // namespace brickyard::executors::ssh
