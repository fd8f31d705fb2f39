#include "api/rules.h"

#include <arpa/inet.h>

#include <cstdio>
#include <regex>

#include "common/ids.h"
#include "executors/commands/validate.h"

namespace brickyard::api {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// True if every character of `s` is alphanumeric or one of `extra`.
bool AllOf(std::string_view s, std::string_view extra) {
  for (char c : s) {
    if (!IsAsciiAlnum(c) && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

std::string JoinedList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += " ";
    out += items[i];
  }
  return out + "]";
}

bool IsOptionKeyChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '-'; }

bool IsValidOption(std::string_view opt) {
  size_t space = opt.find(' ');
  if (space == 0 || space == std::string_view::npos) return false;
  for (char c : opt.substr(0, space)) {
    if (!IsOptionKeyChar(c)) return false;
  }
  std::string_view value = opt.substr(space + 1);
  if (value.empty() || value[0] == ' ' || value[0] == '\t') return false;
  return value.find_first_of(std::string_view("\n\r\0", 3)) == std::string_view::npos;
}

}  // namespace

bool IsVolumeName(std::string_view s) {
  return !s.empty() && AllOf(s, "_-") && executors::commands::ValidateVolumeName(s).ok();
}

bool IsDeviceName(std::string_view s) {
  return s.size() >= 2 && s[0] == '/' && AllOf(s.substr(1), "_.:/-") &&
         executors::commands::ValidateDevicePath(s).ok();
}

bool IsTagName(std::string_view s) { return !s.empty() && AllOf(s, "_.-"); }

bool IsClusterName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  bool letter = (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z');
  return letter && AllOf(s, "_.-");
}

bool IsIpAddress(std::string_view s) {
  std::string str(s);
  unsigned char buf[16];
  return inet_pton(AF_INET, str.c_str(), buf) == 1 || inet_pton(AF_INET6, str.c_str(), buf) == 1;
}

bool IsDnsName(std::string_view s) {
  static const std::regex kDnsName(
      R"(^([a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62}){1}(\.[a-zA-Z0-9_]{1}[a-zA-Z0-9_-]{0,62})*[\._]?$)");
  if (s.empty()) return false;
  size_t without_dots = 0;
  for (char c : s) without_dots += c != '.';
  if (without_dots > 255) return false;
  return !IsIpAddress(s) && std::regex_match(s.begin(), s.end(), kDnsName);
}

bool IsHostname(std::string_view s) { return IsIpAddress(s) || IsDnsName(s); }

size_t RuneCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::optional<std::string> UuidProblem(std::string_view s) {
  if (IsId(s)) return std::nullopt;
  return std::string(s) + " is not a valid UUID";
}

std::optional<std::string> IdsProblem(const std::vector<std::string>& ids) {
  if (ids.size() > kMaxIdsPerRequest) {
    return "too many ids specified (" + std::to_string(ids.size()) + "), up to " +
           std::to_string(kMaxIdsPerRequest) + " supported";
  }
  for (const auto& id : ids) {
    if (auto p = UuidProblem(id)) return p;
  }
  return std::nullopt;
}

std::optional<std::string> TagsProblem(const model::Tags& tags) {
  if (tags.size() > kMaxTags) {
    return "too many tags specified (" + std::to_string(tags.size()) + "), up to " +
           std::to_string(kMaxTags) + " supported";
  }
  for (const auto& [name, value] : tags) {
    if (name.empty()) return std::string("tag names may not be empty");
    if (RuneCount(name) > kMaxTagNameRunes) {
      return "tag name " + name + ": the length must be between 1 and " +
             std::to_string(kMaxTagNameRunes);
    }
    if (RuneCount(value) > kMaxTagValueRunes) {
      return "value of tag " + name + ": the length must be no more than " +
             std::to_string(kMaxTagValueRunes);
    }
    if (!IsTagName(name)) return "invalid characters in tag name " + name;
  }
  return std::nullopt;
}

std::optional<std::string> HostnamesProblem(const std::vector<std::string>& hosts,
                                            std::string_view kind) {
  for (const auto& h : hosts) {
    // Heketi's rule, then the one every node command applies (RFC 1123
    // names, as gluster's own check): a hostname accepted here always reaches
    // `gluster peer probe`, brick names and SSH.
    if (!IsHostname(h) || !executors::commands::ValidateHostname(h).ok()) {
      return JoinedList(hosts) + " is not a valid " + std::string(kind) + " hostname";
    }
  }
  return std::nullopt;
}

std::optional<std::string> HealCheckProblem(std::string_view s) {
  if (s.empty() || s == "enable" || s == "disable") return std::nullopt;
  return std::string(s) + " is not valid heal info check";
}

std::optional<std::string> VolumeOptionsProblem(const std::vector<std::string>& options) {
  for (const auto& opt : options) {
    // The second check is the one the `gluster volume set` builder applies,
    // so a value a node program could misread (a leading '-', a control
    // character) is refused here rather than after bricks exist.
    if (!opt.empty() && (!IsValidOption(opt) || !executors::commands::SplitVolumeOption(opt).ok())) {
      return "option " + Quote(opt) + " must be \"<key> <value>\"";
    }
  }
  return std::nullopt;
}

}  // namespace brickyard::api
