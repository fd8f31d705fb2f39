#include "http/pipeline.h"

#include "common/ids.h"
#include "common/strings.h"

namespace brickyard::http {

Pipeline::Pipeline(std::unique_ptr<auth::Verifier> verifier, AdminState& admin, Router& router,
                   Handler metrics)
    : verifier_(std::move(verifier)), admin_(admin), router_(router), metrics_(std::move(metrics)) {}

bool Pipeline::UserMayAccess(const std::string& method, const std::string& path) {
  if (path == "/volumes") return method == "GET" || method == "POST";
  std::vector<std::string> segs = Split(path, '/');  // "", "volumes", "<id>", ...
  if (segs.size() == 3 && segs[1] == "queue" && IsHex(segs[2])) return method == "GET";
  if (segs.size() >= 3 && segs[1] == "volumes" && IsHex(segs[2])) {
    if (segs.size() == 3) return method == "GET" || method == "DELETE";
    if (segs.size() == 4 && segs[3] == "expand") return method == "POST";
  }
  return false;
}

Reply Pipeline::Handle(Request req) const {
  if (req.method == "GET" && req.path == "/hello") {
    Reply r;
    r.content_type = "text/plain; charset=UTF-8";
    r.body = "Hello from Heketi";
    return r;
  }
  if (req.method == "GET" && req.path == "/metrics") return metrics_(req);

  if (verifier_) {
    auto it = req.headers.find("authorization");
    std::string header = it == req.headers.end() ? "" : it->second;
    auto identity = verifier_->Verify(header, req.method, req.path);
    if (!identity.ok()) return ErrorReply(identity.status());
    req.identity = *identity;
    if (identity->role == auth::Role::kUser && !UserMayAccess(req.method, req.path)) {
      return TextError(401, "Administrator access required");
    }
  }

  const bool mutating = req.method != "GET" && req.method != "HEAD";
  if (mutating) {
    AdminMode mode = admin_.Get();
    // Brickyard lets POST /admin through in read-only mode so the API can
    // leave it (Heketi needed a signal or a restart).
    bool leaving_maintenance = req.method == "POST" && req.path == "/admin";
    if (mode == AdminMode::kReadOnly && !leaving_maintenance) {
      return TextError(503, "Service disabled for maintenance");
    }
    if (mode == AdminMode::kLocalClient && req.remote_addr != "127.0.0.1" &&
        req.remote_addr != "::1" && req.remote_addr != "::ffff:127.0.0.1") {
      return TextError(503, "Service disabled for maintenance");
    }
  }

  if (req.path.size() > 1 && req.path.back() == '/') {
    Reply r;
    r.status = 301;
    std::string target = req.path;
    while (target.size() > 1 && target.back() == '/') target.pop_back();
    r.headers.emplace_back("Location", target);
    return r;
  }

  Router::Match m = router_.Find(req.method, req.path);
  switch (m.outcome) {
    case Router::Outcome::kNotFound: return TextError(404, "Invalid path or request");
    case Router::Outcome::kWrongMethod: return Empty(405);
    case Router::Outcome::kFound: break;
  }
  req.params = std::move(m.params);
  return (*m.handler)(req);
}

}  // namespace brickyard::http
