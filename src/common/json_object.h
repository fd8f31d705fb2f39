// ObjectWithRoom: an empty nlohmann::ordered_json object with room for `n`
// members.
//
// ordered_json keeps an object's members in a vector of
// pair<const string, json>. Such a pair has no noexcept move (its key can
// only be copied), so each time the vector grows every member already in it
// is deep-copied, nested arrays included. Code that builds an object with
// large members (lists of ids, of bricks, of devices) starts from one with
// room for all its members.
#pragma once

#include <cstddef>

#include <nlohmann/json.hpp>

namespace brickyard {

inline nlohmann::ordered_json ObjectWithRoom(size_t n) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out.get_ref<nlohmann::ordered_json::object_t&>().reserve(n);
  return out;
}

}  // namespace brickyard
