#include "cli/db_backup.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace brickyard::cli {

namespace {

// Every SQLite database file starts with these 16 bytes.
constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

}  // namespace

Status SaveBackup(std::string_view body, const std::string& path) {
  if (!body.starts_with(kSqliteMagic)) {
    return InvalidArgument("the server's answer is not an SQLite database");
  }
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return InvalidArgument(path + " already exists; choose a new file");
  }
  const std::string tmp = path + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return Internal("cannot write " + tmp);
    }
  }
  // link() fails rather than replace a file created meanwhile.
  std::filesystem::create_hard_link(tmp, path, ec);
  std::remove(tmp.c_str());
  if (ec) return Internal("cannot create " + path + ": " + ec.message());
  return Status::Ok();
}

}  // namespace brickyard::cli
