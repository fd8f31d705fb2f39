// Offline commands: work on the store with the server stopped.
#pragma once

#include <string>

namespace brickyard::server {

// `brickyard offline cleanup-operations --config FILE`: marks every pending
// operation stale, cleans them all up once (ops/op_cleaner.h) with the
// configured executor, and prints what was cleaned and what failed. Must run
// while no server uses the same store (an operation it is running would be
// taken for an interrupted one). Returns the process exit code: 0 when every
// operation was cleaned up, 1 otherwise.
int RunOfflineCleanup(const std::string& config_path);

}  // namespace brickyard::server
