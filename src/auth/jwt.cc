#include "auth/jwt.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "auth/base64url.h"
#include "common/strings.h"

namespace brickyard::auth {
namespace {

using Json = nlohmann::json;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

Status InvalidToken(std::string_view reason) {
  return Unauthenticated("Invalid JWT token: " + std::string(reason));
}

int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_add_overflow(a, b, &out)) return b > 0 ? kInt64Max : kInt64Min;
  return out;
}

int64_t SaturatingSub(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_sub_overflow(a, b, &out)) return b < 0 ? kInt64Max : kInt64Min;
  return out;
}

// Renders whole seconds the way Go's time.Duration prints: "3s", "1m5s",
// "2h0m7s".
std::string GoDuration(int64_t seconds) {
  std::string sign;
  uint64_t s = static_cast<uint64_t>(seconds);
  if (seconds < 0) {
    sign = "-";
    s = 0 - s;
  }
  uint64_t h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
  if (h > 0) return sign + std::to_string(h) + "h" + std::to_string(m) + "m" + std::to_string(sec) + "s";
  if (m > 0) return sign + std::to_string(m) + "m" + std::to_string(sec) + "s";
  return sign + std::to_string(sec) + "s";
}

// HMAC digests by JWT "alg"; nullptr for anything else.
const EVP_MD* HmacDigest(std::string_view alg) {
  if (alg == "HS256") return EVP_sha256();
  if (alg == "HS384") return EVP_sha384();
  if (alg == "HS512") return EVP_sha512();
  return nullptr;
}

// Algorithms a JWT library knows but which are not HMAC: rejected by name.
bool IsKnownNonHmac(std::string_view alg) {
  static constexpr std::array<std::string_view, 10> kKnown = {"none",  "RS256", "RS384", "RS512", "PS256",
                                                              "PS384", "PS512", "ES256", "ES384", "ES512"};
  return std::find(kKnown.begin(), kKnown.end(), alg) != kKnown.end();
}

// One keyed HMAC context per (digest, key) and thread. OpenSSL 3's one-shot
// HMAC() fetches the MAC and digest implementations on every call, which
// dominated token checks; a keyed context is only re-initialised (same key)
// per message. Bounded: the cache is emptied past kMaxCachedKeys entries.
class HmacCache {
 public:
  ~HmacCache() { Clear(); }

  // The context for (md, key), initialised for a new message; nullptr on an
  // OpenSSL failure.
  EVP_MAC_CTX* Get(const EVP_MD* md, std::string_view key) {
    for (auto& e : entries_) {
      if (e.md == md && e.key == key) return EVP_MAC_init(e.ctx, nullptr, 0, nullptr) == 1 ? e.ctx : nullptr;
    }
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);  // never freed
    if (mac == nullptr) return nullptr;
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    if (ctx == nullptr) return nullptr;
    static const unsigned char kNoKey = 0;
    const unsigned char* key_ptr =
        key.empty() ? &kNoKey : reinterpret_cast<const unsigned char*>(key.data());
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
        OSSL_PARAM_construct_end()};
    if (EVP_MAC_init(ctx, key_ptr, key.size(), params) != 1) {
      EVP_MAC_CTX_free(ctx);
      return nullptr;
    }
    if (entries_.size() >= kMaxCachedKeys) Clear();
    entries_.push_back({md, std::string(key), ctx});
    return ctx;
  }

 private:
  static constexpr size_t kMaxCachedKeys = 8;
  struct Entry {
    const EVP_MD* md;
    std::string key;
    EVP_MAC_CTX* ctx;
  };
  void Clear() {
    for (auto& e : entries_) EVP_MAC_CTX_free(e.ctx);
    entries_.clear();
  }
  std::vector<Entry> entries_;
};

