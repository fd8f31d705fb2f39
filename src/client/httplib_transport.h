// HttplibTransport: Transport over cpp-httplib, for http:// and https://.
// GET requests reuse idle kept-alive connections (a GET whose reused
// connection turns out closed is sent once more on a new one); every other
// request opens a connection of its own, so nothing that changes state is
// ever sent twice. Thread-safe: topology fetches run requests in parallel.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "client/base_url.h"
#include "client/transport.h"

namespace httplib {
class Client;
}

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
  struct IdleClients;
  HttplibTransport(BaseUrl base, TlsOptions tls, TransportTimeouts timeouts,
                   std::unique_ptr<Certs> certs);
  std::unique_ptr<httplib::Client> NewClient(bool keep_alive) const;

  BaseUrl base_;
  TlsOptions tls_;
  TransportTimeouts timeouts_;
  std::unique_ptr<Certs> certs_;  // immutable after construction
  std::unique_ptr<IdleClients> idle_;
};

}  // namespace brickyard::client
