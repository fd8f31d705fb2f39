// The versioned SQLite schema and the machinery that upgrades it.
//
// The schema's history is an ordered list of migrations numbered 1, 2, 3, ...
// A database records every migration applied to it in the table
// `schema_version(version, applied_unix)`; its version is the highest row (0
// for a new, empty file). To change the schema, append one Migration to the
// list in schema.cc; never edit one that has shipped.
#pragma once

#include <span>
#include <vector>

#include "common/status.h"
#include "store/sqlite_db.h"

namespace brickyard::store {

struct Migration {
  int version;              // its position in the list, from 1
  const char* description;  // for error messages, e.g. "initial schema"
  const char* sql;          // one or more statements; runs inside a transaction
};

// The migrations this build knows, oldest first.
std::span<const Migration> Migrations();

// The version of `db`: 0 when it has no schema_version table.
Result<int> ReadSchemaVersion(Db& db);

// Brings `db` up to the last of `migrations`, applying each missing one in its
// own BEGIN IMMEDIATE transaction (so a failure leaves the previous version
// intact). Safe against another process migrating concurrently. Returns the
// resulting version. Errors:
//   Internal("database schema version N is newer than this build supports (M)")
//   Internal("store: migration N (<description>): <sqlite message>")
//   Internal("store: migrations must be numbered 1, 2, 3, ...") for a bad list.
Result<int> Migrate(Db& db, std::span<const Migration> migrations);

// For a read-only open, which cannot migrate: OK only when `found` equals
// `latest`, otherwise Internal naming both versions.
Status CheckSchemaVersion(int found, int latest);

}  // namespace brickyard::store
