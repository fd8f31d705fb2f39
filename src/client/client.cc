#include "client/client.h"

#include <algorithm>
#include <charconv>
#include <random>
#include <thread>

#include "auth/jwt.h"
#include "client/http_error.h"
#include "common/json_parse.h"
#include "common/strings.h"

namespace brickyard::client {

namespace {

using SteadyClock = std::chrono::steady_clock;

bool IsSuccess(int status) { return status >= 200 && status < 300; }

Reply ToReply(HttpResponse r) {
  Reply out;
  out.status = r.status;
  out.content_type = r.Header("Content-Type");
  out.body = std::move(r.body);
  return out;
}

std::chrono::milliseconds RandomBetween(std::chrono::milliseconds lo, std::chrono::milliseconds hi) {
  if (hi <= lo) return lo;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<int64_t> dist(lo.count(), hi.count());
  return std::chrono::milliseconds(dist(rng));
}

// Retry-After in seconds (the only form Heketi-style servers send).
std::optional<std::chrono::milliseconds> RetryAfter(const HttpResponse& r) {
  std::string v(TrimSpace(r.Header("Retry-After")));
  int64_t s = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), s);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size() || s < 0) return std::nullopt;
  return std::chrono::milliseconds(std::min<int64_t>(s, 3600) * 1000);
}

}  // namespace

Client::Client(BaseUrl base, ClientOptions options, std::unique_ptr<Transport> transport,
               const brickyard::Clock& clock)
    : base_(std::move(base)), options_(std::move(options)), transport_(std::move(transport)),
      clock_(clock) {}

void Client::Sleep(std::chrono::milliseconds d) const {
  if (options_.sleep) {
    options_.sleep(d);
  } else {
    std::this_thread::sleep_for(d);
  }
}

void Client::Report(SteadyClock::time_point start, const std::string& job, std::string message) const {
  if (!options_.progress) return;
  Progress p;
  p.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start);
  p.job = job;
  p.message = std::move(message);
  options_.progress(p);
}

Result<HttpResponse> Client::SendSigned(std::string_view method, const std::string& path,
                                        const std::string& body, const std::string& job,
                                        SteadyClock::time_point start) const {
  for (int attempt = 0;; ++attempt) {
    HttpRequest req;
    req.method = std::string(method);
    req.path = path;
    req.body = body;
    req.headers.emplace_back(
        "Authorization", "Bearer " + auth::SignToken(options_.user, options_.key, method, path,
                                                     clock_.NowUnix(), options_.token_ttl_s));
    BY_ASSIGN_OR_RETURN(HttpResponse r, transport_->Send(req));
    if (r.status != 429 || attempt >= options_.busy_retries) return r;
    auto delay = RetryAfter(r).value_or(
        RandomBetween(options_.busy_delay_min, options_.busy_delay_max));
    std::string note(TrimSpace(r.body));
    if (note.empty()) note = "Server busy";
    Report(start, job.empty() ? path : job,
           note + " (retry " + std::to_string(attempt + 1) + " of " +
               std::to_string(options_.busy_retries) + " in " +
               std::to_string((delay.count() + 999) / 1000) + "s)");
    Sleep(delay);
  }
}

Result<Reply> Client::FollowSeeOther(const HttpResponse& response, SteadyClock::time_point start) const {
  std::string location = response.Header("Location");
  if (location.empty())
    return Internal("The server answered 303 without a Location header");
  std::string path = LocationPath(location);
  if (!base_.prefix.empty() && location.find("://") == std::string::npos &&
      !StartsWith(path, base_.prefix + "/"))
    path = base_.prefix + path;
  BY_ASSIGN_OR_RETURN(HttpResponse r, SendSigned("GET", path, "", path, start));
  if (!IsSuccess(r.status)) return ErrorFromResponse(r);
  return ToReply(std::move(r));
}

Result<Reply> Client::FollowQueue(const std::string& location, SteadyClock::time_point start) const {
  std::string path = LocationPath(location);
  if (!base_.prefix.empty() && location.find("://") == std::string::npos &&
      !StartsWith(path, base_.prefix + "/"))
    path = base_.prefix + path;
  auto delay = options_.poll_initial;
  while (true) {
    BY_ASSIGN_OR_RETURN(HttpResponse r, SendSigned("GET", path, "", path, start));
    if (r.status == 200 && r.HasHeader("X-Pending")) {
      std::string note(TrimSpace(r.body));
      Report(start, path, note.empty() ? "pending" : note);
      Sleep(delay);
      delay = std::min(delay * 2, options_.poll_max);
      continue;
    }
    if (r.status == 303) return FollowSeeOther(r, start);
    if (IsSuccess(r.status)) return ToReply(std::move(r));
    return ErrorFromResponse(r);
  }
}

Result<Reply> Client::Call(std::string_view method, std::string_view path,
                           const std::optional<Json>& body) const {
  const auto start = SteadyClock::now();
  const std::string wire = base_.prefix + std::string(path);
  const std::string text = body ? body->dump() : std::string();
  BY_ASSIGN_OR_RETURN(HttpResponse r, SendSigned(method, wire, text, "", start));
  if (r.status == 202) {
    std::string location = r.Header("Location");
    if (location.empty()) return ToReply(std::move(r));
    return FollowQueue(location, start);
  }
  if (r.status == 303) return FollowSeeOther(r, start);
  if (IsSuccess(r.status)) return ToReply(std::move(r));
  return ErrorFromResponse(r);
}

Result<Json> Client::CallJson(std::string_view method, std::string_view path,
                              const std::optional<Json>& body) const {
  BY_ASSIGN_OR_RETURN(Reply reply, Call(method, path, body));
  if (TrimSpace(reply.body).empty()) return Json();
  Result<Json> parsed = ParseOrderedJson(reply.body);
  if (!parsed.ok()) {
    return Internal("Unable to parse the server's response to " + std::string(method) + " " +
                    std::string(path) + ": " + parsed.status().message());
  }
  return parsed;
}

}  // namespace brickyard::client
