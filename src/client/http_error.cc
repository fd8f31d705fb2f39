#include "client/http_error.h"

#include <string>

#include "common/strings.h"

namespace brickyard::client {

namespace {
constexpr size_t kMaxErrorBody = 4096;
constexpr char kAuthHint[] =
    "Hint: check --user and --secret (or HEKETI_CLI_USER and HEKETI_CLI_KEY); "
    "most commands need the admin user";
}  // namespace

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

Code CodeForHttpStatus(int status) {
  switch (status) {
    case 400: return Code::kInvalidArgument;
    case 401: return Code::kUnauthenticated;
    case 403: return Code::kPermissionDenied;
    case 404: return Code::kNotFound;
    case 409: return Code::kConflict;
    case 422: return Code::kUnparsable;
    case 429: return Code::kBusy;
    case 501: return Code::kNotImplemented;
    case 502:
    case 503:
    case 504: return Code::kUnavailable;
    default: return Code::kInternal;
  }
}

Status ErrorFromResponse(const HttpResponse& response) {
  std::string_view body = response.body;
  if (body.size() > kMaxErrorBody) body = body.substr(0, kMaxErrorBody);
  std::string message(TrimSpace(body));
  if (message.empty()) {
    message = "server did not provide a message (status " + std::to_string(response.status) + ": " +
              std::string(ReasonPhrase(response.status)) + ")";
  }
  if (response.status == 401) message += "\n" + std::string(kAuthHint);
  return Status(CodeForHttpStatus(response.status), std::move(message));
}

}  // namespace brickyard::client
