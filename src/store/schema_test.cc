#include "store/schema.h"

#include <gtest/gtest.h>

#include <vector>

#include "store/sqlite_store.h"
#include "store/store_test_util.h"

namespace brickyard::store {
namespace {

using test_util::Id;
using test_util::Must;

std::unique_ptr<Db> OpenDb(const std::string& path) {
  auto db = Db::Open(path, /*read_only=*/false, 1000);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

int64_t CountRows(Db& db, const char* sql) {
  auto q = db.Prepare("count", sql);
  EXPECT_TRUE(q.ok()) << q.status().ToString();
  if (!q.ok()) return -1;
  EXPECT_TRUE(Must(q->Step()));
  return q->Int(0);
}

const int kLatest = static_cast<int>(Migrations().size());

std::string Newer(int found, int latest) {
  return "database schema version " + std::to_string(found) +
         " is newer than this build supports (" + std::to_string(latest) + ")";
}

// Built-in migrations followed by `extra`, renumbered after them.
std::vector<Migration> WithExtra(std::vector<Migration> extra) {
  std::vector<Migration> all(Migrations().begin(), Migrations().end());
  for (Migration m : extra) {
    m.version = static_cast<int>(all.size()) + 1;
    all.push_back(m);
  }
  return all;
}

TEST(SchemaTest, FreshDatabaseIsMigratedToTheLatestVersion) {
  test_util::TempDir dir;
  auto db = OpenDb(dir.File("a.db"));
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Must(ReadSchemaVersion(*db)), 0);
  const int latest = static_cast<int>(Migrations().size());
  EXPECT_EQ(Must(Migrate(*db, Migrations())), latest);
  EXPECT_EQ(Must(ReadSchemaVersion(*db)), latest);
  for (const char* table : {"clusters", "nodes", "node_hostnames", "devices", "bricks", "volumes",
                            "pending_ops", "op_changes", "op_steps", "jobs"}) {
    auto q =
        db->Prepare("t", "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    ASSERT_TRUE(q.ok());
    q->BindText(1, table);
    EXPECT_TRUE(Must(q->Step()));
    EXPECT_EQ(q->Int(0), 1) << table;
  }
}

TEST(SchemaTest, MigratingACurrentDatabaseChangesNothing) {
  test_util::TempDir dir;
  auto db = OpenDb(dir.File("a.db"));
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(Migrate(*db, Migrations()).ok());
  EXPECT_EQ(Must(Migrate(*db, Migrations())), static_cast<int>(Migrations().size()));
  EXPECT_EQ(CountRows(*db, "SELECT count(*) FROM schema_version"),
            static_cast<int64_t>(Migrations().size()));
}

TEST(SchemaTest, UpgradesAnExistingDatabaseAndKeepsItsData) {
  test_util::TempDir dir;
  const std::string path = dir.File("a.db");
  {
    auto s = SqliteStore::Open(path, {});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ((*s)->SchemaVersion(), kLatest);
    Status st = (*s)->Update(
        [](WriteTx& tx) { return tx.PutCluster(test_util::SampleCluster(Id(1), "gold")); });
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  auto next = WithExtra({{0, "cluster notes",
                          "ALTER TABLE clusters ADD COLUMN note TEXT NOT NULL DEFAULT '';"
                          "CREATE INDEX clusters_by_note ON clusters(note);"}});
  auto s = SqliteStore::Open(path, {}, next);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->SchemaVersion(), kLatest + 1);
  Status st = (*s)->View([](ReadTx& tx) {
    EXPECT_EQ(Must(tx.FindClusterByName("gold")).id, Id(1));
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  s.value().reset();

  auto db = OpenDb(path);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(CountRows(*db, "SELECT count(*) FROM clusters WHERE note = ''"), 1);
  EXPECT_EQ(CountRows(*db, "SELECT count(*) FROM schema_version"), kLatest + 1);
}

TEST(SchemaTest, RefusesADatabaseNewerThanTheBuild) {
  test_util::TempDir dir;
  const std::string path = dir.File("a.db");
  auto next = WithExtra({{0, "noop", "CREATE TABLE later (x INTEGER);"}});
  ASSERT_TRUE(SqliteStore::Open(path, {}, next).ok());

  auto r = SqliteStore::Open(path, {});
  EXPECT_EQ(r.status(), Internal(Newer(kLatest + 1, kLatest)));
  SqliteStore::Options ro;
  ro.read_only = true;
  r = SqliteStore::Open(path, ro);
  EXPECT_EQ(r.status(), Internal(Newer(kLatest + 1, kLatest)));
}

TEST(SchemaTest, ReadOnlyOpenNeedsTheCurrentVersion) {
  test_util::TempDir dir;
  const std::string path = dir.File("a.db");
  ASSERT_TRUE(SqliteStore::Open(path, {}).ok());
  SqliteStore::Options ro;
  ro.read_only = true;
  auto next = WithExtra({{0, "noop", "CREATE TABLE later (x INTEGER);"}});
  auto r = SqliteStore::Open(path, ro, next);
  EXPECT_EQ(r.status(), Internal("database schema version " + std::to_string(kLatest) +
                                 " is older than this build (" + std::to_string(kLatest + 1) +
                                 "); open it read-write once to upgrade it"));
  EXPECT_TRUE(SqliteStore::Open(path, ro).ok());
}

TEST(SchemaTest, AFailedMigrationIsRolledBackWhole) {
  test_util::TempDir dir;
  const std::string path = dir.File("a.db");
  ASSERT_TRUE(SqliteStore::Open(path, {}).ok());
  auto next = WithExtra({{0, "broken", "CREATE TABLE half (x INTEGER); SELECT * FROM nowhere;"}});
  auto r = SqliteStore::Open(path, {}, next);
  EXPECT_EQ(r.status().code(), Code::kInternal);
  const std::string want =
      "store: migration " + std::to_string(kLatest + 1) + " (broken): no such table";
  EXPECT_EQ(r.status().message().rfind(want, 0), 0u) << r.status().message();

  auto db = OpenDb(path);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Must(ReadSchemaVersion(*db)), kLatest);
  EXPECT_EQ(CountRows(*db, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"), 0);
}

// Puts two clusters with 3 and 1 volumes through raw SQL valid at version 1.
void PutVersion1Volumes(Db& db) {
  Status st = db.Exec("seed",
                      "INSERT INTO clusters VALUES ('c1', NULL, 1, 1), ('c2', NULL, 1, 1);"
                      "INSERT INTO volumes VALUES"
                      " ('v1','c1','a',1,'none',0,0,0,1,'[]',0,0,1.0,0,0,'',NULL),"
                      " ('v2','c1','b',1,'none',0,0,0,2,'[]',0,0,1.0,0,0,'',NULL),"
                      " ('v3','c1','c',1,'none',0,0,0,3,'[]',0,0,1.0,0,0,'',NULL),"
                      " ('v4','c2','d',1,'none',0,0,0,4,'[]',0,0,1.0,0,0,'',NULL);");
  ASSERT_TRUE(st.ok()) << st.ToString();
}

void ExpectCounts(const std::string& path, int64_t c1, int64_t c2) {
  auto s = SqliteStore::Open(path, {});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->SchemaVersion(), kLatest);
  Status st = (*s)->Update([&](WriteTx& tx) {
    EXPECT_EQ(Must(tx.CountClusterVolumes("c1")), c1);
    EXPECT_EQ(Must(tx.CountClusterVolumes("c2")), c2);
    // The triggers are in place after the upgrade.
    BY_RETURN_IF_ERROR(tx.DeleteVolume("v1"));
    EXPECT_EQ(Must(tx.CountClusterVolumes("c1")), c1 - 1);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
}

TEST(SchemaTest, Version2CountsTheVolumesOfAVersion1Database) {
  test_util::TempDir dir;
  const std::string path = dir.File("a.db");
  {
    auto db = OpenDb(path);
    ASSERT_NE(db, nullptr);
    ASSERT_EQ(Must(Migrate(*db, Migrations().first(1))), 1);
    PutVersion1Volumes(*db);
  }
  ExpectCounts(path, 3, 1);
}

TEST(SchemaTest, Version2IsSafeOnAVersion1DatabaseThatAlreadyHasItsObjects) {
  test_util::TempDir dir;
  const std::string path = dir.File("a.db");
  {
    auto db = OpenDb(path);
    ASSERT_NE(db, nullptr);
    ASSERT_EQ(Must(Migrate(*db, Migrations().first(1))), 1);
    // Some development databases got version 2's objects as part of version 1.
    ASSERT_TRUE(db->Exec("dev schema", Migrations()[1].sql).ok());
    PutVersion1Volumes(*db);
  }
  ExpectCounts(path, 3, 1);
}

TEST(SchemaTest, MigrationsMustBeNumberedInOrder) {
  test_util::TempDir dir;
  auto db = OpenDb(dir.File("a.db"));
  ASSERT_NE(db, nullptr);
  const Migration bad[] = {{1, "one", "CREATE TABLE a (x);"}, {3, "three", "CREATE TABLE b (x);"}};
  EXPECT_EQ(Migrate(*db, bad).status(),
            Internal("store: migrations must be numbered 1, 2, 3, ..."));
  EXPECT_EQ(Must(ReadSchemaVersion(*db)), 0);
}

TEST(SchemaTest, BuiltInMigrationsAreNumberedInOrder) {
  int expected = 1;
  for (const Migration& m : Migrations()) EXPECT_EQ(m.version, expected++);
}

TEST(SchemaTest, CheckSchemaVersion) {
  EXPECT_TRUE(CheckSchemaVersion(3, 3).ok());
  EXPECT_EQ(CheckSchemaVersion(4, 3),
            Internal("database schema version 4 is newer than this build supports (3)"));
  EXPECT_EQ(CheckSchemaVersion(0, 3).code(), Code::kInternal);
}

}  // namespace
}  // namespace brickyard::store
