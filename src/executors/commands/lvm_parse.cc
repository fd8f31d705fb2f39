#include "executors/commands/lvm_parse.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "common/json_depth.h"
#include "executors/commands/validate.h"

namespace brickyard::executors::commands {
namespace {

using nlohmann::json;

std::string_view TrimWs(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

bool ToInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

Status Bad(std::string_view what, std::string_view out) {
  return Internal(std::string(what) + ": \"" + Printable(TrimWs(out)) + "\"");
}

}  // namespace

Result<std::vector<LvmRow>> ParseLvmReport(std::string_view text, std::string_view kind) {
  size_t brace = text.find('{');
  if (brace == text.npos) return Bad("LVM report is not JSON", text);
  if (JsonNestsDeeperThan(text)) return Bad("LVM report nests too deeply", text);
  json doc = json::parse(text.substr(brace), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return Bad("LVM report is not JSON", text);
  auto report = doc.find("report");
  if (report == doc.end() || !report->is_array()) return Bad("LVM report has no \"report\" array", text);
  std::vector<LvmRow> rows;
  const std::string key(kind);
  for (const auto& part : *report) {
    if (!part.is_object()) continue;
    auto list = part.find(key);
    if (list == part.end()) continue;
    if (!list->is_array()) return Bad("LVM report \"" + key + "\" is not an array", text);
    for (const auto& item : *list) {
      if (!item.is_object()) return Bad("LVM report row is not an object", text);
      LvmRow row;
      for (const auto& [k, v] : item.items()) row[k] = v.is_string() ? v.get<std::string>() : v.dump();
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

Result<std::string> ParsePvUuid(std::string_view text) {
  for (std::string_view kind : {"pv", "vg"}) {
    BY_ASSIGN_OR_RETURN(std::vector<LvmRow> rows, ParseLvmReport(text, kind));
    if (!rows.empty()) {
      auto it = rows.front().find("pv_uuid");
      if (it != rows.front().end() && !it->second.empty()) return it->second;
    }
  }
  return NotFound("LVM report names no physical volume");
}

Result<int64_t> ParseLvmSizeKib(std::string_view size) {
  std::string_view s = TrimWs(size);
  if (!s.empty() && s.front() == '<') s.remove_prefix(1);
  if (!s.empty() && (s.back() == 'k' || s.back() == 'K')) s.remove_suffix(1);
  std::string_view whole = s.substr(0, s.find('.'));
  std::string_view frac = s.find('.') == s.npos ? "" : s.substr(s.find('.') + 1);
  int64_t v = 0;
  if (!ToInt(whole, &v) || v < 0 || whole.front() == '+' ||
      !std::all_of(frac.begin(), frac.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Bad("LVM size is not a KiB value", size);
  }
  return v;
}

Result<DeviceInfo> ParseVgDisplay(std::string_view out) {
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == out.npos) end = out.size();
    std::string_view line = TrimWs(out.substr(start, end - start));
    start = end + 1;
    std::vector<std::string_view> f;
    size_t i = 0;
    while (true) {
      size_t c = line.find(':', i);
      f.push_back(line.substr(i, c == line.npos ? line.npos : c - i));
      if (c == line.npos) break;
      i = c + 1;
    }
    if (f.size() < 17) continue;
    int64_t pe = 0, total = 0, alloc = 0, avail = 0;
    if (!ToInt(f[12], &pe) || !ToInt(f[13], &total) || !ToInt(f[14], &alloc) ||
        !ToInt(f[15], &avail) || pe <= 0 || total < 0 || alloc < 0 || avail < 0) {
      return Bad("vgdisplay -c extent fields are not numbers", line);
    }
    constexpr int64_t kMax = INT64_MAX / (int64_t{1} << 32);
    if (total > kMax || alloc > kMax || avail > kMax || pe > (int64_t{1} << 32)) {
      return Bad("vgdisplay -c extent fields are out of range", line);
    }
    DeviceInfo info;
    info.extent_kib = pe;
    info.total_kib = total * pe;
    info.used_kib = alloc * pe;
    info.free_kib = avail * pe;
    return info;
  }
  return Bad("vgdisplay -c output has no line of 17 fields", out);
}

Result<int64_t> ParseThinCount(std::string_view out) {
  int64_t n = 0;
  std::string_view s = TrimWs(out);
  if (!ToInt(s, &n) || n < 0) return Bad("thin_count is not a number", out);
  return n;
}

Result<std::string> ParseLvPool(std::string_view out) {
  std::string pool(TrimWs(out));
  if (pool.empty()) return Bad("the LV is in no thin pool", out);
  if (!ValidateLvmName(pool, "thin pool").ok()) return Bad("pool_lv is not an LV name", out);
  return pool;
}

std::vector<std::string> ParseUdevSymlinks(std::string_view out, std::string_view device) {
  constexpr std::string_view kPvUuidLink = "/dev/disk/by-id/lvm-pv-uuid-";
  std::vector<std::string> paths = {std::string(device)};
  size_t i = 0;
  while (i < out.size()) {
    while (i < out.size() && (out[i] == ' ' || out[i] == '\n' || out[i] == '\t' || out[i] == '\r')) ++i;
    size_t j = i;
    while (j < out.size() && out[j] != ' ' && out[j] != '\n' && out[j] != '\t' && out[j] != '\r') ++j;
    if (j > i) {
      std::string path = "/dev/" + std::string(out.substr(i, j - i));
      bool keep = !path.starts_with(kPvUuidLink) && ValidateDevicePath(path).ok() &&
                  std::find(paths.begin(), paths.end(), path) == paths.end();
      if (keep) paths.push_back(std::move(path));
    }
    i = j;
  }
  return paths;
}

}  // namespace brickyard::executors::commands
