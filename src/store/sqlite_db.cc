#include "store/sqlite_db.h"

#include <utility>

namespace brickyard::store {

// ---- Statement ----

Statement::Statement(Db* db, sqlite3_stmt* stmt, bool* in_use, const char* what)
    : db_(db), stmt_(stmt), in_use_(in_use), what_(what) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      what_(other.what_),
      bind_error_(std::move(other.bind_error_)) {}

Statement::~Statement() {
  if (stmt_ != nullptr) db_->Release(stmt_, in_use_);
}

Statement& Statement::BindInt(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = db_->Error(what_, rc);
  return *this;
}

Statement& Statement::BindReal(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = db_->Error(what_, rc);
  return *this;
}

Statement& Statement::BindText(int index, std::string_view value) {
  int rc =
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = db_->Error(what_, rc);
  return *this;
}

Statement& Statement::BindTextOrNull(int index, std::string_view value) {
  if (!value.empty()) return BindText(index, value);
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = db_->Error(what_, rc);
  return *this;
}

Result<bool> Statement::Step() {
  if (!bind_error_.ok()) return bind_error_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Error(what_, rc);
}

Status Statement::Run() {
  while (true) {
    BY_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (p == nullptr) return {};
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

// ---- Db ----

namespace {

// Runs a pragma that answers with one text value and returns it.
Result<std::string> PragmaValue(Db& db, const char* sql) {
  BY_ASSIGN_OR_RETURN(Statement q, db.Prepare("pragma", sql));
  BY_ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Text(0) : std::string();
}

}  // namespace

Status Db::Classify(std::string text, int rc) {
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Conflict(std::move(text));
  }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
    text += " (the transaction leaves a reference to a missing object)";
  }
  return Internal(std::move(text));
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, bool read_only, int busy_timeout_ms) {
  int flags = SQLITE_OPEN_NOMUTEX |
              (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close_v2(raw);
    return Internal("store: cannot open database '" + path + "': " + msg);
  }
  std::unique_ptr<Db> db(new Db(raw, path));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, busy_timeout_ms);

  // The first read of the file: a non-database file fails here. Page caches
  // (KiB) are per connection: the one writer gets a large one, the pooled
  // readers small ones, as the OS caches the file for all of them.
  Status st = db->Exec("configure", read_only ? "PRAGMA foreign_keys = ON;"
                                                "PRAGMA temp_store = MEMORY;"
                                                "PRAGMA cache_size = -1024;"
                                              : "PRAGMA foreign_keys = ON;"
                                                "PRAGMA temp_store = MEMORY;"
                                                "PRAGMA cache_size = -8192;");
  if (st.ok() && !read_only) {
    auto mode = PragmaValue(*db, "PRAGMA journal_mode = WAL");
    if (!mode.ok()) {
      st = mode.status();
    } else if (*mode != "wal") {
      st = Internal("store: configure: journal_mode is '" + *mode + "', not 'wal'");
    } else {
      st = db->Exec("configure", "PRAGMA synchronous = NORMAL;");
    }
  }
  if (st.ok() && read_only) {
    // A read-only open succeeds on any file; touch the schema to verify it.
    auto v = PragmaValue(*db, "PRAGMA schema_version");
    if (!v.ok()) st = v.status();
  }
  if (!st.ok()) {
    return Internal("store: cannot open database '" + path + "': " + st.message());
  }
  return db;
}

Db::~Db() {
  for (auto& [sql, entry] : cache_) sqlite3_finalize(entry->stmt);
  sqlite3_close_v2(db_);
}

Result<Statement> Db::Prepare(const char* what, std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second->in_use) {
    it->second->in_use = true;
    return Statement(this, it->second->stmt, &it->second->in_use, what);
  }
  sqlite3_stmt* stmt = nullptr;
  // A statement already borrowed by an enclosing query gets a private copy.
  bool cacheable = it == cache_.end();
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              cacheable ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error(what, rc);
  }
  if (!cacheable) return Statement(this, stmt, nullptr, what);
  auto entry = std::make_unique<CachedStatement>();
  entry->stmt = stmt;
  entry->in_use = true;
  bool* flag = &entry->in_use;
  cache_.emplace(std::string(sql), std::move(entry));
  return Statement(this, stmt, flag, what);
}

void Db::Release(sqlite3_stmt* stmt, bool* in_use) {
  full_scan_steps_ += sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
  if (in_use == nullptr) {
    sqlite3_finalize(stmt);
    return;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  *in_use = false;
}

Status Db::Exec(const char* what, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Classify(std::string("store: ") + what + ": " + msg, rc);
}

Status Db::Error(const char* what, int rc) const {
  return Classify(std::string("store: ") + what + ": " + sqlite3_errmsg(db_), rc);
}

}  // namespace brickyard::store
