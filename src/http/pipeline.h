// Pipeline: the order every request goes through (spec heketi-api §2.1):
// unauthenticated routes (/hello, /metrics) → JWT authentication → role check
// → admin-state gate → trailing-slash redirect → router. Thread-safe once
// built; Handle may be called from many server threads at once.
#pragma once

#include <memory>
#include <string>

#include "auth/jwt.h"
#include "http/admin_state.h"
#include "http/message.h"
#include "http/router.h"

namespace brickyard::http {

class Pipeline {
 public:
  // `verifier` null means authentication is off: every caller is admin.
  Pipeline(std::unique_ptr<auth::Verifier> verifier, AdminState& admin, Router& router,
           Handler metrics);

  Reply Handle(Request request) const;

  // Whether a user-role caller may use this method and path (DECISIONS #2).
  static bool UserMayAccess(const std::string& method, const std::string& path);

 private:
  std::unique_ptr<auth::Verifier> verifier_;
  AdminState& admin_;
  Router& router_;
  Handler metrics_;
};

}  // namespace brickyard::http
