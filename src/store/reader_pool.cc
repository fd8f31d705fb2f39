#include "store/reader_pool.h"

#include <utility>

namespace brickyard::store {

ReaderPool::ReaderPool(std::string path, int busy_timeout_ms, int max_open)
    : path_(std::move(path)),
      busy_timeout_ms_(busy_timeout_ms),
      max_open_(max_open < 1 ? 1 : max_open) {}

ReaderPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), db_(std::move(other.db_)), discard_(other.discard_) {}

ReaderPool::Lease::~Lease() {
  if (db_ != nullptr) pool_->Release(std::move(db_), discard_);
}

Result<ReaderPool::Lease> ReaderPool::Acquire() {
  {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_open_; });
    if (!idle_.empty()) {
      std::unique_ptr<Db> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
    ++open_;  // reserve a slot, then open without holding the lock
  }
  auto db = Db::Open(path_, /*read_only=*/true, busy_timeout_ms_);
  if (!db.ok()) {
    std::lock_guard lock(mu_);
    --open_;
    cv_.notify_one();
    return db.status();
  }
  return Lease(this, std::move(db).value());
}

void ReaderPool::Release(std::unique_ptr<Db> db, bool discard) {
  if (discard) db.reset();  // close outside the lock
  std::lock_guard lock(mu_);
  if (discard) {
    --open_;
  } else {
    idle_.push_back(std::move(db));
  }
  cv_.notify_one();
}

}  // namespace brickyard::store
