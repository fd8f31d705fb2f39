#include "model/states.h"

namespace brickyard::model {

std::string_view StateName(State s) {
  switch (s) {
    case State::kOnline: return "online";
    case State::kOffline: return "offline";
    case State::kFailed: return "failed";
  }
  return "online";
}

std::optional<State> ParseState(std::string_view s) {
  if (s == "online") return State::kOnline;
  if (s == "offline") return State::kOffline;
  if (s == "failed") return State::kFailed;
  return std::nullopt;
}

}  // namespace brickyard::model
