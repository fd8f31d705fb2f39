#include "server/file_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server/test_dir.h"

namespace brickyard::server {
namespace {

TEST(FileUtilTest, WriteNewFileThenReadIt) {
  TestDir dir;
  const std::string path = dir.File("a.json");
  ASSERT_TRUE(WriteNewFile(path, "{}\n").ok());
  EXPECT_EQ(*ReadWholeFile(path), "{}\n");
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
}

TEST(FileUtilTest, WriteNewFileNeverReplaces) {
  TestDir dir;
  const std::string path = dir.File("a.json");
  std::ofstream(path) << "old";
  EXPECT_EQ(WriteNewFile(path, "new").code(), Code::kInvalidArgument);
  EXPECT_EQ(*ReadWholeFile(path), "old");
}

TEST(FileUtilTest, MoveToNewNameRefusesAnExistingTarget) {
  TestDir dir;
  std::ofstream(dir.File("a")) << "a";
  std::ofstream(dir.File("b")) << "b";
  EXPECT_EQ(MoveToNewName(dir.File("a"), dir.File("b")).code(), Code::kInvalidArgument);
  EXPECT_EQ(*ReadWholeFile(dir.File("b")), "b");
  ASSERT_TRUE(MoveToNewName(dir.File("a"), dir.File("c")).ok());
  EXPECT_FALSE(std::filesystem::exists(dir.File("a")));
  EXPECT_EQ(*ReadWholeFile(dir.File("c")), "a");
}

TEST(FileUtilTest, ReadingAMissingFileIsAnError) {
  TestDir dir;
  EXPECT_EQ(ReadWholeFile(dir.File("none")).status().code(), Code::kInvalidArgument);
}

TEST(FileUtilTest, RemoveDatabaseFilesTakesTheCompanions) {
  TestDir dir;
  for (const char* f : {"d.db", "d.db-wal", "d.db-shm", "other"}) std::ofstream(dir.File(f)) << "x";
  RemoveDatabaseFiles(dir.File("d.db"));
  EXPECT_FALSE(std::filesystem::exists(dir.File("d.db")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("d.db-wal")));
  EXPECT_FALSE(std::filesystem::exists(dir.File("d.db-shm")));
  EXPECT_TRUE(std::filesystem::exists(dir.File("other")));
}

}  // namespace
}  // namespace brickyard::server
