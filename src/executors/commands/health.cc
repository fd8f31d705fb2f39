#include "executors/commands/health.h"

#include <algorithm>
#include <string>

namespace brickyard::executors::commands {

Result<Command> GlusterdCheck(const config::ExecutorOptions& opts) {
  if (opts.gluster_cli_timeout <= 0) {
    return InvalidArgument("gluster_cli_timeout must be positive");
  }
  int64_t t = std::min(opts.gluster_cli_timeout, kGlusterdProbeTimeoutS);
  Command c = MakeCommand(
      opts, {"gluster", "--mode=script", "--timeout=" + std::to_string(t), "pool", "list"},
      static_cast<int>(t + 60));
  c.quiet = true;
  return c;
}

}  // namespace brickyard::executors::commands
