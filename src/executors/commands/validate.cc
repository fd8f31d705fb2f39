#include "executors/commands/validate.h"

#include <arpa/inet.h>

#include <array>
#include <cstdio>

namespace brickyard::executors::commands {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool AllOf(std::string_view s, bool (*ok)(char)) {
  for (char c : s) {
    if (!ok(c)) return false;
  }
  return true;
}

std::string Quoted(std::string_view s) { return "\"" + Printable(s) + "\""; }

// Decodes one UTF-8 sequence at s[i]; returns its length or 0 when invalid.
// Rejects overlong forms, surrogates and code points above U+10FFFF.
size_t Utf8Length(std::string_view s, size_t i, uint32_t* cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
    v = (v << 6) | (b(i + k) & 0x3f);
  }
  static constexpr std::array<uint32_t, 5> kMin = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0;
  *cp = v;
  return n;
}

// Valid UTF-8 with no C0/C1 control character and no DEL. Counts code points.
bool IsCleanText(std::string_view s, size_t* runes) {
  size_t count = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t n = Utf8Length(s, i, &cp);
    if (n == 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return false;
    i += n;
    ++count;
  }
  if (runes) *runes = count;
  return true;
}

constexpr std::array<std::string_view, 13> kReservedVolumeNames = {
    "volume", "type", "subvolumes", "option", "end-volume", "all", "volume_not_in_ring",
    "description", "force", "snap-max-hard-limit", "snap-max-soft-limit", "auto-delete",
    "activate-on-create"};

}  // namespace

std::string Printable(std::string_view s) {
  constexpr size_t kMax = 80;
  std::string out;
  for (size_t i = 0; i < s.size() && i < kMax; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  if (s.size() > kMax) out += "...";
  return out;
}

Status ValidateVolumeName(std::string_view name) {
  if (name.empty()) return InvalidArgument("volume name must not be empty");
  if (name.size() > kMaxVolumeNameLen) {
    return InvalidArgument("volume name is longer than 256 characters");
  }
  if (!AllOf(name, [](char c) { return IsAlnum(c) || c == '_' || c == '-'; })) {
    return InvalidArgument("volume name " + Quoted(name) +
                           " may only contain letters, digits, '-' and '_'");
  }
  if (name[0] == '-') {
    return InvalidArgument("volume name " + Quoted(name) + " must not start with '-'");
  }
  for (auto reserved : kReservedVolumeNames) {
    if (name == reserved) {
      return InvalidArgument("\"" + std::string(name) + "\" cannot be the name of a volume");
    }
  }
  return Status::Ok();
}

bool IsIpv4(std::string_view s) {
  if (s.empty() || s.size() > 15) return false;
  std::string z(s);
  in_addr a{};
  return inet_pton(AF_INET, z.c_str(), &a) == 1;  // dotted quad; glibc rejects leading zeros
}

bool IsIpv6(std::string_view s) {
  if (s.empty() || s.size() > 45 || s.find(':') == std::string_view::npos) return false;
  if (!AllOf(s, [](char c) { return IsAlnum(c) || c == ':' || c == '.'; })) return false;
  std::string z(s);
  in6_addr a{};
  return inet_pton(AF_INET6, z.c_str(), &a) == 1;
}

bool IsDnsName(std::string_view s) {
  if (s.empty() || s.size() > kMaxHostnameLen) return false;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    std::string_view label = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (label.empty() || label.size() > 63) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    if (!AllOf(label, [](char c) { return IsAlnum(c) || c == '-'; })) return false;
    // RFC 1123 §2.1: the top-level label is never all-numeric, so a malformed
    // address such as 1.2.3.999 is not taken for a name.
    if (dot == std::string_view::npos) return !AllOf(label, [](char c) { return c >= '0' && c <= '9'; });
    start = dot + 1;
  }
}

