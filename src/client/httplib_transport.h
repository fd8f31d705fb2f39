// HttplibTransport: Transport over cpp-httplib, for http:// and https://.
// Each Send opens its own connection, so one instance is safe to share
// between threads (topology fetches run requests in parallel).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "client/base_url.h"
#include "client/transport.h"

namespace brickyard::client {

struct TlsOptions {
  bool insecure = false;               // --insecure-tls: skip certificate checks
  std::vector<std::string> ca_files;   // --tls-cert: PEM files trusted in addition to the system store
};

struct TransportTimeouts {
  std::chrono::seconds connect{10};
  std::chrono::seconds read{300};
  std::chrono::seconds write{60};
};

class HttplibTransport final : public Transport {
 public:
  // Loads the CA files eagerly. Errors: InvalidArgument
  // "Unable to load TLS certificate <file>: <why>".
  static Result<std::unique_ptr<HttplibTransport>> Create(BaseUrl base, TlsOptions tls,
                                                          TransportTimeouts timeouts = {});
  ~HttplibTransport() override;

  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  struct Certs;
  HttplibTransport(BaseUrl base, TlsOptions tls, TransportTimeouts timeouts,
                   std::unique_ptr<Certs> certs);

  BaseUrl base_;
  TlsOptions tls_;
  TransportTimeouts timeouts_;
  std::unique_ptr<Certs> certs_;  // immutable after construction
};

}  // namespace brickyard::client
