#include "api/validation.h"

namespace brickyard::api {

std::string NoLessThan(int64_t n) { return "must be no less than " + std::to_string(n); }

ValidationErrors& ValidationErrors::Add(std::string_view field, std::string_view problem) {
  entries_.emplace(std::string(field), std::string(problem));
  return *this;
}

ValidationErrors& ValidationErrors::AddNested(std::string_view field,
                                              const ValidationErrors& inner) {
  if (!inner.empty()) Add(field, "(" + inner.List() + ")");
  return *this;
}

std::string ValidationErrors::List() const {
  if (entries_.empty()) return "";
  std::string out;
  for (const auto& [field, problem] : entries_) {
    if (!out.empty()) out += "; ";
    out += field;
    out += ": ";
    out += problem;
  }
  return out + ".";
}

Status ValidationErrors::ToStatus() const {
  if (empty()) return Status::Ok();
  return InvalidArgument("validation failed: " + List());
}

}  // namespace brickyard::api
