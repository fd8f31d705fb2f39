// Value rules shared by request validators (spec heketi-api §2.3, §8.4).
//
// Patterns answer yes or no; the *Problem functions return the text that
// follows `field: ` in a validation message, or nullopt when the value is
// fine. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/topology.h"

namespace brickyard::api {

inline constexpr size_t kMaxTags = 32;
inline constexpr size_t kMaxTagNameRunes = 32;
inline constexpr size_t kMaxTagValueRunes = 64;
inline constexpr size_t kMaxIdsPerRequest = 32;

// ^[a-zA-Z0-9_-]+$ — volume and block-volume names — that gluster's CLI
// also takes as a name (executors/commands/validate.h: at most 256
// characters, no leading '-', not a word the CLI reserves).
bool IsVolumeName(std::string_view s);
// ^/[a-zA-Z0-9_.:/-]+$ — device names — that node commands also take as a
// path (validate.h: no "." or ".." segment, at most 4096 characters).
bool IsDeviceName(std::string_view s);
// ^[a-zA-Z0-9_.-]+$ — tag names.
bool IsTagName(std::string_view s);
// ^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$ — cluster names (Brickyard extension).
// Callers also reject names that are ids (see IsId), so a name can never be
// mistaken for one.
bool IsClusterName(std::string_view s);
// An IPv4 or IPv6 address in canonical text form (Go net.ParseIP).
bool IsIpAddress(std::string_view s);
// A DNS name as Go's govalidator.IsDNSName accepts it (not an IP address).
bool IsDnsName(std::string_view s);
// An IP address or a DNS name.
bool IsHostname(std::string_view s);

// Number of UTF-8 code points in `s`.
size_t RuneCount(std::string_view s);

// Renders `s` in double quotes with Go %q escapes for quotes, backslashes
// and control characters, so problem texts stay on one line.
std::string Quote(std::string_view s);

// "<s> is not a valid UUID" unless `s` is 32 hex characters.
std::optional<std::string> UuidProblem(std::string_view s);

// At most 32 entries, each a UUID:
// "too many ids specified (N), up to 32 supported" or the UUID problem.
std::optional<std::string> IdsProblem(const std::vector<std::string>& ids);

// Tag map rules, checked per tag in key order: "too many tags specified (N),
// up to 32 supported", "tag names may not be empty", "tag name K: the length
// must be between 1 and 32", "value of tag K: the length must be no more
// than 64", "invalid characters in tag name K".
std::optional<std::string> TagsProblem(const model::Tags& tags);

// Every entry must be a hostname by IsHostname and by the node commands' rule
// (executors/commands/validate.h ValidateHostname: IP addresses and RFC 1123
// names; no '_', no label ending in '-', no trailing '.'):
// "[h1 h2] is not a valid <kind> hostname" (`kind` is "manage" or "storage").
// An empty list is the caller's concern.
std::optional<std::string> HostnamesProblem(const std::vector<std::string>& hosts,
                                            std::string_view kind);

// "" (= enable), "enable" or "disable": else "<s> is not valid heal info check".
std::optional<std::string> HealCheckProblem(std::string_view s);

// Each non-empty option must be "<key> <value>": a key of [A-Za-z0-9._-]+
// not starting with '-', one space, and a non-empty value that does not start
// with whitespace or '-' and is valid UTF-8 without control characters, at
// most 4096 bytes in all (what executors/commands/validate.h lets reach a
// node). Reports the first bad entry:
// `option "x" must be "<key> <value>"`.
std::optional<std::string> VolumeOptionsProblem(const std::vector<std::string>& options);

}  // namespace brickyard::api
