#include "executors/fault/fault_rules.h"

#include <algorithm>
#include <charconv>

#include "common/strings.h"

namespace brickyard::executors::fault {

const std::vector<std::string_view>& FaultMethods() {
  static const std::vector<std::string_view> kMethods = {
      "GlusterdCheck", "PeerProbe",     "PeerDetach",   "DeviceSetup",        "GetDeviceInfo",
      "DeviceTeardown", "DeviceForget", "BrickCreate",  "BrickDestroy",       "BrickExtend",
      "VolumeCreate",  "VolumeExpand",  "VolumeDestroy", "VolumeClone",       "VolumeReplaceBrick",
      "VolumeInfo",    "HealInfo"};
  return kMethods;
}

namespace {

Result<FaultRule> ParseRule(std::string_view text) {
  const auto bad = [&](const std::string& why) {
    return InvalidArgument("fault rule '" + std::string(text) + "': " + why);
  };
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t colon = text.find(':', start);
    parts.emplace_back(TrimSpace(text.substr(start, colon - start)));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() != 4) return bad("want ACTION:WHEN:METHOD:N");
  FaultRule r;
  if (parts[0] == "fail") {
    r.action = FaultRule::Action::kFail;
  } else if (parts[0] == "kill") {
    r.action = FaultRule::Action::kKill;
  } else {
    return bad("action must be fail or kill");
  }
  if (parts[1] == "before") {
    r.when = FaultRule::When::kBefore;
  } else if (parts[1] == "after") {
    r.when = FaultRule::When::kAfter;
  } else {
    return bad("when must be before or after");
  }
  const auto& methods = FaultMethods();
  if (std::find(methods.begin(), methods.end(), parts[2]) == methods.end()) {
    return bad("unknown executor method " + parts[2]);
  }
  r.method = parts[2];
  if (parts[3] == "*") return r;
  const std::string& n = parts[3];
  auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), r.nth);
  if (ec != std::errc() || end != n.data() + n.size() || r.nth < 1) {
    return bad("N must be a call number from 1, or *");
  }
  return r;
}

}  // namespace

Result<std::vector<FaultRule>> ParseFaultRules(std::string_view text) {
  std::vector<FaultRule> rules;
  size_t start = 0;
  while (start <= text.size()) {
    size_t sep = text.find_first_of(",;", start);
    std::string_view item = text.substr(start, sep == std::string_view::npos ? sep : sep - start);
    if (!TrimSpace(item).empty()) {
      BY_ASSIGN_OR_RETURN(FaultRule r, ParseRule(item));
      rules.push_back(std::move(r));
    }
    if (sep == std::string_view::npos) break;
    start = sep + 1;
  }
  return rules;
}

}  // namespace brickyard::executors::fault
