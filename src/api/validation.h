// Heketi's validation messages (spec heketi-api §2.3).
//
// A message is `validation failed: ` followed by `field: problem` entries
// joined by `; `, sorted by field name and terminated by `.`. A nested
// object renders as `field: (inner list.)`, e.g.
//   validation failed: hostnames: (manage: cannot be blank.); zone: cannot be blank.
// Field names are the JSON keys. Values; thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "common/status.h"

namespace brickyard::api {

// Problem texts shared by many rules.
inline constexpr std::string_view kBlank = "cannot be blank";
inline constexpr std::string_view kInvalidValue = "must be a valid value";
inline constexpr std::string_view kInvalidFormat = "must be in a valid format";
std::string NoLessThan(int64_t n);  // "must be no less than N"

class ValidationErrors {
 public:
  // Records `problem` for `field`. Only the first problem recorded for a
  // field is kept, as each field reports the first rule it fails.
  ValidationErrors& Add(std::string_view field, std::string_view problem);

  // Records the problems of a nested object as `field: (inner list.)`.
  // Does nothing when `inner` is empty.
  ValidationErrors& AddNested(std::string_view field, const ValidationErrors& inner);

  bool empty() const { return entries_.empty(); }

  // "a: x; b: y." sorted by field name (byte order); "" when empty.
  std::string List() const;

  // OK when empty, else InvalidArgument("validation failed: " + List()).
  Status ToStatus() const;

 private:
  std::map<std::string, std::string> entries_;  // field -> rendered problem
};

}  // namespace brickyard::api
