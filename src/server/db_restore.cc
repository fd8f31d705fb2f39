#include "server/db_restore.h"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "server/file_util.h"
#include "store/schema.h"
#include "store/sqlite_db.h"

namespace brickyard::server {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using RawDb = std::unique_ptr<sqlite3, CloseDb>;

Result<RawDb> OpenRaw(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  RawDb owned(db);
  if (rc != SQLITE_OK) {
    return Internal("cannot open " + path + ": " +
                    (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
  return owned;
}

// Copies the whole database `src` into a new file `dest`.
Status CopyDatabase(sqlite3* src, const std::string& dest) {
  BY_ASSIGN_OR_RETURN(RawDb out,
                      OpenRaw(dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  sqlite3_backup* b = sqlite3_backup_init(out.get(), "main", src, "main");
  if (b == nullptr) return Internal("cannot copy to " + dest + ": " + sqlite3_errmsg(out.get()));
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return Internal("cannot copy to " + dest + ": " + sqlite3_errstr(rc));
  return Status::Ok();
}

// Checks the backup and returns its schema version.
Result<int> CheckBackup(const std::string& from) {
  auto db = store::Db::Open(from, /*read_only=*/true, 1000);
  if (!db.ok()) return InvalidArgument(from + " is not an SQLite database");
  auto q = (*db)->Prepare("integrity check", "PRAGMA integrity_check");
  if (!q.ok()) return InvalidArgument(from + " is not an SQLite database: " + q.status().message());
  auto row = q->Step();
  if (!row.ok() || !*row || q->Text(0) != "ok") {
    return InvalidArgument(from + " fails SQLite's integrity check" +
                           (row.ok() && *row ? ": " + q->Text(0) : std::string()));
  }
  auto version = store::ReadSchemaVersion(**db);
  if (!version.ok()) return InvalidArgument(from + ": " + version.status().message());
  const int latest = static_cast<int>(store::Migrations().size());
  if (*version == 0) return InvalidArgument(from + " is not a Brickyard database");
  if (*version > latest) {
    return InvalidArgument(from + " has schema version " + std::to_string(*version) +
                           ", newer than this build supports (" + std::to_string(latest) + ")");
  }
  return *version;
}

// Opens the current store with an exclusive lock, which SQLite grants only
// when no other connection has it open.
Result<RawDb> LockCurrent(const std::string& db_path) {
  BY_ASSIGN_OR_RETURN(RawDb db, OpenRaw(db_path, SQLITE_OPEN_READWRITE));
  sqlite3_busy_timeout(db.get(), 0);
  int rc = sqlite3_exec(db.get(),
                        "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; "
                        "SELECT count(*) FROM sqlite_master; COMMIT;",
                        nullptr, nullptr, nullptr);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    return Unavailable(db_path + " is in use (is the server running?); stop it first");
  }
  if (rc != SQLITE_OK) {
    return Internal("cannot lock " + db_path + ": " + sqlite3_errmsg(db.get()));
  }
  return db;
}

}  // namespace

Status RestoreDatabase(const std::string& from, const std::string& db_path, std::ostream& report) {
  std::error_code ec;
  if (!std::filesystem::exists(from, ec)) return InvalidArgument(from + " does not exist");
  BY_ASSIGN_OR_RETURN(int version, CheckBackup(from));

  const std::string tmp = db_path + ".restoring";
  RemoveDatabaseFiles(tmp);
  Status st;
  {
    auto src = OpenRaw(from, SQLITE_OPEN_READONLY);
    st = src.ok() ? CopyDatabase(src->get(), tmp) : src.status();
  }
  if (!st.ok()) {
    RemoveDatabaseFiles(tmp);
    return st;
  }

  const bool replacing = std::filesystem::exists(db_path, ec);
  const std::string kept = db_path + ".pre-restore";
  if (replacing) {
    auto current = LockCurrent(db_path);
    if (current.ok()) {
      RemoveDatabaseFiles(kept);
      st = CopyDatabase(current->get(), kept);
      current->reset();  // last connection: SQLite folds and removes its WAL
    } else {
      st = current.status();
    }
    if (st.ok() && std::filesystem::exists(db_path + "-wal", ec)) {
      st = Unavailable(db_path + " is in use (its write-ahead log is open); stop the server first");
    }
  }
  if (st.ok() && std::rename(tmp.c_str(), db_path.c_str()) != 0) {
    st = Internal("cannot move " + tmp + " to " + db_path);
  }
  if (!st.ok()) {
    RemoveDatabaseFiles(tmp);
    return st;
  }
  std::remove((db_path + "-shm").c_str());
  report << "Restored " << db_path << " from " << from << " (schema version " << version
         << ")";
  if (replacing) report << "; the previous database is kept as " << kept;
  report << "\n";
  return Status::Ok();
}

}  // namespace brickyard::server
