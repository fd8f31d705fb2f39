#include "server/db_restore.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "server/file_util.h"
#include "server/test_dir.h"
#include "store/sqlite_store.h"

namespace brickyard::server {
namespace {

model::Cluster Cluster(const std::string& id) {
  model::Cluster c;
  c.id = id;
  return c;
}

const std::string kA(32, 'a');
const std::string kB(32, 'b');

// A store at `path` holding one cluster `id`.
void MakeStore(const std::string& path, const std::string& id) {
  auto st = store::SqliteStore::Open(path, {});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  ASSERT_TRUE((*st)->Update([&](store::WriteTx& tx) { return tx.PutCluster(Cluster(id)); }).ok());
}

std::vector<std::string> Clusters(const std::string& path) {
  std::vector<std::string> ids;
  auto st = store::SqliteStore::Open(path, {});
  EXPECT_TRUE(st.ok()) << st.status().ToString();
  if (!st.ok()) return ids;
  EXPECT_TRUE((*st)->View([&](store::ReadTx& tx) -> Status {
                     BY_ASSIGN_OR_RETURN(ids, tx.ListClusterIds());
                     return Status::Ok();
                   }).ok());
  return ids;
}

class DbRestoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MakeStore(db_, kA);
    MakeStore(dir_.File("source.db"), kB);
    auto source = store::SqliteStore::Open(dir_.File("source.db"), {});
    ASSERT_TRUE(source.ok());
    ASSERT_TRUE((*source)->Backup(backup_).ok());
  }

  TestDir dir_;
  const std::string db_ = dir_.File("live.db");
  const std::string backup_ = dir_.File("backup.db");
  std::ostringstream report_;
};

TEST_F(DbRestoreTest, ReplacesTheDatabaseAndKeepsThePreviousOne) {
  ASSERT_TRUE(RestoreDatabase(backup_, db_, report_).ok()) << report_.str();
  EXPECT_EQ(Clusters(db_), std::vector<std::string>{kB});
  EXPECT_EQ(Clusters(db_ + ".pre-restore"), std::vector<std::string>{kA});
  EXPECT_NE(report_.str().find("kept as " + db_ + ".pre-restore"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(db_ + ".restoring"));
}

TEST_F(DbRestoreTest, CreatesAMissingDatabase) {
  const std::string fresh = dir_.File("new.db");
  ASSERT_TRUE(RestoreDatabase(backup_, fresh, report_).ok());
  EXPECT_EQ(Clusters(fresh), std::vector<std::string>{kB});
  EXPECT_FALSE(std::filesystem::exists(fresh + ".pre-restore"));
}

TEST_F(DbRestoreTest, RefusesWhileTheDatabaseIsOpen) {
  auto live = store::SqliteStore::Open(db_, {});
  ASSERT_TRUE(live.ok());
  ASSERT_TRUE((*live)->View([](store::ReadTx& tx) { return tx.ListClusterIds().status(); }).ok());
  Status st = RestoreDatabase(backup_, db_, report_);
  EXPECT_EQ(st.code(), Code::kUnavailable) << st.ToString();
  live->reset();
  EXPECT_EQ(Clusters(db_), std::vector<std::string>{kA});
}

TEST_F(DbRestoreTest, RefusesADamagedOrForeignBackup) {
  const std::string junk = dir_.File("junk.db");
  ASSERT_TRUE(WriteNewFile(junk, std::string(4096, 'x')).ok());
  EXPECT_EQ(RestoreDatabase(junk, db_, report_).code(), Code::kInvalidArgument);

  const std::string truncated = dir_.File("truncated.db");
  std::string bytes = *ReadWholeFile(backup_);
  ASSERT_TRUE(WriteNewFile(truncated, bytes.substr(0, bytes.size() / 2)).ok());
  EXPECT_EQ(RestoreDatabase(truncated, db_, report_).code(), Code::kInvalidArgument);

  const std::string foreign = dir_.File("foreign.db");
  {
    auto db = store::Db::Open(foreign, false, 100);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("make", "CREATE TABLE t (x)").ok());
  }
  Status st = RestoreDatabase(foreign, db_, report_);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("not a Brickyard database"), std::string::npos) << st.message();

  EXPECT_EQ(RestoreDatabase(dir_.File("none.db"), db_, report_).code(), Code::kInvalidArgument);
  EXPECT_EQ(Clusters(db_), std::vector<std::string>{kA});
}

TEST_F(DbRestoreTest, RefusesABackupFromANewerBuild) {
  {
    auto db = store::Db::Open(backup_, false, 100);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("bump", "INSERT INTO schema_version VALUES (999, 0)").ok());
  }
  Status st = RestoreDatabase(backup_, db_, report_);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("newer than this build"), std::string::npos) << st.message();
  EXPECT_EQ(Clusters(db_), std::vector<std::string>{kA});
}

}  // namespace
}  // namespace brickyard::server
