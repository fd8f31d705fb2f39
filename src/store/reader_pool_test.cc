#include "store/reader_pool.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "store/store_test_util.h"

namespace brickyard::store {
namespace {

class ReaderPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Db::Open(dir_.File("t.db"), /*read_only=*/false, 1000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    writer_ = std::move(db).value();
    ASSERT_TRUE(writer_->Exec("setup", "CREATE TABLE t (x)").ok());
  }
  test_util::TempDir dir_;
  std::unique_ptr<Db> writer_;
};

TEST_F(ReaderPoolTest, ReusesConnectionsAndWaitsAtTheLimit) {
  ReaderPool pool(dir_.File("t.db"), 1000, 2);
  Db* first = nullptr;
  {
    auto a = pool.Acquire();
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    first = &a->db();
  }
  auto a = pool.Acquire();
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(&a->db(), first);  // the idle connection is reused
  auto b = pool.Acquire();
  ASSERT_TRUE(b.ok());

  auto third = std::async(std::launch::async, [&] { return pool.Acquire().ok(); });
  EXPECT_EQ(third.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
  { auto done = std::move(*b); }
  EXPECT_EQ(third.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_TRUE(third.get());
}

TEST_F(ReaderPoolTest, DiscardFreesTheSlot) {
  ReaderPool pool(dir_.File("t.db"), 1000, 1);
  {
    auto a = pool.Acquire();
    ASSERT_TRUE(a.ok());
    a->Discard();
  }
  // With a limit of one, this would wait forever had the slot not been freed.
  auto b = std::async(std::launch::async, [&] { return pool.Acquire().ok(); });
  ASSERT_EQ(b.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_TRUE(b.get());
}

TEST(ReaderPoolOpenTest, OpenErrorIsReturnedAndFreesTheSlot) {
  test_util::TempDir dir;
  ReaderPool pool(dir.File("missing.db"), 1000, 1);
  auto a = pool.Acquire();
  EXPECT_EQ(a.status().code(), Code::kInternal);
  auto b = pool.Acquire();  // does not wait: the failed open gave its slot back
  EXPECT_EQ(b.status().code(), Code::kInternal);
}

}  // namespace
}  // namespace brickyard::store
