#include "server/file_util.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace brickyard::server {

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return InvalidArgument("cannot read " + path);
  return s.str();
}

Status MoveToNewName(const std::string& from, const std::string& to) {
  std::error_code ec;
  if (std::filesystem::exists(to, ec)) return InvalidArgument(to + " already exists");
  std::filesystem::create_hard_link(from, to, ec);
  if (ec) {
    if (ec == std::errc::file_exists) return InvalidArgument(to + " already exists");
    return Internal("cannot create " + to + ": " + ec.message());
  }
  std::filesystem::remove(from, ec);
  return Status::Ok();
}

Status WriteNewFile(const std::string& path, std::string_view data) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return InvalidArgument(path + " already exists");
  const std::string tmp = path + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return Internal("cannot write " + tmp);
    }
  }
  Status st = MoveToNewName(tmp, path);
  if (!st.ok()) std::remove(tmp.c_str());
  return st;
}

void RemoveDatabaseFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::remove((path + suffix).c_str());
  }
}

}  // namespace brickyard::server
