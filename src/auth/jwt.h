// JWT (HS256/384/512) verification and signing as Heketi's clients use it
// (spec heketi-api §4): claims iss ("admin"|"user"), iat, exp (required), nbf,
// and qsh = hex(sha256("<METHOD>&<PATH>")).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"

namespace brickyard::auth {

enum class Role { kAdmin, kUser };

struct Identity {
  Role role = Role::kAdmin;
  std::string issuer;  // "admin" or "user"
};

struct VerifierOptions {
  std::string admin_key;
  std::string user_key;
  int64_t iat_leeway_s = 120;  // iat may be this far in the future
  int64_t exp_leeway_s = 60;   // exp may be this far in the past (DECISIONS #5)
};

// Lower-case hex SHA-256 of "<METHOD>&<PATH>".
std::string Qsh(std::string_view method, std::string_view path);

// Verifies an Authorization header value for a request. Thread-safe.
// Errors (message texts are Heketi's, spec §4.3):
//   Unauthenticated "Required authorization token not found" (empty header)
//   InvalidArgument "Authorization header format must be Bearer {token}"
//   Unauthenticated "Invalid JWT token: <reason>" (signature, claims, expiry...)
//   Unauthenticated "Invalid qsh claim in token"
// The header is trimmed; "" is the missing-token case. An issuer whose key is
// empty is treated as unknown ("Unknown user"), so an empty secret never
// validates. A bad signature outranks claim failures; among exp, iat and nbf
// the last failing check is reported, as Heketi does. Negative leeways count
// as 0. Nothing is logged.
class Verifier {
 public:
  Verifier(VerifierOptions options, const Clock& clock);
  Result<Identity> Verify(std::string_view authorization_header, std::string_view method,
                          std::string_view path) const;

 private:
  VerifierOptions options_;
  const Clock& clock_;
};

// Builds a signed HS256 token for `issuer` with iat = now, exp = now + ttl_s
// and the qsh of (method, path). Used by the CLI, the client and tests.
std::string SignToken(std::string_view issuer, std::string_view key, std::string_view method,
                      std::string_view path, int64_t now_unix, int64_t ttl_s = 300);

}  // namespace brickyard::auth
