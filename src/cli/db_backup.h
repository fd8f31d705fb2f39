// Saving a server-side backup of the store (GET /backup/db) to a file: a
// Brickyard extension of heketi-cli's `db` group.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace brickyard::cli {

// Writes `body`, the answer of GET /backup/db, to `path` through a temporary
// file in the same directory renamed into place, so `path` is either absent
// or complete. Errors: InvalidArgument when `path` exists (nothing is
// overwritten) or `body` is not an SQLite database; Internal when the file
// cannot be written.
Status SaveBackup(std::string_view body, const std::string& path);

}  // namespace brickyard::cli
