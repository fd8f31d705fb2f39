#include "executors/commands/inspect_parse.h"

#include <charconv>

#include "executors/commands/gluster_parse.h"
#include "executors/commands/lvm_parse.h"
#include "executors/commands/validate.h"
#include "executors/commands/xml.h"

namespace brickyard::executors::commands {
namespace {

std::string_view TrimWs(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

std::string Field(const LvmRow& row, const std::string& key) {
  auto it = row.find(key);
  return it == row.end() ? "" : it->second;
}

// A size field; "" (not applicable) reads as 0.
Result<int64_t> SizeField(const LvmRow& row, const std::string& key) {
  std::string v = Field(row, key);
  if (TrimWs(v).empty()) return int64_t{0};
  return ParseLvmSizeKib(v);
}

// Decodes the \NNN octal escapes of /proc/mounts and fstab fields.
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size()) {
      std::string_view oct = s.substr(i + 1, 3);
      bool digits = oct.size() == 3;
      for (char c : oct) digits = digits && c >= '0' && c <= '7';
      if (digits) {
        out += static_cast<char>((oct[0] - '0') * 64 + (oct[1] - '0') * 8 + (oct[2] - '0'));
        i += 3;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

// Calls fn(line) for each trimmed, non-empty line.
template <typename Fn>
Status EachLine(std::string_view text, Fn fn) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == text.npos) end = text.size();
    std::string_view line = TrimWs(text.substr(start, end - start));
    start = end + 1;
    if (!line.empty()) BY_RETURN_IF_ERROR(fn(line));
  }
  return Status::Ok();
}

bool Below(std::string_view path, std::string_view root) {
  return path.size() > root.size() + 1 && path.substr(0, root.size()) == root &&
         path[root.size()] == '/';
}

}  // namespace

Result<std::vector<NodeLv>> ParseBrickLvs(std::string_view json) {
  BY_ASSIGN_OR_RETURN(std::vector<LvmRow> rows, ParseLvmReport(json, "lv"));
  std::vector<NodeLv> out;
  for (const LvmRow& row : rows) {
    NodeLv lv;
    lv.vg = Field(row, "vg_name");
    if (!lv.vg.starts_with("vg_")) continue;
    lv.name = Field(row, "lv_name");
    if (lv.name.empty()) return Internal("lvs row without lv_name in VG " + Printable(lv.vg));
    lv.pool = Field(row, "pool_lv");
    lv.thin_pool = Field(row, "lv_attr").starts_with("t");
    BY_ASSIGN_OR_RETURN(lv.size_kib, SizeField(row, "lv_size"));
    BY_ASSIGN_OR_RETURN(lv.metadata_kib, SizeField(row, "lv_metadata_size"));
    out.push_back(std::move(lv));
  }
  return out;
}

Result<std::vector<MountEntry>> ParseMountTable(std::string_view text, std::string_view root) {
  std::vector<MountEntry> out;
  BY_RETURN_IF_ERROR(EachLine(text, [&](std::string_view line) -> Status {
    if (line.front() == '#') return Status::Ok();
    std::vector<std::string_view> f = Words(line);
    if (f.size() < 4) {
      return Internal("mount table line has fewer than 4 fields: \"" + Printable(line) + "\"");
    }
    MountEntry e{Unescape(f[0]), Unescape(f[1]), Unescape(f[2]), Unescape(f[3])};
    if (Below(e.mount_point, root)) out.push_back(std::move(e));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<std::string>> ParseDirList(std::string_view text, std::string_view root) {
  std::vector<std::string> out;
  BY_RETURN_IF_ERROR(EachLine(text, [&](std::string_view line) -> Status {
    if (!Below(line, root)) {
      return Internal("directory listing line is not below " + std::string(root) + ": \"" +
                      Printable(line) + "\"");
    }
    out.emplace_back(line);
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<BrickProcess>> ParseVolumeStatusXml(std::string_view xml) {
  BY_RETURN_IF_ERROR(ParseCliStatusXml(xml));
  BY_ASSIGN_OR_RETURN(XmlElement root, ParseXml(xml));
  std::vector<BrickProcess> out;
  const XmlElement* volumes = root.Find({"volStatus", "volumes"});
  if (volumes == nullptr) return out;
  for (const XmlElement* v : volumes->Children("volume")) {
    for (const XmlElement* n : v->Children("node")) {
      BrickProcess b;
      b.host = n->ChildText("hostname");
      b.path = n->ChildText("path");
      if (!b.path.starts_with("/")) continue;  // self-heal daemon, NFS, ...
      std::string status = n->ChildText("status");
      if (status != "0" && status != "1") {
        return Internal("volume status: brick " + Printable(b.host + ":" + b.path) +
                        " has status \"" + Printable(status) + "\"");
      }
      b.online = status == "1";
      std::string pid = n->ChildText("pid");
      int64_t p = -1;
      auto [end, ec] = std::from_chars(pid.data(), pid.data() + pid.size(), p);
      b.pid = (ec == std::errc() && end == pid.data() + pid.size() && p > 0) ? p : -1;
      out.push_back(std::move(b));
    }
  }
  return out;
}

}  // namespace brickyard::executors::commands
