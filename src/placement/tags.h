// Device filters that read tags: the `user.heketi.device-tag-match` rule and
// the `arbiter` device class (spec provisioning §4.8, §4.9). Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "model/topology.h"

namespace brickyard::placement {

// The tag of `key` a device carries once its node's tags are overlaid by its
// own: the device's value if it has the key, else the node's, else "".
std::string_view MergedTag(const model::Tags& node_tags, const model::Tags& device_tags,
                           std::string_view key);

// A parsed `key=value` or `key!=value` rule. Key and value are non-empty and
// made only of [a-zA-Z0-9._-] (Heketi's pattern read as intended: its `.-_`
// was an accidental character range).
struct TagRule {
  std::string key;
  std::string value;
  bool negated = false;  // true for `!=`

  // True if the merged tags satisfy the rule; a missing tag reads as "".
  bool Matches(const model::Tags& node_tags, const model::Tags& device_tags) const;

  // The rule as written, e.g. "disk!=hdd".
  std::string ToString() const;
};

// Parses a rule. "" means no rule and yields std::nullopt. Anything that is
// not exactly `key=value` / `key!=value` is InvalidArgument.
Result<std::optional<TagRule>> ParseTagRule(std::string_view rule);

// Which bricks of an arbiter volume a device may hold, from its merged tag
// `arbiter`: "required" = arbiter bricks only, "disabled" = data bricks only,
// anything else (including missing) = both.
enum class ArbiterClass { kSupported, kRequired, kDisabled };

ArbiterClass GetArbiterClass(const model::Tags& node_tags, const model::Tags& device_tags);

inline bool HoldsData(ArbiterClass c) { return c != ArbiterClass::kRequired; }
inline bool HoldsArbiter(ArbiterClass c) { return c != ArbiterClass::kDisabled; }

}  // namespace brickyard::placement
