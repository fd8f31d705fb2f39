#include "cli/db_backup.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace brickyard::cli {
namespace {

class SaveBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "by-backup-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::string dir_;
};

const std::string kDatabase = std::string("SQLite format 3\0rest of the pages", 33);

TEST_F(SaveBackupTest, WritesTheBodyExactly) {
  const std::string path = dir_ + "/b.db";
  ASSERT_TRUE(SaveBackup(kDatabase, path).ok());
  EXPECT_EQ(Read(path), kDatabase);
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
}

TEST_F(SaveBackupTest, RefusesAnExistingFile) {
  const std::string path = dir_ + "/b.db";
  std::ofstream(path) << "keep";
  EXPECT_EQ(SaveBackup(kDatabase, path).code(), Code::kInvalidArgument);
  EXPECT_EQ(Read(path), "keep");
}

TEST_F(SaveBackupTest, RefusesABodyThatIsNotADatabase) {
  const std::string path = dir_ + "/b.db";
  EXPECT_EQ(SaveBackup("Id not found", path).code(), Code::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(SaveBackupTest, ReportsAnUnwritableDirectory) {
  EXPECT_EQ(SaveBackup(kDatabase, dir_ + "/missing/b.db").code(), Code::kInternal);
}

}  // namespace
}  // namespace brickyard::cli
