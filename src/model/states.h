// Node and device states (spec heketi-api §8.6) and their wire names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace brickyard::model {

enum class State { kOnline, kOffline, kFailed };

std::string_view StateName(State s);
std::optional<State> ParseState(std::string_view s);

}  // namespace brickyard::model
