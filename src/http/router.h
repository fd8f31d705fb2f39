// Router: maps (method, path) to a handler. Patterns are literal segments and
// parameters: "{id}" matches [A-Fa-f0-9]+ (Heketi's id pattern) and "{ref}"
// matches an id or a cluster name ([A-Za-z0-9_.-]+). Not thread-safe for
// Add; Match is safe once routes are added.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/message.h"

namespace brickyard::http {

using Handler = std::function<Reply(const Request&)>;

class Router {
 public:
  void Add(const std::string& method, const std::string& pattern, Handler handler);

  enum class Outcome { kFound, kWrongMethod, kNotFound };
  struct Match {
    Outcome outcome = Outcome::kNotFound;
    const Handler* handler = nullptr;
    std::map<std::string, std::string> params;
  };
  Match Find(const std::string& method, const std::string& path) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace brickyard::http
