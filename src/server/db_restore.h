// `brickyard db restore`: replaces a server's store with a backup taken by
// GET /backup/db (or `brickyard-cli db backup`), offline.
#pragma once

#include <ostream>
#include <string>

#include "common/status.h"

namespace brickyard::server {

// Restores the backup `from` as the store `db_path`:
//  1. `from` must pass SQLite's integrity check and carry a Brickyard schema
//     version this build can open (older ones are upgraded when the server
//     next starts);
//  2. it is copied next to `db_path` (SQLite's backup API);
//  3. when `db_path` exists, it is locked exclusively, which fails while a
//     server (or anything else) has it open, and saved as
//     `db_path`.pre-restore (replacing an older one);
//  4. the copy is renamed over `db_path` in one step.
// Prints what it did to `report`. Errors: InvalidArgument for a missing,
// damaged, foreign or too new backup; Unavailable when `db_path` is in use;
// Internal for file system and SQLite failures. `db_path` is unchanged on
// any error.
Status RestoreDatabase(const std::string& from, const std::string& db_path, std::ostream& report);

}  // namespace brickyard::server
