// /admin (maintenance mode, §6.11) and /internal/logging (§6.10).
#include "api/requests.h"
#include "http/services.h"

namespace brickyard::http {
namespace {

nlohmann::ordered_json LogLevelJson(Services& s) {
  nlohmann::ordered_json j;
  j["loglevel"]["glusterfs"] = s.log.get();
  return j;
}

}  // namespace

void RegisterAdminRoutes(Router& r, Services& s) {
  r.Add("GET", "/admin", [&s](const Request&) {
    nlohmann::ordered_json j;
    j["state"] = std::string(AdminModeName(s.admin.Get()));
    return JsonReply(200, j);
  });

  r.Add("POST", "/admin", [&s](const Request& req) {
    auto body = api::AdminStateRequest::Decode(req.body);
    if (!body.ok()) return TextError(400, body.status().message());
    auto mode = ParseAdminMode(body->state);
    if (!mode) return TextError(400, "validation failed: state: must be a valid value.");
    s.admin.Set(*mode);
    return Empty(204);
  });

  r.Add("GET", "/internal/logging", [&s](const Request&) { return JsonReply(200, LogLevelJson(s)); });

  r.Add("POST", "/internal/logging", [&s](const Request& req) {
    auto body = api::LogLevelRequest::Decode(req.body);
    if (!body.ok()) return TextError(400, body.status().message());
    auto it = body->loglevel.find("glusterfs");
    if (it == body->loglevel.end()) return TextError(422, "Only \"glusterfs\" logger may be modified");
    if (!it->second.empty() && !s.log.set(it->second)) {
      return TextError(422, "invalid log level: " + it->second);
    }
    return JsonReply(200, LogLevelJson(s));
  });
}

}  // namespace brickyard::http