Status ValidateHostname(std::string_view host) {
  if (host.empty()) return InvalidArgument("hostname must not be empty");
  if (host.size() > kMaxHostnameLen) {
    return InvalidArgument("hostname is longer than 253 characters");
  }
  if (IsIpv4(host) || IsIpv6(host) || IsDnsName(host)) return Status::Ok();
  return InvalidArgument("hostname " + Quoted(host) +
                         " is not an IPv4 address, an IPv6 address or a DNS name");
}

Status ValidatePath(std::string_view path, std::string_view what) {
  std::string w(what);
  if (path.empty()) return InvalidArgument(w + " path must not be empty");
  if (path.size() > kMaxPathLen) return InvalidArgument(w + " path is longer than 4096 characters");
  if (path[0] != '/') return InvalidArgument(w + " path " + Quoted(path) + " must be absolute");
  if (!AllOf(path, [](char c) {
        return IsAlnum(c) || c == '_' || c == '.' || c == ':' || c == '/' || c == '-';
      })) {
    return InvalidArgument(w + " path " + Quoted(path) +
                           " may only contain letters, digits and '_' '.' ':' '/' '-'");
  }
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string_view seg = path.substr(start, slash == path.npos ? path.npos : slash - start);
    if (seg == "." || seg == "..") {
      return InvalidArgument(w + " path " + Quoted(path) + " must not contain a '.' or '..' segment");
    }
    if (slash == path.npos) break;
    start = slash + 1;
  }
  return Status::Ok();
}

