#include "http_client.h"

#include <chrono>
#include <thread>

#include "auth/jwt.h"

namespace brickyard::testing {

std::string Response::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

nlohmann::json Response::Json() const { return nlohmann::json::parse(body); }

TestClient::TestClient(std::string base_url, std::string issuer, std::string key)
    : base_(std::move(base_url)), issuer_(std::move(issuer)), key_(std::move(key)), client_(base_) {
  client_.set_read_timeout(60, 0);
  client_.set_keep_alive(true);
}

Response TestClient::DoRaw(const std::string& method, const std::string& path,
                           const std::string& body, const httplib::Headers& headers) {
  httplib::Request req;
  req.method = method;
  req.path = path;
  req.headers = headers;
  req.body = body;
  auto res = client_.send(req);
  Response out;
  if (!res) {
    out.body = "transport error: " + httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  out.body = res->body;
  out.headers = res->headers;
  return out;
}

Response TestClient::Do(const std::string& method, const std::string& path, const std::string& body) {
  httplib::Headers headers;
  if (!issuer_.empty()) {
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    std::string q = path.substr(0, path.find('?'));
    headers.emplace("Authorization", "Bearer " + auth::SignToken(issuer_, key_, method, q, now));
  }
  return DoRaw(method, path, body, headers);
}

Response TestClient::Wait(const Response& accepted) {
  if (accepted.status != 202) return accepted;
  std::string loc = accepted.Header("Location");
  // Bounded by time, not by polls: a loaded machine answers slowly.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    Response r = Do("GET", loc);
    if (r.status == 200 && !r.Header("X-Pending").empty()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    if (r.status == 303) return Do("GET", r.Header("Location"));
    return r;
  }
  return Response{};
}

Response TestClient::Run(const std::string& method, const std::string& path, const std::string& body) {
  return Wait(Do(method, path, body));
}

}  // namespace brickyard::testing
