// Validators for every value that reaches a storage node inside a command.
//
// Builders call these before building, so a Command never carries a value
// that a node program could misread (a leading '-' read as a flag, a '/' in a
// name, a control character in a file line). Quoting (command.h) already
// stops the shell from interpreting anything; validation keeps the programs
// themselves from doing so. Each returns OK or InvalidArgument naming the
// value and the rule it breaks. Values are echoed in messages only after
// escaping (no raw control bytes reach logs). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "common/status.h"
#include "config/config.h"
#include "model/topology.h"

namespace brickyard::executors::commands {

inline constexpr size_t kMaxVolumeNameLen = 256;  // GD_VOLUME_NAME_MAX in gluster's CLI
inline constexpr size_t kMaxHostnameLen = 253;
inline constexpr size_t kMaxPathLen = 4096;
inline constexpr size_t kMaxLvmNameLen = 127;
inline constexpr size_t kMaxOptionLen = 4096;
inline constexpr int64_t kMaxGid = 2147483646;  // below 2^31 - 1, as the API allows

// A gluster volume, snapshot or clone name, following the gluster CLI's own
// rules (cli_validate_volname): 1-256 characters of [A-Za-z0-9_-], not
// starting with '-', and not one of the words the CLI reserves ("all",
// "volume", "force", ...). A leading digit is allowed (gluster allows it).
Status ValidateVolumeName(std::string_view name);

// An IPv4 address (dotted decimal, no leading zeros), an IPv6 address (no
// zone index), or an RFC 1123 DNS name: labels of 1-63 [A-Za-z0-9-] not
// starting or ending with '-', the last not all digits, at most 253
// characters in all.
Status ValidateHostname(std::string_view host);
bool IsIpv4(std::string_view s);
bool IsIpv6(std::string_view s);
bool IsDnsName(std::string_view s);

// An absolute path of [A-Za-z0-9_.:/-] characters, starting with '/', with no
// "." or ".." segment, at most 4096 characters. `what` names the value in the
// message ("device", "brick path", "fstab"). Used for device paths, brick
// paths, mount points and the fstab.
Status ValidatePath(std::string_view path, std::string_view what);
inline Status ValidateDevicePath(std::string_view path) { return ValidatePath(path, "device"); }

// A Heketi id: exactly 32 lower-case hex characters (ids are stored
// lower-case and name VGs and LVs, which are case-sensitive).
Status ValidateId(std::string_view id, std::string_view what);

// An LVM VG/LV name: 1-127 characters of [A-Za-z0-9_.+-], not starting with
// '-', not "." or "..".
Status ValidateLvmName(std::string_view name, std::string_view what);

// A gluster volume option "key value" as stored with a volume. Surrounding
// spaces are trimmed and the key ends at the first space; the rest, after
// further spaces, is the value. The key is [A-Za-z0-9._-]+ not starting with
// '-'; the value is non-empty, valid UTF-8, holds no control character and
// does not start with '-' (the gluster CLI would take it for a flag).
// Returns {key, value}.
Result<std::pair<std::string, std::string>> SplitVolumeOption(std::string_view option);

// Node and device tags (spec heketi-api §2.3): names of 1-32 [A-Za-z0-9_.-],
// values of at most 64 code points of valid UTF-8 without control characters.
Status ValidateTagName(std::string_view name);
Status ValidateTagValue(std::string_view value);
Status ValidateTags(const model::Tags& tags);

// A group id for chown: 0 <= gid <= kMaxGid.
Status ValidateGid(int64_t gid);

// A size as LVM takes it ("256K", "4M", "128"): digits, an optional
// fraction, an optional unit letter of [bBsSkKmMgGtTpPeE].
Status ValidateSizeSpec(std::string_view size, std::string_view what);

// Mount options for `mount -o` and the fstab line: printable ASCII without
// spaces, not starting with '-', so the fstab line keeps its six fields.
Status ValidateMountOptions(std::string_view mountopts);

// The LVM wrapper: words of printable ASCII separated by spaces, the first
// not starting with '-'. Empty means no wrapper.
Status ValidateLvmWrapper(std::string_view wrapper);

// The executor settings that reach node commands, for checking once at
// start-up: fstab (a path), mountopts, the LVM size settings, lvm_wrapper,
// xfs_su/xfs_sw >= 0, gluster_cli_timeout > 0, snapshot_limit >= 0.
Status ValidateExecutorOptions(const config::ExecutorOptions& opts);

// Renders `s` for an error message: printable ASCII as is, everything else
// as \xNN, cut to 80 bytes with "..." appended.
std::string Printable(std::string_view s);

}  // namespace brickyard::executors::commands
