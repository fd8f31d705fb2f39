#include "http/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "common/strings.h"

namespace brickyard::http {
namespace {

Request FromHttplib(const httplib::Request& in) {
  Request out;
  out.method = in.method;
  out.path = in.path;
  out.body = in.body;
  out.remote_addr = in.remote_addr;
  for (const auto& [k, v] : in.headers) out.headers.emplace(ToLower(k), v);
  return out;
}

void ToHttplib(const Reply& in, httplib::Response& out) {
  out.status = in.status;
  for (const auto& [k, v] : in.headers) out.set_header(k, v);
  if (!in.body.empty() || !in.content_type.empty()) {
    out.set_content(in.body, in.content_type.empty() ? "text/plain" : in.content_type.c_str());
  }
}

}  // namespace

HttpServer::HttpServer(Pipeline& pipeline, ServerOptions options)
    : pipeline_(pipeline), options_(std::move(options)) {}

HttpServer::~HttpServer() { Stop(); }

Result<int> HttpServer::Start() {
  if (options_.tls) {
    server_ = std::make_unique<httplib::SSLServer>(options_.cert_file.c_str(), options_.key_file.c_str());
    if (!server_->is_valid()) {
      return InvalidArgument("cannot load TLS certificate " + options_.cert_file + " or key " +
                             options_.key_file);
    }
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  int threads = options_.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // Clients that poll /queue reuse their connection; the library's listen
  // backlog is small, so fewer new connections matter under load.
  server_->set_keep_alive_max_count(1000);
  // Every method goes to the pipeline, which does its own routing (so that
  // authentication precedes 404/405 as in Heketi). The library reads request
  // bodies only for routed handlers, hence one catch-all route per method.
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    auto start = std::chrono::steady_clock::now();
    Reply reply = pipeline_.Handle(FromHttplib(req));
    ToHttplib(reply, res);
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    // Never log headers: they carry tokens.
    spdlog::debug("{} {} {} {}us from {}", req.method, req.path, reply.status, us.count(), req.remote_addr);
  };
  const char* kAny = ".*";
  server_->Get(kAny, handler);
  server_->Post(kAny, handler);
  server_->Put(kAny, handler);
  server_->Patch(kAny, handler);
  server_->Delete(kAny, handler);
  server_->Options(kAny, handler);
  int port = options_.port;
  if (port == 0) {
    port = server_->bind_to_any_port(options_.bind_address.c_str());
    if (port < 0) return Unavailable("cannot bind " + options_.bind_address);
  } else if (!server_->bind_to_port(options_.bind_address.c_str(), port)) {
    return Unavailable("cannot listen on " + options_.bind_address + ":" + std::to_string(port));
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  return port;
}

void HttpServer::Stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

void HttpServer::Wait() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace brickyard::http
