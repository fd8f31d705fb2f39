// Concurrency and backup behaviour of SqliteStore.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "store/sqlite_store.h"
#include "store/store_test_util.h"

namespace brickyard::store {
namespace {

using test_util::Id;
using test_util::Must;

class SqliteStoreConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteStore::Options options;
    options.max_readers = 4;
    auto s = SqliteStore::Open(dir_.File("brickyard.db"), options);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    Status st = store_->Update([](WriteTx& tx) {
      BY_RETURN_IF_ERROR(tx.PutCluster(test_util::SampleCluster(Id(1))));
      BY_RETURN_IF_ERROR(tx.PutNode(test_util::SampleNode(Id(10), Id(1), "n10")));
      BY_RETURN_IF_ERROR(tx.PutDevice(Device(Id(100), 0)));
      return tx.PutDevice(Device(Id(101), 0));
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  static model::Device Device(const std::string& id, int64_t used) {
    model::Device d = test_util::SampleDevice(id, Id(10));
    d.used_kib = used;
    return d;
  }

  test_util::TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreConcurrencyTest, ViewsSeeEitherBeforeOrAfterAnUpdate) {
  constexpr int kUpdates = 200;
  std::atomic<bool> done{false};
  std::atomic<int> torn{0};
  std::atomic<int> views{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      int64_t last = 0;
      while (!done.load()) {
        Status st = store_->View([&](ReadTx& tx) -> Status {
          BY_ASSIGN_OR_RETURN(model::Device a, tx.GetDevice(Id(100)));
          std::this_thread::yield();
          BY_ASSIGN_OR_RETURN(model::Device b, tx.GetDevice(Id(101)));
          if (a.used_kib != b.used_kib || a.used_kib < last) ++torn;
          last = a.used_kib;
          return Status::Ok();
        });
        EXPECT_TRUE(st.ok()) << st.ToString();
        ++views;
      }
    });
  }
  for (int i = 1; i <= kUpdates; ++i) {
    Status st = store_->Update([&](WriteTx& tx) {
      BY_RETURN_IF_ERROR(tx.PutDevice(Device(Id(100), i)));
      std::this_thread::yield();
      return tx.PutDevice(Device(Id(101), i));
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_GT(views.load(), 0);
}

TEST_F(SqliteStoreConcurrencyTest, ViewsAreNotBlockedByAnOpenUpdate) {
  std::promise<void> writing;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::thread writer([&] {
    Status st = store_->Update([&](WriteTx& tx) {
      BY_RETURN_IF_ERROR(tx.PutDevice(Device(Id(100), 42)));
      writing.set_value();
      released.wait();
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
  });
  writing.get_future().wait();
  // Several Views complete while the write transaction is open, and see the
  // state before it.
  auto reader = std::async(std::launch::async, [&] {
    for (int i = 0; i < 8; ++i) {
      Status st = store_->View([](ReadTx& tx) {
        EXPECT_EQ(Must(tx.GetDevice(Id(100))).used_kib, 0);
        return Status::Ok();
      });
      EXPECT_TRUE(st.ok()) << st.ToString();
    }
  });
  bool finished = reader.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  release.set_value();
  writer.join();
  reader.wait();
  EXPECT_TRUE(finished) << "a View waited for the writer";
  Status st = store_->View([](ReadTx& tx) {
    EXPECT_EQ(Must(tx.GetDevice(Id(100))).used_kib, 42);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
}

TEST_F(SqliteStoreConcurrencyTest, ConcurrentUpdatesLoseNoWrites) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Status st = store_->Update([&](WriteTx& tx) -> Status {
          // Read-modify-write: lost unless Updates are serialised.
          BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(Id(100)));
          d.used_kib += 1;
          BY_RETURN_IF_ERROR(tx.PutDevice(d));
          return tx.PutJob(test_util::SampleJob(Id(1000 * (t + 1) + i)));
        });
        EXPECT_TRUE(st.ok()) << st.ToString();
        // Interleave reads from the same threads.
        st = store_->View([](ReadTx& tx) { return tx.GetDevice(Id(100)).status(); });
        EXPECT_TRUE(st.ok()) << st.ToString();
      }
    });
  }
  for (auto& t : threads) t.join();
  Status st = store_->View([](ReadTx& tx) {
    EXPECT_EQ(Must(tx.GetDevice(Id(100))).used_kib, kThreads * kPerThread);
    for (int t = 0; t < kThreads; ++t) {
      for (int i = 0; i < kPerThread; ++i) EXPECT_TRUE(tx.GetJob(Id(1000 * (t + 1) + i)).ok());
    }
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
}

TEST_F(SqliteStoreConcurrencyTest, MoreViewsThanConnectionsAllComplete) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        Status st = store_->View([](ReadTx& tx) {
          std::this_thread::sleep_for(std::chrono::microseconds(200));
          return tx.ListNodeIds(Id(1)).status();
        });
        if (st.ok()) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 16 * 20);
}

TEST_F(SqliteStoreConcurrencyTest, BackupIsAConsistentOpenableCopy) {
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 1; !done.load(); ++i) {
      Status st = store_->Update([&](WriteTx& tx) {
        BY_RETURN_IF_ERROR(tx.PutDevice(Device(Id(100), i)));
        return tx.PutDevice(Device(Id(101), i));
      });
      EXPECT_TRUE(st.ok()) << st.ToString();
    }
  });
  std::string copy = dir_.File("backup.db");
  Status st = store_->Backup(copy);
  done = true;
  writer.join();
  ASSERT_TRUE(st.ok()) << st.ToString();

  auto restored = SqliteStore::Open(copy, {});
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ((*restored)->SchemaVersion(), store_->SchemaVersion());
  st = (*restored)->View([](ReadTx& tx) {
    EXPECT_EQ(Must(tx.GetCluster(Id(1))).id, Id(1));
    EXPECT_EQ(Must(tx.FindNodeByHostname("n10.storage")), Id(10));
    EXPECT_EQ(Must(tx.GetDevice(Id(100))).used_kib, Must(tx.GetDevice(Id(101))).used_kib);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();

  // A non-empty target is refused rather than overwritten.
  EXPECT_EQ(store_->Backup(copy).code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace brickyard::store
