// FakeTransport: a scripted Transport for tests. A handler answers each
// request; every request is recorded. Thread-safe.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "client/transport.h"

namespace brickyard::client {

class FakeTransport final : public Transport {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;
  explicit FakeTransport(Handler handler) : handler_(std::move(handler)) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
    }
    return handler_(request);
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  Handler handler_;
  mutable std::mutex mu_;
  std::vector<HttpRequest> requests_;  // guarded by mu_
};

// Builds a response; `headers` as name/value pairs.
inline HttpResponse MakeResponse(int status, std::string body = "",
                                 std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

}  // namespace brickyard::client
