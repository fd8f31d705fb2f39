// Small file helpers shared by the offline database commands.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace brickyard::server {

// The whole content of `path`. InvalidArgument naming the path when it
// cannot be read.
Result<std::string> ReadWholeFile(const std::string& path);

// Writes `data` to a new file `path`: through `path`.partial, linked into
// place, so `path` is never replaced and never seen half written.
// InvalidArgument when `path` exists; Internal when writing fails.
Status WriteNewFile(const std::string& path, std::string_view data);

// Moves the file `from` to `to` unless `to` exists (link, then unlink).
// InvalidArgument when `to` exists; Internal on other failures.
Status MoveToNewName(const std::string& from, const std::string& to);

// Removes an SQLite database file with its -wal and -shm companions.
void RemoveDatabaseFiles(const std::string& path);

}  // namespace brickyard::server
