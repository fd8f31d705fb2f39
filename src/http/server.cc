#include "http/server.h"

#include <httplib.h>
#include <malloc.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <memory>

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

// Moves the body (set_content would copy it).
void ToHttplib(Reply&& in, httplib::Response& out) {
  out.status = in.status;
  for (const auto& [k, v] : in.headers) out.set_header(k, v);
  if (!in.body.empty() || !in.content_type.empty()) {
    out.set_header("Content-Type", in.content_type.empty() ? "text/plain" : in.content_type);
    out.body = std::move(in.body);
  }
}

// Connections the kernel queues before accept(). cpp-httplib listens with a
// fixed backlog of 5, so a burst of clients would wait out SYN retries.
constexpr int kListenBacklog = 1024;

// Responses from this size on return their working memory to the system
// (the trim costs about a millisecond; such responses take several).
constexpr size_t kLargeBody = 512 << 10;

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
  // Clients that poll /queue reuse their connection. Without TCP_NODELAY a
  // kept-alive request waits for the peer's delayed ACK (~40 ms).
  server_->set_keep_alive_max_count(1000);
  server_->set_tcp_nodelay(true);
  // The library calls this for the listening socket only (before bind); it
  // replaces the default options, so apply those too and keep the fd to
  // widen the backlog once the socket listens.
  auto listen_fd = std::make_shared<std::atomic<int>>(-1);
  server_->set_socket_options([listen_fd](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_fd->store(sock);
  });
  // Every method goes to the pipeline, which does its own routing (so that
  // authentication precedes 404/405 as in Heketi). The library reads request
  // bodies only for routed handlers, hence one catch-all route per method.
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    auto start = std::chrono::steady_clock::now();
    Reply reply = pipeline_.Handle(FromHttplib(req));
    const int status = reply.status;
    ToHttplib(std::move(reply), res);
    // What built a large body is freed by now, scattered over the heap.
    if (res.body.size() >= kLargeBody) malloc_trim(0);
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    // Never log headers: they carry tokens.
    spdlog::debug("{} {} {} {}us from {}", req.method, req.path, status, us.count(), req.remote_addr);
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
  // Listening again on a listening socket only changes its backlog.
  if (int fd = listen_fd->load(); fd < 0 || ::listen(fd, kListenBacklog) != 0) {
    spdlog::warn("cannot widen the listen backlog to {}; bursts of connections may be delayed",
                 kListenBacklog);
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
