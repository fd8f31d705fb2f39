// Transport: moves one HTTP request and its response, nothing more. The
// Client layers authentication and Heketi's async protocol on top, so tests
// replace the transport with a scripted fake.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace brickyard::client {

struct HttpRequest {
  std::string method;  // "GET", "POST", "DELETE"
  std::string path;    // path on the wire, including any base prefix
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent with Content-Type application/json when non-empty
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Case-insensitive header lookup; "" when absent.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Sends `request`. Must be safe to call from several threads at once.
  // Errors: Unavailable with a message naming the server URL when the server
  // cannot be reached or the TLS handshake fails. HTTP error statuses are
  // not errors here; they come back as a response.
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace brickyard::client
