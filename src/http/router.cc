#include "http/router.h"

#include <cctype>

#include "common/ids.h"
#include "common/strings.h"

namespace brickyard::http {
namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> parts = Split(path, '/');
  if (!parts.empty() && parts.front().empty()) parts.erase(parts.begin());
  return parts;
}

bool IsNameChars(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') return false;
  }
  return true;
}

bool MatchSegments(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                   std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (p == "{id}") {
      if (!IsHex(path[i])) return false;
      (*params)["id"] = ToLowerId(path[i]);
    } else if (p == "{ref}") {
      if (!IsNameChars(path[i])) return false;
      (*params)["id"] = IsId(path[i]) ? ToLowerId(path[i]) : path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::Add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back(Route{method, Segments(pattern), std::move(handler)});
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match m;
  std::vector<std::string> segs = Segments(path);
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchSegments(r.segments, segs, &params)) continue;
    if (r.method == method) {
      m.outcome = Outcome::kFound;
      m.handler = &r.handler;
      m.params = std::move(params);
      return m;
    }
    m.outcome = Outcome::kWrongMethod;
  }
  return m;
}

}  // namespace brickyard::http
