// ReaderPool: a bounded set of read-only connections to one database file,
// opened lazily and reused, so Views run concurrently with each other and
// with the writer (SQLite WAL mode). Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "store/sqlite_db.h"

namespace brickyard::store {

class ReaderPool {
 public:
  // `max_open` >= 1 connections at most; none is opened until needed.
  ReaderPool(std::string path, int busy_timeout_ms, int max_open);
  ReaderPool(const ReaderPool&) = delete;
  ReaderPool& operator=(const ReaderPool&) = delete;

  // A connection on loan to one thread; returned to the pool on destruction.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Db& db() { return *db_; }
    // Closes the connection instead of returning it (after an error that may
    // have left it mid-transaction).
    void Discard() { discard_ = true; }

   private:
    friend class ReaderPool;
    Lease(ReaderPool* pool, std::unique_ptr<Db> db) : pool_(pool), db_(std::move(db)) {}
    ReaderPool* pool_;
    std::unique_ptr<Db> db_;
    bool discard_ = false;
  };

  // Lends an idle connection, opens a new one while fewer than `max_open`
  // exist, or waits for one to come back. Returns the open error (Internal
  // naming the path) when a new connection cannot be opened.
  Result<Lease> Acquire();

 private:
  void Release(std::unique_ptr<Db> db, bool discard);

  const std::string path_;
  const int busy_timeout_ms_;
  const int max_open_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Db>> idle_;  // guarded by mu_
  int open_ = 0;                           // guarded by mu_; idle + on loan + opening
};

}  // namespace brickyard::store
