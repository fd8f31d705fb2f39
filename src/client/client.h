// Client: Heketi's REST API as used by heketi-cli, over an injected
// Transport. Adds one fresh JWT per request (qsh over the exact path sent,
// also when following a Location) and runs the async protocol (spec
// heketi-api §3): 202 + Location → poll /queue/{id} (200 + X-Pending: keep
// polling, 303: GET the Location, 204: done, anything else: error).
//
// Thread-safety: all const methods may be called from several threads at
// once; the progress callback is then called from those threads too.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "client/base_url.h"
#include "client/transport.h"
#include "common/clock.h"
#include "common/status.h"

namespace brickyard::client {

// Responses keep the server's key order, so --json output matches it.
using Json = nlohmann::ordered_json;

// What a long operation is doing, reported while polling.
struct Progress {
  std::chrono::milliseconds elapsed{0};
  std::string job;      // the polled path, "/queue/<id>"
  std::string message;  // the server's word on it: pending body text, "pending", or a retry note
};
using ProgressCallback = std::function<void(const Progress&)>;

struct ClientOptions {
  std::string user;  // JWT issuer ("admin" / "user"); sent even when empty, as heketi-cli does
  std::string key;   // HMAC secret for the issuer
  int64_t token_ttl_s = 300;
  std::chrono::milliseconds poll_initial{10};  // first delay between /queue polls
  std::chrono::milliseconds poll_max{1000};    // the delay doubles up to this
  int busy_retries = 6;                        // retries of a 429 answer (the Go client's count)
  std::chrono::milliseconds busy_delay_min{10000};
  std::chrono::milliseconds busy_delay_max{30000};
  ProgressCallback progress;  // may be empty
  // Sleeps between polls; tests replace it. Empty = std::this_thread::sleep_for.
  std::function<void(std::chrono::milliseconds)> sleep;
};

// The final response of a call, after any polling and redirects.
struct Reply {
  int status = 0;
  std::string body;
  std::string content_type;
};

class Client {
 public:
  // `transport` is owned; `clock` must outlive the client.
  Client(BaseUrl base, ClientOptions options, std::unique_ptr<Transport> transport,
         const Clock& clock);

  const BaseUrl& base() const { return base_; }

  // Sends one request and follows the async protocol to its end. `path` is
  // relative to the base URL ("/volumes"). A 2xx final answer is returned;
  // any other status becomes an error Status (see ErrorFromResponse).
  Result<Reply> Call(std::string_view method, std::string_view path,
                     const std::optional<Json>& body = std::nullopt) const;

  // Call() and decode the final body as JSON; an empty body gives null.
  // Errors: those of Call(), or Internal "Unable to parse the server's
  // response to <METHOD> <path>: <why>".
  Result<Json> CallJson(std::string_view method, std::string_view path,
                        const std::optional<Json>& body = std::nullopt) const;

  Result<Json> Get(std::string_view path) const { return CallJson("GET", path); }
  Result<Json> Post(std::string_view path, const Json& body) const {
    return CallJson("POST", path, body);
  }
  Result<Json> Delete(std::string_view path, const std::optional<Json>& body = std::nullopt) const {
    return CallJson("DELETE", path, body);
  }

 private:
  // One signed request; 429 answers are retried here.
  Result<HttpResponse> SendSigned(std::string_view method, const std::string& path,
                                  const std::string& body, const std::string& job,
                                  std::chrono::steady_clock::time_point start) const;
  Result<Reply> FollowQueue(const std::string& location,
                            std::chrono::steady_clock::time_point start) const;
  Result<Reply> FollowSeeOther(const HttpResponse& response,
                               std::chrono::steady_clock::time_point start) const;
  void Report(std::chrono::steady_clock::time_point start, const std::string& job,
              std::string message) const;
  void Sleep(std::chrono::milliseconds d) const;

  BaseUrl base_;
  ClientOptions options_;
  std::unique_ptr<Transport> transport_;
  const Clock& clock_;
};

}  // namespace brickyard::client
