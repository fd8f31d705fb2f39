// Fuzz target: the JWT verifier (auth/jwt.h) behind every authenticated
// request. The first input byte picks what the rest is:
//   0: the Authorization header value, verbatim;
//   1: "<JOSE header JSON>\n<claims JSON>", signed here with the admin key,
//      so the claim checks behind the signature are reached;
//   2: the same, signed with a key the verifier does not hold.
// Contract checked: no crash, leak, UB or exception; and a token signed with
// a key the verifier does not hold (mode 2) is never accepted.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "auth/base64url.h"
#include "auth/jwt.h"
#include "common/clock.h"

namespace {

using namespace brickyard;

constexpr std::string_view kAdminKey = "admin-secret";
constexpr std::string_view kUserKey = "user-secret";
constexpr std::string_view kForeignKey = "not-a-configured-secret";
constexpr int64_t kNow = 1700000000;

// "<b64 header>.<b64 claims>.<b64 HMAC-SHA256(key)>".
std::string Sign(std::string_view header, std::string_view claims, std::string_view key) {
  std::string input = auth::Base64UrlEncode(header) + "." + auth::Base64UrlEncode(claims);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  return input + "." + auth::Base64UrlEncode(std::string_view(reinterpret_cast<char*>(mac), len));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const FakeClock clock(kNow);
  static const auth::Verifier verifier(
      auth::VerifierOptions{std::string(kAdminKey), std::string(kUserKey), 120, 60}, clock);

  const uint8_t mode = data[0] % 3;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string header;
  if (mode == 0) {
    header = std::string(rest);
  } else {
    size_t nl = rest.find('\n');
    std::string_view jose = nl == std::string_view::npos ? R"({"alg":"HS256","typ":"JWT"})"
                                                         : rest.substr(0, nl);
    std::string_view claims = nl == std::string_view::npos ? rest : rest.substr(nl + 1);
    header = "Bearer " + Sign(jose, claims, mode == 1 ? kAdminKey : kForeignKey);
  }

  auto identity = verifier.Verify(header, "GET", "/volumes");
  if (mode == 2 && identity.ok()) std::abort();  // a forged token was accepted
  return 0;
}
