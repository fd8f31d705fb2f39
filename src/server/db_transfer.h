// `brickyard db import` and `brickyard db export`: moving a database between
// Heketi's JSON export format (spec heketi-api Appendix A) and a Brickyard
// store, offline.
#pragma once

#include <ostream>
#include <string>

#include "common/status.h"

namespace brickyard::server {

// Imports the export in `json_path` into a new store at `db_path`. Prints a
// report to `report`: the entries of each kind, warnings, errors. The whole
// export is validated first (ops/dump_import.h); on any error nothing is
// written. The new store gets a fresh DB_GENERATION_ID and must pass the
// consistency check (GET /db/check) before it is moved into place.
// Errors: InvalidArgument when `db_path` exists, the file cannot be read,
// the JSON is malformed or the export is invalid; store errors otherwise.
Status ImportDatabase(const std::string& json_path, const std::string& db_path,
                      std::ostream& report);

// Writes the store at `db_path` (opened read-only) in the export format to
// `json_path`, or to `data` when `json_path` is "-". Prints the entries of
// each kind to `report`. Errors: InvalidArgument when `json_path` exists or
// `db_path` does not; store errors (e.g. a schema older than this build's,
// which needs one read-write open first).
Status ExportDatabase(const std::string& db_path, const std::string& json_path, std::ostream& data,
                      std::ostream& report);

}  // namespace brickyard::server