// HMAC of `data` under `key` with `md`; "" on an OpenSSL failure.
std::string Hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  thread_local HmacCache cache;
  EVP_MAC_CTX* ctx = cache.Get(md, key);
  if (ctx == nullptr) return "";
  unsigned char out[EVP_MAX_MD_SIZE];
  size_t len = 0;
  if (EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1 ||
      EVP_MAC_final(ctx, out, &len, sizeof(out)) != 1) {
    return "";
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

// Decodes one base64url segment holding a JSON object.
Result<Json> DecodeJsonSegment(std::string_view segment, std::string_view what) {
  BY_ASSIGN_OR_RETURN(std::string raw, Base64UrlDecode(segment));
  Json j = Json::parse(raw, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument("token " + std::string(what) + " is not valid JSON");
  if (!j.is_object()) return InvalidArgument("token " + std::string(what) + " is not a JSON object");
  return j;
}

// How a fractional numeric claim is brought to whole seconds. Rounding
// toward the permissive side would widen a window, so exp rounds down and
// iat/nbf round up.
enum class Round { kDown, kUp };

// Reads an optional numeric claim (JSON integer or float; null = absent).
Result<std::optional<int64_t>> NumericClaim(const Json& claims, const char* name, Round round) {
  auto it = claims.find(name);
  if (it == claims.end() || it->is_null()) return std::optional<int64_t>();
  if (it->is_number_unsigned()) {
    uint64_t u = it->get<uint64_t>();
    return std::optional<int64_t>(u > static_cast<uint64_t>(kInt64Max) ? kInt64Max : static_cast<int64_t>(u));
  }
  if (it->is_number_integer()) return std::optional<int64_t>(it->get<int64_t>());
  if (it->is_number_float()) {
    double d = it->get<double>();
    d = round == Round::kDown ? std::floor(d) : std::ceil(d);
    if (d >= 9.2233720368547758e18) return std::optional<int64_t>(kInt64Max);
    if (d <= -9.2233720368547758e18) return std::optional<int64_t>(kInt64Min);
    return std::optional<int64_t>(static_cast<int64_t>(d));
  }
  return InvalidArgument(std::string(name) + " claim must be a number");
}

// Reads an optional string claim (null = absent).
Result<std::optional<std::string>> StringClaim(const Json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return InvalidArgument(std::string(name) + " claim must be a string");
  return std::optional<std::string>(it->get<std::string>());
}

struct Claims {
  std::optional<std::string> iss;
  std::optional<std::string> qsh;
  std::optional<int64_t> iat;
  std::optional<int64_t> exp;
  std::optional<int64_t> nbf;
};

Result<Claims> ReadClaims(const Json& j) {
  Claims c;
  BY_ASSIGN_OR_RETURN(c.iss, StringClaim(j, "iss"));
  BY_ASSIGN_OR_RETURN(c.qsh, StringClaim(j, "qsh"));
  BY_ASSIGN_OR_RETURN(c.iat, NumericClaim(j, "iat", Round::kUp));
  BY_ASSIGN_OR_RETURN(c.exp, NumericClaim(j, "exp", Round::kDown));
  BY_ASSIGN_OR_RETURN(c.nbf, NumericClaim(j, "nbf", Round::kUp));
  return c;
}

// Time-based checks. When several fail, the last one's reason is reported
// (nbf over iat over exp), as Heketi does. Returns "" when all pass.
std::string TimeFailure(const Claims& c, int64_t now, int64_t iat_leeway, int64_t exp_leeway) {
  std::string reason;
  int64_t exp = c.exp.value_or(0);  // a missing exp is expired since the epoch
  if (now > SaturatingAdd(exp, exp_leeway)) {
    reason = "Token is expired by " + GoDuration(SaturatingSub(now, exp));
  }
  if (c.iat && *c.iat > SaturatingAdd(now, iat_leeway)) {
    reason = "Token used before issued (client and server clocks may differ)";
  }
  if (c.nbf && now < *c.nbf) reason = "token is not valid yet";
  return reason;
}

std::vector<std::string_view> SplitFields(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::string Qsh(std::string_view method, std::string_view path) {
  std::string claim = std::string(method) + "&" + std::string(path);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(claim.data(), claim.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

Verifier::Verifier(VerifierOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {
  options_.iat_leeway_s = std::max<int64_t>(0, options_.iat_leeway_s);
  options_.exp_leeway_s = std::max<int64_t>(0, options_.exp_leeway_s);
}

Result<Identity> Verifier::Verify(std::string_view authorization_header, std::string_view method,
                                  std::string_view path) const {
  std::string_view header = TrimSpace(authorization_header);
  if (header.empty()) return Unauthenticated("Required authorization token not found");
  std::vector<std::string_view> parts = SplitFields(header);
  if (parts.size() != 2 || !EqualsIgnoreCase(parts[0], "bearer")) {
    return InvalidArgument("Authorization header format must be Bearer {token}");
  }

  // The steps below run in the order Heketi's JWT library runs them, so the
  // same token fails with the same reason.
  std::vector<std::string> segments = Split(parts[1], '.');
  if (segments.size() != 3) return InvalidToken("token contains an invalid number of segments");
  auto header_json = DecodeJsonSegment(segments[0], "header");
  if (!header_json.ok()) return InvalidToken(header_json.status().message());
  auto claims_json = DecodeJsonSegment(segments[1], "claims");
  if (!claims_json.ok()) return InvalidToken(claims_json.status().message());
  auto claims = ReadClaims(*claims_json);
  if (!claims.ok()) return InvalidToken(claims.status().message());

  auto alg_it = header_json->find("alg");
  if (alg_it == header_json->end() || !alg_it->is_string()) {
    return InvalidToken("signing method (alg) is unspecified.");
  }
  std::string alg = alg_it->get<std::string>();
  const EVP_MD* md = HmacDigest(alg);
  if (md == nullptr) {
    if (IsKnownNonHmac(alg)) return InvalidToken("Unexpected signing method: " + alg);
    return InvalidToken("signing method (alg) is unavailable.");
  }

  // The issuer selects the key. An issuer with no configured key is unknown:
  // an empty secret must never validate anything.
  if (!claims->iss || claims->iss->empty()) return InvalidToken("Token missing iss claim");
  Identity id;
  const std::string* key = nullptr;
  if (*claims->iss == "admin") {
    id.role = Role::kAdmin;
    key = &options_.admin_key;
  } else if (*claims->iss == "user") {
    id.role = Role::kUser;
    key = &options_.user_key;
  }
  if (key == nullptr || key->empty()) return InvalidToken("Unknown user");
  id.issuer = *claims->iss;

  std::string time_failure =
      TimeFailure(*claims, clock_.NowUnix(), options_.iat_leeway_s, options_.exp_leeway_s);

  // A bad signature outranks every claim failure.
  std::string expected = Hmac(md, *key, segments[0] + "." + segments[1]);
  auto given = Base64UrlDecode(segments[2]);
  if (expected.empty() || !given.ok() || given->size() != expected.size() ||
      CRYPTO_memcmp(given->data(), expected.data(), expected.size()) != 0) {
    return InvalidToken("signature is invalid (client and server secrets may not match)");
  }
  if (!time_failure.empty()) return InvalidToken(time_failure);

  if (!claims->qsh || *claims->qsh != Qsh(method, path)) {
    return Unauthenticated("Invalid qsh claim in token");
  }
  return id;
}

std::string SignToken(std::string_view issuer, std::string_view key, std::string_view method,
                      std::string_view path, int64_t now_unix, int64_t ttl_s) {
  Json claims = {
      {"iss", std::string(issuer)},
      {"iat", now_unix},
      {"exp", SaturatingAdd(now_unix, ttl_s)},
      {"qsh", Qsh(method, path)},
  };
  std::string signing_input =
      Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})") + "." + Base64UrlEncode(claims.dump());
  return signing_input + "." + Base64UrlEncode(Hmac(EVP_sha256(), key, signing_input));
}

}  // namespace brickyard::auth
