// Runs the real brickyard-cli against a bench server and times it.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace brickyard::bench {

struct CliRun {
  double seconds = 0;  // wall time from spawn to exit
  std::string out;     // stdout when kept, else empty
};

// Runs `binary --server http://127.0.0.1:<port> --user admin --secret <key>
// args...`, stdout discarded unless `keep_output`. The child is killed after
// `timeout_s`. Errors: Internal with the exit status and the CLI's stderr
// when it does not exit 0.
Result<CliRun> RunCli(const std::string& binary, int port, const std::vector<std::string>& args,
                      int timeout_s, bool keep_output = false);

}  // namespace brickyard::bench
