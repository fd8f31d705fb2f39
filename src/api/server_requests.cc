#include "api/server_requests.h"

#include "api/decode.h"
#include "api/rules.h"
#include "api/validation.h"

namespace brickyard::api {
namespace {

constexpr std::string_view kGlusterfsLogger = "glusterfs";

bool IsLogLevel(std::string_view level) {
  return level == "none" || level == "critical" || level == "error" || level == "warning" ||
         level == "info" || level == "debug";
}

}  // namespace

Result<BrickEvictRequest> BrickEvictRequest::Decode(std::string_view body) {
  return DecodeRequest<BrickEvictRequest>(
      body, EmptyBody::kAccept,
      [](ObjectReader& r, BrickEvictRequest& out) { r.String("healcheck", &out.healcheck); });
}

Status BrickEvictRequest::Validate() const {
  ValidationErrors e;
  if (auto p = HealCheckProblem(healcheck)) e.Add("healcheck", *p);
  return e.ToStatus();
}

Result<OpsCleanupRequest> OpsCleanupRequest::Decode(std::string_view body) {
  return DecodeRequest<OpsCleanupRequest>(
      body, EmptyBody::kAccept,
      [](ObjectReader& r, OpsCleanupRequest& out) { r.Strings("operations", &out.operations); });
}

Status OpsCleanupRequest::Validate() const {
  ValidationErrors e;
  if (auto p = IdsProblem(operations)) e.Add("operations", *p);
  return e.ToStatus();
}

Result<AdminStateRequest> AdminStateRequest::Decode(std::string_view body) {
  return DecodeRequest<AdminStateRequest>(
      body, EmptyBody::kReject,
      [](ObjectReader& r, AdminStateRequest& out) { r.String("state", &out.state); },
      ParseErrorText::kDetailed);
}

Status AdminStateRequest::Validate() const {
  ValidationErrors e;
  if (state.empty()) {
    e.Add("state", kBlank);
  } else if (state != "normal" && state != "read-only" && state != "local-client") {
    e.Add("state", kInvalidValue);
  }
  return e.ToStatus();
}

Result<LogLevelRequest> LogLevelRequest::Decode(std::string_view body) {
  return DecodeRequest<LogLevelRequest>(
      body, EmptyBody::kReject,
      [](ObjectReader& r, LogLevelRequest& out) { r.StringMap("loglevel", &out.loglevel); },
      ParseErrorText::kDetailed);
}

Status LogLevelRequest::Validate() const {
  auto it = loglevel.find(std::string(kGlusterfsLogger));
  if (it == loglevel.end()) return Unparsable("Only \"glusterfs\" logger may be modified");
  if (!it->second.empty() && !IsLogLevel(it->second)) {
    return Unparsable("invalid log level: " + it->second);
  }
  return Status::Ok();
}

std::string LogLevelRequest::Level() const {
  auto it = loglevel.find(std::string(kGlusterfsLogger));
  return it == loglevel.end() ? std::string() : it->second;
}

}  // namespace brickyard::api
