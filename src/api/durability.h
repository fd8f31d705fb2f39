// Durability as requested on the wire versus as stored (spec heketi-api §6.5,
// §8.2; DECISIONS #4).
//
// Heketi applies its defaults internally but keeps the request as given, so a
// replicate volume created without `replica` reports `"replicate":{}`.
// Brickyard stores the effective durability instead; these functions compute
// it. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/volume.h"

namespace brickyard::api {

inline constexpr int64_t kDefaultReplica = 2;
inline constexpr int64_t kDefaultDisperseData = 4;
inline constexpr int64_t kDefaultDisperseRedundancy = 2;

// "none" or "" -> kNone, "replicate", "disperse"; anything else -> nullopt.
std::optional<model::DurabilityType> ParseDurabilityType(std::string_view type);

// The durability a volume is built with: replicate with `replica` 0 uses 2;
// disperse with `data` or `redundancy` 0 uses 4 or 2; none (and any type
// ParseDurabilityType rejects) is plain distribute. Only the fields of the
// chosen type are set; the others are 0.
model::Durability DurabilityWithDefaults(std::string_view type, int64_t replica, int64_t data,
                                         int64_t redundancy);

}  // namespace brickyard::api
