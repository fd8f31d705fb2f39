// Request and Reply: the HTTP layer's own view of an exchange, independent of
// the server library, so handlers and the pipeline are testable without
// sockets.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/jwt.h"
#include "common/status.h"

namespace brickyard::http {

struct Request {
  std::string method;
  std::string path;
  std::string body;
  std::string remote_addr;
  std::map<std::string, std::string> headers;  // lower-case names
  std::map<std::string, std::string> params;   // route parameters, e.g. "id"
  std::optional<auth::Identity> identity;      // empty when auth is off

  const std::string& Param(const std::string& name) const;
  // The issuer to record as a job's owner ("" when auth is off).
  std::string Owner() const { return identity ? identity->issuer : ""; }
  bool IsAdmin() const { return !identity || identity->role == auth::Role::kAdmin; }
  bool HasBody() const;  // Content-Length > 0 or a non-empty body
};

struct Reply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// 200/201 with a compact JSON body and one trailing newline.
Reply JsonReply(int status, const nlohmann::ordered_json& body);
// The plain-text error body of spec §2.2 with the status from StatusMap.
Reply ErrorReply(const Status& status);
// A plain-text error with an explicit HTTP status.
Reply TextError(int http_status, const std::string& message);
// 202 Accepted with Location: /queue/<job id>.
Reply Accepted(const std::string& job_id);
// An empty reply (200 with JSON content type, 204...).
Reply Empty(int status);

}  // namespace brickyard::http
