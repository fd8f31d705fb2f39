// Pieces shared by the config sources. Not part of the config contract.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>

#include "common/status.h"
#include "config/config.h"

namespace brickyard::config::internal {

constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

// InvalidArgument "config: <key>: <problem>". `key` is a dotted JSON path
// ("glusterfs.gid_min") or an environment variable name.
inline Status KeyError(std::string_view key, std::string_view problem) {
  return InvalidArgument("config: " + std::string(key) + ": " + std::string(problem));
}

inline bool OneOf(std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (std::string_view a : allowed) {
    if (value == a) return true;
  }
  return false;
}

// Applies the HEKETI_* (and BRICKYARD_*) overrides in `env` to `c`; empty
// values are skipped. Returns KeyError naming the variable when a value does
// not parse. Defined in env.cc.
Status ApplyEnv(Config& c, const Env& env);

}  // namespace brickyard::config::internal
