// Db and Statement: a thin RAII layer over one SQLite connection.
//
// A Db owns one sqlite3 connection and a cache of prepared statements keyed by
// their SQL text, so a hot query is compiled once per connection. A Db is not
// thread-safe: one thread at a time (the store hands connections out under a
// lock). Every SQLite failure becomes a Status:
//   Conflict("store: <what>: <sqlite message>") for a UNIQUE or PRIMARY KEY
//     violation,
//   Internal("store: <what>: <sqlite message>") for anything else,
// where <what> is the label given to Prepare (e.g. "put volume").
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"

namespace brickyard::store {

class Db;

// A prepared statement borrowed from a Db's cache (or owned, when the cached
// one is already in use by an enclosing query). On destruction it is reset and
// its bindings cleared, ready for the next borrower. Must not outlive its Db.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite. A bind failure is reported by the
  // next Step/Run.
  Statement& BindInt(int index, int64_t value);
  Statement& BindReal(int index, double value);
  Statement& BindText(int index, std::string_view value);
  // Binds NULL for an empty string (used for optional references and names).
  Statement& BindTextOrNull(int index, std::string_view value);

  // Advances to the next row: true when a row is ready, false when done.
  Result<bool> Step();
  // Steps to completion, ignoring any rows.
  Status Run();

  // Columns are 0-based. NULL reads as 0 / 0.0 / "".
  int64_t Int(int column) const;
  double Real(int column) const;
  bool Bool(int column) const { return Int(column) != 0; }
  std::string Text(int column) const;

 private:
  friend class Db;
  Statement(Db* db, sqlite3_stmt* stmt, bool* in_use, const char* what);
  Status Check(int rc);

  Db* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;  // the cache slot's flag; nullptr when this object owns stmt_
  const char* what_;
  Status bind_error_;
};

class Db {
 public:
  // Opens `path`. Read-write opening creates the file if missing; read-only
  // opening requires it. Sets the busy timeout and, for read-write, WAL mode,
  // synchronous=NORMAL and foreign keys on. Returns Internal naming the path
  // when the file cannot be opened or is not a database.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool read_only,
                                          int busy_timeout_ms);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Returns the cached statement for `sql`, compiling it on first use.
  // `what` must be a string literal; it labels errors.
  Result<Statement> Prepare(const char* what, std::string_view sql);

  // Runs one or more statements that return no rows (migrations, pragmas,
  // transaction control). `what` labels errors and is not kept.
  Status Exec(const char* what, const char* sql);

  // Builds the Status for the connection's most recent error code.
  Status Error(const char* what, int rc) const;

  // Rows changed by the most recent INSERT, UPDATE or DELETE.
  int64_t Changes() const { return sqlite3_changes64(db_); }

  // Total full-table-scan steps taken by statements of this connection since
  // it opened; lets tests prove that a query used an index.
  int64_t FullScanSteps() const { return full_scan_steps_; }

  const std::string& path() const { return path_; }
  sqlite3* raw() { return db_; }

 private:
  friend class Statement;
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  // Conflict for UNIQUE/PRIMARY KEY violations, Internal otherwise.
  static Status Classify(std::string text, int rc);
  void Release(sqlite3_stmt* stmt, bool* in_use);

  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<CachedStatement>, StringHash, std::equal_to<>>
      cache_;
  int64_t full_scan_steps_ = 0;
};

}  // namespace brickyard::store
