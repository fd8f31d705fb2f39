#include "client/httplib_transport.h"

#include <httplib.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <cstdio>
#include <mutex>

namespace brickyard::client {

// Parsed --tls-cert certificates. Each request gets a fresh X509_STORE (the
// SSL context takes ownership of it) holding the system roots plus these.
struct HttplibTransport::Certs {
  std::vector<X509*> list;
  ~Certs() {
    for (X509* c : list) X509_free(c);
  }
  X509_STORE* MakeStore() const {
    X509_STORE* store = X509_STORE_new();
    X509_STORE_set_default_paths(store);
    for (X509* c : list) X509_STORE_add_cert(store, c);
    return store;
  }
};

// Kept-alive connections not in use, for GETs from any thread.
struct HttplibTransport::IdleClients {
  static constexpr size_t kMax = 16;
  std::mutex mu;
  std::vector<std::unique_ptr<httplib::Client>> clients;  // guarded by mu

  std::unique_ptr<httplib::Client> Take() {
    std::lock_guard lock(mu);
    if (clients.empty()) return nullptr;
    auto c = std::move(clients.back());
    clients.pop_back();
    return c;
  }
  void Put(std::unique_ptr<httplib::Client> c) {
    std::lock_guard lock(mu);
    if (clients.size() < kMax) clients.push_back(std::move(c));
  }
};

namespace {

Status LoadPem(const std::string& file, std::vector<X509*>& out) {
  FILE* f = std::fopen(file.c_str(), "r");
  if (!f) return InvalidArgument("Unable to load TLS certificate " + file + ": cannot open file");
  size_t before = out.size();
  while (X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr)) out.push_back(cert);
  std::fclose(f);
  if (out.size() == before)
    return InvalidArgument("Unable to load TLS certificate " + file + ": no PEM certificate found");
  return Status::Ok();
}

std::string Describe(httplib::Error err) {
  switch (err) {
    case httplib::Error::Connection: return "could not establish a connection";
    case httplib::Error::ConnectionTimeout: return "connection timed out";
    case httplib::Error::Read: return "failed to read the response";
    case httplib::Error::Write: return "failed to send the request";
    case httplib::Error::SSLConnection: return "TLS handshake failed";
    case httplib::Error::SSLLoadingCerts: return "unable to load TLS certificates";
    case httplib::Error::Canceled: return "request canceled";
    default: return "request failed (" + httplib::to_string(err) + ")";
  }
}

}  // namespace

Result<std::unique_ptr<HttplibTransport>> HttplibTransport::Create(BaseUrl base, TlsOptions tls,
                                                                   TransportTimeouts timeouts) {
  auto certs = std::make_unique<Certs>();
  for (const auto& file : tls.ca_files) BY_RETURN_IF_ERROR(LoadPem(file, certs->list));
  return std::unique_ptr<HttplibTransport>(
      new HttplibTransport(std::move(base), std::move(tls), timeouts, std::move(certs)));
}

HttplibTransport::HttplibTransport(BaseUrl base, TlsOptions tls, TransportTimeouts timeouts,
                                   std::unique_ptr<Certs> certs)
    : base_(std::move(base)),
      tls_(std::move(tls)),
      timeouts_(timeouts),
      certs_(std::move(certs)),
      idle_(std::make_unique<IdleClients>()) {}

HttplibTransport::~HttplibTransport() = default;

std::unique_ptr<httplib::Client> HttplibTransport::NewClient(bool keep_alive) const {
  auto cli = std::make_unique<httplib::Client>(base_.Origin());
  cli->set_connection_timeout(timeouts_.connect);
  cli->set_read_timeout(timeouts_.read);
  cli->set_write_timeout(timeouts_.write);
  cli->set_keep_alive(keep_alive);
  cli->set_tcp_nodelay(true);
  cli->set_follow_location(false);
  if (base_.scheme == "https") {
    cli->enable_server_certificate_verification(!tls_.insecure);
    if (!tls_.insecure && !certs_->list.empty()) cli->set_ca_cert_store(certs_->MakeStore());
  }
  return cli;
}

Result<HttpResponse> HttplibTransport::Send(const HttpRequest& request) {
  if (request.method != "GET" && request.method != "POST" && request.method != "DELETE") {
    return InvalidArgument("Unsupported HTTP method " + request.method);
  }
  httplib::Headers headers;
  for (const auto& [k, v] : request.headers) headers.emplace(k, v);
  auto perform = [&](httplib::Client& cli) {
    if (request.method == "GET") return cli.Get(request.path, headers);
    if (request.method == "POST") {
      return cli.Post(request.path, headers, request.body, "application/json");
    }
    return request.body.empty()
               ? cli.Delete(request.path, headers)
               : cli.Delete(request.path, headers, request.body, "application/json");
  };

  const bool reusable = request.method == "GET";
  std::unique_ptr<httplib::Client> cli = reusable ? idle_->Take() : nullptr;
  const bool reused = cli != nullptr;
  if (!cli) cli = NewClient(reusable);
  httplib::Result res = perform(*cli);
  if (!res && reused) {
    // The server may have closed the idle connection meanwhile.
    cli = NewClient(true);
    res = perform(*cli);
  }

  if (!res) {
    const bool https = base_.scheme == "https";
    const httplib::Error err = res.error();
    const std::string url = base_.ToString();
    if (err == httplib::Error::SSLServerVerification) {
      long code = cli->get_openssl_verify_result();
      return Unavailable("TLS certificate verification failed for " + url + ": " +
                         X509_verify_cert_error_string(code) +
                         " (trust the server's CA with --tls-cert, or skip the check with "
                         "--insecure-tls)");
    }
    std::string msg = "Unable to reach the server at " + url + ": " + Describe(err);
    if (!https && (err == httplib::Error::Read))
      msg += " (is the server speaking https? then use an https:// URL)";
    return Unavailable(msg);
  }
  HttpResponse out;
  out.status = res->status;
  for (const auto& [k, v] : res->headers) out.headers.emplace_back(k, v);
  out.body = std::move(res->body);
  if (reusable) idle_->Put(std::move(cli));
  return out;
}

}  // namespace brickyard::client
