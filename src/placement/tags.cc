#include "placement/tags.h"

namespace brickyard::placement {
namespace {

bool IsRuleChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

size_t RuleCharsPrefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsRuleChar(s[i])) ++i;
  return i;
}

}  // namespace

std::string_view MergedTag(const model::Tags& node_tags, const model::Tags& device_tags,
                           std::string_view key) {
  if (auto it = device_tags.find(std::string(key)); it != device_tags.end()) return it->second;
  if (auto it = node_tags.find(std::string(key)); it != node_tags.end()) return it->second;
  return {};
}

bool TagRule::Matches(const model::Tags& node_tags, const model::Tags& device_tags) const {
  bool equal = MergedTag(node_tags, device_tags, key) == value;
  return negated ? !equal : equal;
}

std::string TagRule::ToString() const { return key + (negated ? "!=" : "=") + value; }

Result<std::optional<TagRule>> ParseTagRule(std::string_view rule) {
  if (rule.empty()) return std::optional<TagRule>();
  auto invalid = [&] {
    return InvalidArgument("invalid device tag match rule '" + std::string(rule) +
                           "': expected key=value or key!=value");
  };
  size_t key_len = RuleCharsPrefix(rule);
  if (key_len == 0) return invalid();
  std::string_view rest = rule.substr(key_len);
  TagRule parsed;
  parsed.key = std::string(rule.substr(0, key_len));
  if (rest.starts_with("!=")) {
    parsed.negated = true;
    rest.remove_prefix(2);
  } else if (rest.starts_with("=")) {
    rest.remove_prefix(1);
  } else {
    return invalid();
  }
  if (rest.empty() || RuleCharsPrefix(rest) != rest.size()) return invalid();
  parsed.value = std::string(rest);
  return std::optional<TagRule>(std::move(parsed));
}

ArbiterClass GetArbiterClass(const model::Tags& node_tags, const model::Tags& device_tags) {
  std::string_view v = MergedTag(node_tags, device_tags, "arbiter");
  if (v == "required") return ArbiterClass::kRequired;
  if (v == "disabled") return ArbiterClass::kDisabled;
  return ArbiterClass::kSupported;
}

}  // namespace brickyard::placement
