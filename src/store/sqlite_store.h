// SqliteStore: the Store on one SQLite database file.
//
// Concurrency: one write connection behind a mutex serialises Updates, each a
// BEGIN IMMEDIATE transaction (which also waits, up to busy_timeout_ms, for a
// writer in another process). Views borrow one of up to `max_readers`
// read-only connections and run in a deferred read transaction, so in WAL
// mode they see one committed snapshot and neither block nor are blocked by
// the writer. Thread-safe; the store must outlive every View and Update.
//
// Transactions: Update commits when `fn` returns OK and rolls back otherwise.
// An exception thrown by `fn` (in View or Update) is caught, the transaction
// rolled back, and Internal("store: transaction aborted by exception: ...")
// returned. Calling Update from inside an Update on the same store returns
// Internal instead of deadlocking; nesting Views is allowed but each holds a
// connection.
//
// Query semantics beyond the Store contract are listed in sqlite_tx.h.
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>

#include "common/status.h"
#include "store/reader_pool.h"
#include "store/schema.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace brickyard::store {

class SqliteStore final : public Store {
 public:
  struct Options {
    // Open without writing: no migrations, and Update returns
    // Unavailable("store: the database is open read-only").
    bool read_only = false;
    // How long to wait for a lock held by another process.
    int busy_timeout_ms = 5000;
    // Views that can run at once; further Views wait for a free connection.
    int max_readers = 8;
  };

  // Opens (creating if needed, unless read-only) the database file at `path`
  // and brings its schema up to date. The parent directory must exist.
  // Errors: InvalidArgument for "" or ":memory:" (every connection would see
  // a different database); Internal("store: cannot open database '<path>':
  // ...") when the file cannot be opened or is not a database; the schema
  // errors of Migrate() (schema.h), including a version newer than this
  // build; for read-only, Internal when the schema is not exactly current.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, Options options);

  // As Open, with an explicit migration list instead of Migrations(). Lets
  // tests exercise upgrades to versions this build does not ship.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, Options options,
                                                   std::span<const Migration> migrations);

  ~SqliteStore() override;

  Status View(const std::function<Status(ReadTx&)>& fn) override;
  Status Update(const std::function<Status(WriteTx&)>& fn) override;

  // Copies a consistent snapshot into a new database file at `path`, using
  // SQLite's online backup from a read connection (writers keep going).
  // InvalidArgument if `path` exists and is not empty; Internal on failure
  // (a partial file may remain).
  Status Backup(const std::string& path) override;

  int SchemaVersion() const override { return schema_version_; }

 private:
  SqliteStore(const std::string& path, const Options& options, std::unique_ptr<Db> writer,
              int schema_version);

  std::mutex write_mu_;
  std::unique_ptr<Db> writer_;  // guarded by write_mu_; null when read-only
  // Declared after writer_ so readers close first and the writer, closing
  // last, checkpoints the WAL.
  ReaderPool readers_;
  const int schema_version_;
};

}  // namespace brickyard::store
