#include "store/sqlite_db.h"

#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace brickyard::store {
namespace {

using test_util::Must;

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Db::Open(dir_.File("t.db"), /*read_only=*/false, 1000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->Exec("setup",
                          "CREATE TABLE t (x INTEGER PRIMARY KEY, name TEXT UNIQUE);"
                          "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');")
                    .ok());
  }

  std::string PragmaText(const char* sql) {
    auto q = db_->Prepare("pragma", sql);
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    if (!q.ok()) return "";
    EXPECT_TRUE(Must(q->Step()));
    return q->Text(0);
  }

  test_util::TempDir dir_;
  std::unique_ptr<Db> db_;
};

TEST_F(DbTest, WriteConnectionIsConfigured) {
  EXPECT_EQ(PragmaText("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(PragmaText("PRAGMA synchronous"), "1");  // NORMAL
  EXPECT_EQ(PragmaText("PRAGMA foreign_keys"), "1");
}

TEST_F(DbTest, ReadOnlyConnectionCannotWrite) {
  auto ro = Db::Open(dir_.File("t.db"), /*read_only=*/true, 1000);
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  Status st = (*ro)->Exec("write", "INSERT INTO t VALUES (4, 'd')");
  EXPECT_EQ(st.code(), Code::kInternal);
  EXPECT_EQ(st.message().rfind("store: write: attempt to write a readonly database", 0), 0u)
      << st.message();
}

TEST_F(DbTest, ReusedStatementStartsFresh) {
  {
    auto q = db_->Prepare("select", "SELECT ?");
    ASSERT_TRUE(q.ok());
    q->BindInt(1, 5);
    EXPECT_TRUE(Must(q->Step()));
    EXPECT_EQ(q->Int(0), 5);
  }
  auto q = db_->Prepare("select", "SELECT ?");
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(Must(q->Step()));  // no binding left over: NULL
  EXPECT_EQ(q->Int(0), 0);
  EXPECT_EQ(q->Text(0), "");
}

TEST_F(DbTest, SameSqlCanBeNested) {
  const char* sql = "SELECT x FROM t ORDER BY x";
  auto outer = db_->Prepare("outer", sql);
  ASSERT_TRUE(outer.ok());
  std::vector<int64_t> seen;
  while (Must(outer->Step())) {
    seen.push_back(outer->Int(0));
    auto inner = db_->Prepare("inner", sql);
    ASSERT_TRUE(inner.ok());
    EXPECT_TRUE(Must(inner->Step()));
    EXPECT_EQ(inner->Int(0), 1);
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3}));
}

TEST_F(DbTest, BindTextOrNullBindsNullForEmpty) {
  auto q = db_->Prepare("null", "SELECT ? IS NULL, ? IS NULL");
  ASSERT_TRUE(q.ok());
  q->BindTextOrNull(1, "").BindTextOrNull(2, "x");
  EXPECT_TRUE(Must(q->Step()));
  EXPECT_TRUE(q->Bool(0));
  EXPECT_FALSE(q->Bool(1));
}

TEST_F(DbTest, ErrorsCarryTheLabelAndUniqueViolationsAreConflicts) {
  auto bad = db_->Prepare("parse it", "SELEC 1");
  EXPECT_EQ(bad.status().code(), Code::kInternal);
  EXPECT_EQ(bad.status().message().rfind("store: parse it: ", 0), 0u) << bad.status().message();

  auto dup = db_->Prepare("insert row", "INSERT INTO t VALUES (9, 'a')");
  ASSERT_TRUE(dup.ok());
  Status st = dup->Run();
  EXPECT_EQ(st, Conflict("store: insert row: UNIQUE constraint failed: t.name"));

  EXPECT_EQ(db_->Exec("insert again", "INSERT INTO t VALUES (1, 'z')").code(), Code::kConflict);
}

TEST_F(DbTest, FullScanStepsCountScansButNotIndexLookups) {
  const int64_t start = db_->FullScanSteps();
  {
    auto q = db_->Prepare("lookup", "SELECT x FROM t WHERE name = 'b'");
    ASSERT_TRUE(q.ok());
    ASSERT_TRUE(q->Run().ok());
  }
  EXPECT_EQ(db_->FullScanSteps(), start);
  {
    auto q = db_->Prepare("scan", "SELECT x FROM t WHERE name LIKE '%b'");
    ASSERT_TRUE(q.ok());
    ASSERT_TRUE(q->Run().ok());
  }
  EXPECT_GT(db_->FullScanSteps(), start);
}

}  // namespace
}  // namespace brickyard::store
