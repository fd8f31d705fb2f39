#include "store/sqlite_store.h"

#include <exception>
#include <filesystem>
#include <system_error>

#include "store/sqlite_tx.h"

namespace brickyard::store {
namespace {

// Runs one cached statement to completion (transaction control on hot paths).
Status RunSql(Db& db, const char* what, const char* sql) {
  BY_ASSIGN_OR_RETURN(Statement q, db.Prepare(what, sql));
  return q.Run();
}

// Calls fn(tx), turning an escaping exception into Internal.
template <typename Fn, typename Tx>
Status CallGuarded(const Fn& fn, Tx& tx) {
  try {
    return fn(tx);
  } catch (const std::exception& e) {
    return Internal(std::string("store: transaction aborted by exception: ") + e.what());
  } catch (...) {
    return Internal("store: transaction aborted by exception: unknown exception");
  }
}

bool IsInMemoryName(const std::string& path) {
  return path.empty() || path == ":memory:" || path.starts_with("file::memory:") ||
         path.find("mode=memory") != std::string::npos;
}

// The store whose Update is running on this thread, to refuse nesting.
thread_local const SqliteStore* t_updating = nullptr;

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, Options options) {
  return Open(path, options, Migrations());
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, Options options,
                                                       std::span<const Migration> migrations) {
  if (IsInMemoryName(path)) {
    return InvalidArgument(
        "store: an in-memory database cannot be shared between connections; give a file path");
  }
  const int latest = static_cast<int>(migrations.size());
  if (options.read_only) {
    BY_ASSIGN_OR_RETURN(std::unique_ptr<Db> probe,
                        Db::Open(path, /*read_only=*/true, options.busy_timeout_ms));
    BY_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(*probe));
    BY_RETURN_IF_ERROR(CheckSchemaVersion(version, latest));
    return std::unique_ptr<SqliteStore>(new SqliteStore(path, options, nullptr, version));
  }
  BY_ASSIGN_OR_RETURN(std::unique_ptr<Db> writer,
                      Db::Open(path, /*read_only=*/false, options.busy_timeout_ms));
  BY_ASSIGN_OR_RETURN(int version, Migrate(*writer, migrations));
  return std::unique_ptr<SqliteStore>(new SqliteStore(path, options, std::move(writer), version));
}

SqliteStore::SqliteStore(const std::string& path, const Options& options,
                         std::unique_ptr<Db> writer, int schema_version)
    : writer_(std::move(writer)),
      readers_(path, options.busy_timeout_ms, options.max_readers),
      schema_version_(schema_version) {}

SqliteStore::~SqliteStore() = default;

Status SqliteStore::View(const std::function<Status(ReadTx&)>& fn) {
  BY_ASSIGN_OR_RETURN(ReaderPool::Lease lease, readers_.Acquire());
  Db& db = lease.db();
  BY_RETURN_IF_ERROR(RunSql(db, "begin read", "BEGIN"));
  Status st;
  {
    SqliteTx tx(db);
    st = CallGuarded(fn, static_cast<ReadTx&>(tx));
  }
  Status end = RunSql(db, "end read", "COMMIT");
  if (!end.ok()) lease.Discard();
  return st.ok() ? end : st;
}

Status SqliteStore::Update(const std::function<Status(WriteTx&)>& fn) {
  if (writer_ == nullptr) return Unavailable("store: the database is open read-only");
  if (t_updating == this) return Internal("store: Update called inside an Update");
  std::lock_guard lock(write_mu_);
  t_updating = this;
  struct Reset {
    ~Reset() { t_updating = nullptr; }
  } reset;

  Db& db = *writer_;
  // A transaction left open by a failed ROLLBACK would block every Update.
  if (sqlite3_get_autocommit(db.raw()) == 0) (void)db.Exec("rollback", "ROLLBACK");
  BY_RETURN_IF_ERROR(RunSql(db, "begin write", "BEGIN IMMEDIATE"));
  Status st;
  {
    SqliteTx tx(db);
    st = CallGuarded(fn, static_cast<WriteTx&>(tx));
  }
  if (st.ok()) {
    st = RunSql(db, "commit", "COMMIT");
    if (st.ok()) return st;
  }
  (void)RunSql(db, "rollback", "ROLLBACK");
  return st;
}

Status SqliteStore::Backup(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) > 0) {
    return InvalidArgument("store: backup target '" + path + "' exists and is not empty");
  }
  BY_ASSIGN_OR_RETURN(ReaderPool::Lease lease, readers_.Acquire());
  sqlite3* dest = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &dest,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = dest != nullptr ? sqlite3_errmsg(dest) : sqlite3_errstr(rc);
    sqlite3_close_v2(dest);
    return Internal("store: backup: cannot open '" + path + "': " + msg);
  }
  Status st;
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", lease.db().raw(), "main");
  if (backup == nullptr) {
    st = Internal("store: backup to '" + path + "': " + sqlite3_errmsg(dest));
  } else {
    // One step copies every page under a single read snapshot.
    rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      st = Internal("store: backup to '" + path + "': " + sqlite3_errstr(rc));
    }
  }
  if (sqlite3_close_v2(dest) != SQLITE_OK && st.ok()) {
    st = Internal("store: backup to '" + path + "': cannot close the copy");
  }
  return st;
}

}  // namespace brickyard::store
