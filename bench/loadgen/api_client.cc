#include "api_client.h"

#include <httplib.h>

#include <thread>

#include "auth/jwt.h"
#include "bench_server.h"

namespace brickyard::bench {

struct ApiClient::Impl {
  Impl(int port, bool keep_alive) : http("127.0.0.1", port) {
    http.set_keep_alive(keep_alive);
    http.set_tcp_nodelay(true);
    http.set_connection_timeout(10, 0);
    http.set_read_timeout(600, 0);
    http.set_write_timeout(60, 0);
  }
  httplib::Client http;
};

ApiClient::ApiClient(int port, bool keep_alive)
    : impl_(new Impl(port, keep_alive)), user_("admin"), key_(kAdminKey) {}

ApiClient::~ApiClient() { delete impl_; }

HttpReply ApiClient::Send(const std::string& method, const std::string& path, const std::string& body) {
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  httplib::Request req;
  req.method = method;
  req.path = path;
  req.headers.emplace("Authorization", "Bearer " + auth::SignToken(user_, key_, method, path, now));
  if (!body.empty()) {
    req.body = body;
    req.headers.emplace("Content-Type", "application/json");
  }
  HttpReply out;
  httplib::Result res{nullptr, httplib::Error::Unknown};
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ++stats_.requests;
    res = impl_->http.send(req);
    if (res) break;
    ++stats_.no_answer;
  }
  if (!res) {
    out.error = httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  out.body = std::move(res->body);
  out.location = res->get_header_value("Location");
  out.pending = res->has_header("X-Pending");
  return out;
}

Result<HttpReply> ApiClient::Call(const std::string& method, const std::string& path,
                                  const std::string& body, PollPolicy poll) {
  auto fail = [&](const HttpReply& r, const std::string& what) -> Status {
    if (r.status == 0) return Unavailable(what + ": no answer from the server (" + r.error + ")");
    return Internal(what + ": HTTP " + std::to_string(r.status) + " " + r.body);
  };
  HttpReply r;
  while (true) {
    r = Send(method, path, body);
    if (r.status != 429) break;
    ++stats_.busy;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (r.status == 202 && !r.location.empty()) {
    const std::string queue = r.location;
    auto delay = poll.first;
    while (true) {
      r = Send("GET", queue);
      if (r.status == 200 && r.pending) {
        std::this_thread::sleep_for(delay);
        delay = std::min(delay * 2, poll.max);
        continue;
      }
      break;
    }
  }
  if (r.status == 303) {
    const std::string target = r.location;
    r = Send("GET", target);
  }
  if (r.status >= 200 && r.status < 300) return r;
  return fail(r, method + " " + path);
}

}  // namespace brickyard::bench
