// Transport: runs one command on one storage node over an existing (or
// re-established) connection. It only moves bytes: commands arrive as
// commands::Command (an argv) and are turned into a remote line only by
// commands::ToShellLine. A non-zero exit status is not a transport error; the
// caller decides what it means.
#pragma once

#include <string>

#include "common/status.h"
#include "executors/commands/command.h"

namespace brickyard::executors::ssh {

struct CommandResult {
  int exit_status = -1;  // -1 when the node reported none (e.g. killed by a signal)
  std::string stdout_text;
  std::string stderr_text;

  bool ok() const { return exit_status == 0; }
};

class Transport {
 public:
  virtual ~Transport() = default;

  // Runs `cmd` on `host` (a manage hostname), waiting at most cmd.timeout_s
  // seconds for it to finish. Errors:
  //  * InvalidArgument when commands::CheckCommand refuses `cmd` (nothing runs);
  //  * Unavailable when the host cannot be reached, refuses the connection
  //    (host key, authentication), the connection drops while the command
  //    runs, or the command times out. Every message names the host and, for
  //    failures after connecting, the command.
  // Thread-safe; may block for as long as the command takes.
  virtual Result<CommandResult> Run(const std::string& host, const commands::Command& cmd) = 0;
};

}  // namespace brickyard::executors::ssh
