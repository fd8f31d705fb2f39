#include "http/message.h"

#include "http/status_map.h"

namespace brickyard::http {

const std::string& Request::Param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

bool Request::HasBody() const {
  auto it = headers.find("content-length");
  if (it != headers.end()) return it->second != "0" && !it->second.empty();
  return !body.empty();
}

Reply JsonReply(int status, const nlohmann::ordered_json& body) {
  Reply r;
  r.status = status;
  r.content_type = "application/json; charset=UTF-8";
  r.body = body.dump() + "\n";
  return r;
}

Reply TextError(int http_status, const std::string& message) {
  Reply r;
  r.status = http_status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = message + "\n";
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

Reply ErrorReply(const Status& status) { return TextError(HttpStatusFor(status.code()), status.message()); }

Reply Accepted(const std::string& job_id) {
  Reply r;
  r.status = 202;
  r.headers.emplace_back("Location", "/queue/" + job_id);
  return r;
}

Reply Empty(int status) {
  Reply r;
  r.status = status;
  return r;
}

}  // namespace brickyard::http