Status ValidateId(std::string_view id, std::string_view what) {
  bool ok = id.size() == 32 &&
            AllOf(id, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (ok) return Status::Ok();
  return InvalidArgument(std::string(what) + " id " + Quoted(id) +
                         " is not 32 lower-case hex characters");
}

Status ValidateLvmName(std::string_view name, std::string_view what) {
  std::string w(what);
  if (name.empty() || name.size() > kMaxLvmNameLen) {
    return InvalidArgument(w + " name must be 1 to 127 characters");
  }
  if (!AllOf(name, [](char c) { return IsAlnum(c) || c == '_' || c == '.' || c == '+' || c == '-'; })) {
    return InvalidArgument(w + " name " + Quoted(name) +
                           " may only contain letters, digits and '_' '.' '+' '-'");
  }
  if (name[0] == '-' || name == "." || name == "..") {
    return InvalidArgument(w + " name " + Quoted(name) + " is not a valid LVM name");
  }
  return Status::Ok();
}

Result<std::pair<std::string, std::string>> SplitVolumeOption(std::string_view option) {
  if (option.size() > kMaxOptionLen) {
    return InvalidArgument("volume option is longer than 4096 characters");
  }
  std::string_view s = option;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  size_t sp = s.find(' ');
  std::string_view key = s.substr(0, sp);
  std::string_view value = sp == s.npos ? std::string_view() : s.substr(sp);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  const std::string bad = "volume option " + Quoted(option) + " ";
  if (key.empty() || value.empty()) return InvalidArgument(bad + "must be \"<key> <value>\"");
  if (!AllOf(key, [](char c) { return IsAlnum(c) || c == '.' || c == '_' || c == '-'; }) ||
      key[0] == '-') {
    return InvalidArgument(bad + "has a key that is not [A-Za-z0-9._-]+ or starts with '-'");
  }
  if (!IsCleanText(value, nullptr)) {
    return InvalidArgument(bad + "has a value with control characters or invalid UTF-8");
  }
  if (value[0] == '-') return InvalidArgument(bad + "has a value starting with '-'");
  return std::pair<std::string, std::string>(std::string(key), std::string(value));
}

Status ValidateTagName(std::string_view name) {
  if (name.empty()) return InvalidArgument("tag names may not be empty");
  if (name.size() > 32) {
    return InvalidArgument("tag name " + Quoted(name) + ": the length must be between 1 and 32");
  }
  if (!AllOf(name, [](char c) { return IsAlnum(c) || c == '_' || c == '.' || c == '-'; })) {
    return InvalidArgument("invalid characters in tag name " + Quoted(name));
  }
  return Status::Ok();
}

Status ValidateTagValue(std::string_view value) {
  size_t runes = 0;
  if (!IsCleanText(value, &runes)) {
    return InvalidArgument("tag value " + Quoted(value) +
                           " has control characters or invalid UTF-8");
  }
  if (runes > 64) return InvalidArgument("tag value: the length must be no more than 64");
  return Status::Ok();
}

Status ValidateTags(const model::Tags& tags) {
  if (tags.size() > 32) {
    return InvalidArgument("too many tags specified (" + std::to_string(tags.size()) +
                           "), up to 32 supported");
  }
  for (const auto& [k, v] : tags) {
    BY_RETURN_IF_ERROR(ValidateTagName(k));
    BY_RETURN_IF_ERROR(ValidateTagValue(v).Prefixed("tag " + k + ": "));
  }
  return Status::Ok();
}

Status ValidateGid(int64_t gid) {
  if (gid < 0 || gid > kMaxGid) {
    return InvalidArgument("group id " + std::to_string(gid) + " is outside 0.." +
                           std::to_string(kMaxGid));
  }
  return Status::Ok();
}

Status ValidateSizeSpec(std::string_view size, std::string_view what) {
  std::string_view s = size;
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  bool ok = s.size() <= 32 && digits() > 0;
  if (ok && i < s.size() && s[i] == '.') {
    ++i;
    ok = digits() > 0;
  }
  if (ok && i < s.size() && std::string_view("bBsSkKmMgGtTpPeE").find(s[i]) != s.npos) ++i;
  if (ok && i == s.size()) return Status::Ok();
  return InvalidArgument(std::string(what) + " " + Quoted(size) +
                         " is not a size such as 256K or 4M");
}

Status ValidateMountOptions(std::string_view m) {
  if (m.empty() || m.size() > 1024 || m[0] == '-' ||
      !AllOf(m, [](char c) { return c > 0x20 && c < 0x7f; })) {
    return InvalidArgument("mountopts " + Quoted(m) +
                           " must be printable characters without spaces, not starting with '-'");
  }
  return Status::Ok();
}

Status ValidateLvmWrapper(std::string_view w) {
  size_t first = w.find_first_not_of(' ');
  if (w.size() > 1024 || !AllOf(w, [](char c) { return c >= 0x20 && c < 0x7f; }) ||
      (first != std::string_view::npos && w[first] == '-')) {
    return InvalidArgument("lvm_wrapper " + Quoted(w) +
                           " must be printable words, the first not starting with '-'");
  }
  return Status::Ok();
}

Status ValidateExecutorOptions(const config::ExecutorOptions& o) {
  BY_RETURN_IF_ERROR(ValidatePath(o.fstab, "fstab"));
  BY_RETURN_IF_ERROR(ValidateMountOptions(o.mountopts));
  BY_RETURN_IF_ERROR(ValidateSizeSpec(o.pv_data_alignment, "pv_data_alignment"));
  BY_RETURN_IF_ERROR(ValidateSizeSpec(o.vg_physicalextentsize, "vg_physicalextentsize"));
  BY_RETURN_IF_ERROR(ValidateSizeSpec(o.lv_chunksize, "lv_chunksize"));
  BY_RETURN_IF_ERROR(ValidateLvmWrapper(o.lvm_wrapper));
  if (o.xfs_su < 0 || o.xfs_sw < 0) return InvalidArgument("xfs_su and xfs_sw must not be negative");
  if (o.gluster_cli_timeout <= 0) return InvalidArgument("gluster_cli_timeout must be positive");
  if (o.snapshot_limit < 0) return InvalidArgument("snapshot_limit must not be negative");
  return Status::Ok();
}

}  // namespace brickyard::executors::commands
