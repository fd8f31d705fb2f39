#include "auth/jwt.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "auth/base64url.h"

namespace brickyard::auth {
namespace {

using Json = nlohmann::json;

constexpr int64_t kNow = 1700000000;
constexpr char kAdminKey[] = "admin-secret";
constexpr char kUserKey[] = "user-secret";
constexpr char kInvalidHeader[] = "Authorization header format must be Bearer {token}";

std::string Hmac(const EVP_MD* md, const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

// Builds a token from a raw header and claims; `md` null leaves the
// signature empty (as an "alg":"none" token has).
std::string MakeToken(const std::string& header, const Json& claims, const std::string& key,
                      const EVP_MD* md = EVP_sha256()) {
  std::string input = Base64UrlEncode(header) + "." + Base64UrlEncode(claims.dump());
  std::string sig = md ? Base64UrlEncode(Hmac(md, key, input)) : "";
  return input + "." + sig;
}

std::string Hs256Header() {
  return R"({"alg":"HS256","typ":"JWT"})";
}

Json Claims(const std::string& iss, const std::string& method = "GET",
            const std::string& path = "/clusters") {
  return {{"iss", iss}, {"iat", kNow}, {"exp", kNow + 300}, {"qsh", Qsh(method, path)}};
}

class JwtTest : public ::testing::Test {
 protected:
  Result<Identity> Check(const std::string& token, const std::string& method = "GET",
                         const std::string& path = "/clusters") {
    Verifier v(options_, clock_);
    return v.Verify("Bearer " + token, method, path);
  }

  // Expects an Unauthenticated "Invalid JWT token: <reason>".
  void ExpectInvalid(const std::string& token, const std::string& reason) {
    auto r = Check(token);
    ASSERT_FALSE(r.ok()) << reason;
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
    EXPECT_EQ(r.status().message(), "Invalid JWT token: " + reason);
  }

  VerifierOptions options_{kAdminKey, kUserKey, 120, 60};
  FakeClock clock_{kNow};
};

TEST(QshTest, IsHexSha256OfMethodAndPath) {
  EXPECT_EQ(Qsh("GET", "/hello"), "84bedd9fc71af0652eb0430a84c77d1d8e3d818132ec7af669283b698116362e");
  EXPECT_EQ(Qsh("POST", "/volumes"), "3a9831a9908924e3f78fe948585f41849e92724522f5153cb91aff7f8ea48eac");
}

TEST_F(JwtTest, AcceptsAdminToken) {
  auto r = Check(SignToken("admin", kAdminKey, "GET", "/clusters", kNow));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->role, Role::kAdmin);
  EXPECT_EQ(r->issuer, "admin");
}

TEST_F(JwtTest, AcceptsUserToken) {
  auto r = Check(SignToken("user", kUserKey, "POST", "/volumes", kNow), "POST", "/volumes");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->role, Role::kUser);
  EXPECT_EQ(r->issuer, "user");
}

TEST_F(JwtTest, AcceptsTokenFromAnotherImplementation) {
  // Signed independently with key "My Secret": iat 1700000000, exp +300, POST /volumes.
  const std::string token =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
      "eyJpc3MiOiJhZG1pbiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwMzAwLCJxc2giOiIzYTk4MzFhOTkwODkyNG"
      "UzZjc4ZmU5NDg1ODVmNDE4NDllOTI3MjQ1MjJmNTE1M2NiOTFhZmY3ZjhlYTQ4ZWFjIn0."
      "nax0Am-gjTj16KcLWGT66Mlf9ckIP5R3K_j-iZL_Vxc";
  options_.admin_key = "My Secret";
  EXPECT_TRUE(Check(token, "POST", "/volumes").ok());
}

TEST_F(JwtTest, SignTokenShape) {
  std::string token = SignToken("admin", kAdminKey, "DELETE", "/volumes/ab", kNow, 42);
  auto dot1 = token.find('.'), dot2 = token.rfind('.');
  EXPECT_EQ(*Base64UrlDecode(token.substr(0, dot1)), R"({"alg":"HS256","typ":"JWT"})");
  Json claims = Json::parse(*Base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1)));
  EXPECT_EQ(claims["iss"], "admin");
  EXPECT_EQ(claims["iat"], kNow);
  EXPECT_EQ(claims["exp"], kNow + 42);
  EXPECT_EQ(claims["qsh"], Qsh("DELETE", "/volumes/ab"));
}

TEST_F(JwtTest, RejectsExpiredToken) {
  clock_.Set(kNow + 300 + 61);
  ExpectInvalid(SignToken("admin", kAdminKey, "GET", "/clusters", kNow), "Token is expired by 1m1s");
  clock_.Set(kNow + 300 + 3725);
  ExpectInvalid(SignToken("admin", kAdminKey, "GET", "/clusters", kNow), "Token is expired by 1h2m5s");
}

TEST_F(JwtTest, AcceptsExpiredTokenWithinLeeway) {
  clock_.Set(kNow + 300 + 60);
  EXPECT_TRUE(Check(SignToken("admin", kAdminKey, "GET", "/clusters", kNow)).ok());
}

TEST_F(JwtTest, ZeroLeewayChecksExpExactly) {
  options_.exp_leeway_s = 0;
  clock_.Set(kNow + 300);
  EXPECT_TRUE(Check(SignToken("admin", kAdminKey, "GET", "/clusters", kNow)).ok());
  clock_.Set(kNow + 303);
  ExpectInvalid(SignToken("admin", kAdminKey, "GET", "/clusters", kNow), "Token is expired by 3s");
}

TEST_F(JwtTest, MissingExpIsExpired) {
  Json claims = Claims("admin");
  claims.erase("exp");
  // Expired since the epoch: 1700000000 s.
  ExpectInvalid(MakeToken(Hs256Header(), claims, kAdminKey), "Token is expired by 472222h13m20s");
}

TEST_F(JwtTest, RejectsIatInTheFutureBeyondLeeway) {
  Json claims = Claims("admin");
  claims["iat"] = kNow + 120;
  EXPECT_TRUE(Check(MakeToken(Hs256Header(), claims, kAdminKey)).ok());
  claims["iat"] = kNow + 121;
  ExpectInvalid(MakeToken(Hs256Header(), claims, kAdminKey),
                "Token used before issued (client and server clocks may differ)");
}

TEST_F(JwtTest, ChecksNbfWhenPresent) {
  Json claims = Claims("admin");
  claims["nbf"] = kNow;
  EXPECT_TRUE(Check(MakeToken(Hs256Header(), claims, kAdminKey)).ok());
  claims["nbf"] = kNow + 1;
  ExpectInvalid(MakeToken(Hs256Header(), claims, kAdminKey), "token is not valid yet");
}

TEST_F(JwtTest, LaterTimeCheckWins) {
  // exp, iat and nbf are checked in that order; the last failure is reported.
  Json claims = Claims("admin");
  claims["exp"] = kNow - 100;
  claims["iat"] = kNow + 500;
  ExpectInvalid(MakeToken(Hs256Header(), claims, kAdminKey),
                "Token used before issued (client and server clocks may differ)");
  claims["nbf"] = kNow + 500;
  ExpectInvalid(MakeToken(Hs256Header(), claims, kAdminKey), "token is not valid yet");
}

TEST_F(JwtTest, NumericClaimsMayBeFloats) {
  Json claims = Claims("admin");
  claims["iat"] = static_cast<double>(kNow) + 0.25;
  claims["exp"] = static_cast<double>(kNow) + 10.5;
  EXPECT_TRUE(Check(MakeToken(Hs256Header(), claims, kAdminKey)).ok());
  options_.exp_leeway_s = 0;
  clock_.Set(kNow + 11);
  ExpectInvalid(MakeToken(Hs256Header(), claims, kAdminKey), "Token is expired by 1s");
}

TEST_F(JwtTest, RejectsClaimsOfTheWrongType) {
  Json claims = Claims("admin");
  claims["exp"] = "soon";
  ExpectInvalid(MakeToken(Hs256Header(), claims, kAdminKey), "exp claim must be a number");
  claims = Claims("admin");
  claims["iss"] = 7;
  ExpectInvalid(MakeToken(Hs256Header(), claims, kAdminKey), "iss claim must be a string");
}

TEST_F(JwtTest, RejectsWrongKey) {
  ExpectInvalid(SignToken("admin", "not-the-key", "GET", "/clusters", kNow),
                "signature is invalid (client and server secrets may not match)");
  // The user key does not sign admin tokens.
  ExpectInvalid(SignToken("admin", kUserKey, "GET", "/clusters", kNow),
                "signature is invalid (client and server secrets may not match)");
}

TEST_F(JwtTest, SignatureFailureOutranksClaimFailures) {
  clock_.Set(kNow + 10000);
  Json claims = Claims("admin");
  claims["iat"] = kNow + 20000;
  claims.erase("qsh");
  ExpectInvalid(MakeToken(Hs256Header(), claims, "wrong"),
                "signature is invalid (client and server secrets may not match)");
}

TEST_F(JwtTest, RejectsTamperedClaims) {
  std::string token = SignToken("user", kUserKey, "GET", "/clusters", kNow);
  auto dot1 = token.find('.'), dot2 = token.rfind('.');
  Json claims = Claims("admin");
  std::string forged = token.substr(0, dot1) + "." + Base64UrlEncode(claims.dump()) + token.substr(dot2);
  ExpectInvalid(forged, "signature is invalid (client and server secrets may not match)");
}

TEST_F(JwtTest, RejectsWrongQsh) {
  std::string token = SignToken("admin", kAdminKey, "GET", "/clusters", kNow);
  for (auto [method, path] :
       {std::pair{"POST", "/clusters"}, std::pair{"GET", "/clusters/"}, std::pair{"GET", "/clusters?x=1"}}) {
    auto r = Check(token, method, path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
    EXPECT_EQ(r.status().message(), "Invalid qsh claim in token");
  }
}

TEST_F(JwtTest, RejectsMissingQsh) {
  Json claims = Claims("admin");
  claims.erase("qsh");
  auto r = Check(MakeToken(Hs256Header(), claims, kAdminKey));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
  EXPECT_EQ(r.status().message(), "Invalid qsh claim in token");
}

TEST_F(JwtTest, RejectsAlgNone) {
  ExpectInvalid(MakeToken(R"({"alg":"none","typ":"JWT"})", Claims("admin"), "", nullptr),
                "Unexpected signing method: none");
}

TEST_F(JwtTest, AcceptsHs384AndHs512) {
  EXPECT_TRUE(
      Check(MakeToken(R"({"alg":"HS384","typ":"JWT"})", Claims("admin"), kAdminKey, EVP_sha384())).ok());
  EXPECT_TRUE(Check(MakeToken(R"({"alg":"HS512"})", Claims("user"), kUserKey, EVP_sha512())).ok());
  // The digest must match the declared alg.
  ExpectInvalid(MakeToken(R"({"alg":"HS512"})", Claims("admin"), kAdminKey, EVP_sha256()),
                "signature is invalid (client and server secrets may not match)");
}

TEST_F(JwtTest, RejectsNonHmacAlgorithms) {
  ExpectInvalid(MakeToken(R"({"alg":"RS256","typ":"JWT"})", Claims("admin"), kAdminKey),
                "Unexpected signing method: RS256");
  ExpectInvalid(MakeToken(R"({"alg":"ES256"})", Claims("admin"), kAdminKey),
                "Unexpected signing method: ES256");
  ExpectInvalid(MakeToken(R"({"alg":"hs256"})", Claims("admin"), kAdminKey),
                "signing method (alg) is unavailable.");
  ExpectInvalid(MakeToken(R"({"typ":"JWT"})", Claims("admin"), kAdminKey),
                "signing method (alg) is unspecified.");
  ExpectInvalid(MakeToken(R"({"alg":256})", Claims("admin"), kAdminKey),
                "signing method (alg) is unspecified.");
}

TEST_F(JwtTest, RejectsMalformedTokens) {
  std::string good = SignToken("admin", kAdminKey, "GET", "/clusters", kNow);
  ExpectInvalid("abc", "token contains an invalid number of segments");
  ExpectInvalid("abc.def", "token contains an invalid number of segments");
  ExpectInvalid(good + ".x", "token contains an invalid number of segments");
  ExpectInvalid("!!!." + good.substr(good.find('.') + 1), "illegal base64 data at input byte 0");
  ExpectInvalid(Base64UrlEncode("not json") + ".e30.sig", "token header is not valid JSON");
  ExpectInvalid(Base64UrlEncode(Hs256Header()) + "." + Base64UrlEncode("{\"iss\":") + ".sig",
                "token claims is not valid JSON");
  ExpectInvalid(Base64UrlEncode(Hs256Header()) + "." + Base64UrlEncode("[1,2]") + ".sig",
                "token claims is not a JSON object");
  ExpectInvalid(Base64UrlEncode(Hs256Header()) + ".e30.%%", "Token missing iss claim");
}

TEST_F(JwtTest, BearerSchemeIsCaseInsensitive) {
  std::string token = SignToken("admin", kAdminKey, "GET", "/clusters", kNow);
  Verifier v(options_, clock_);
  for (std::string scheme : {"Bearer ", "bearer ", "BEARER ", "bEaReR\t", "Bearer   "}) {
    EXPECT_TRUE(v.Verify(scheme + token, "GET", "/clusters").ok()) << scheme;
  }
}

TEST_F(JwtTest, RejectsBadHeaderFormats) {
  std::string token = SignToken("admin", kAdminKey, "GET", "/clusters", kNow);
  Verifier v(options_, clock_);
  for (std::string header : {"Basic " + token, token, std::string("Bearer"), "Bearer " + token + " extra",
                             "Bearer" + token, "JWT " + token}) {
    auto r = v.Verify(header, "GET", "/clusters");
    ASSERT_FALSE(r.ok()) << header;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << header;
    EXPECT_EQ(r.status().message(), kInvalidHeader);
  }
}

TEST_F(JwtTest, MissingHeaderIsUnauthenticated) {
  Verifier v(options_, clock_);
  for (std::string header : {"", "  "}) {
    auto r = v.Verify(header, "GET", "/clusters");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kUnauthenticated);
    EXPECT_EQ(r.status().message(), "Required authorization token not found");
  }
}

TEST_F(JwtTest, RejectsUnknownOrMissingIssuer) {
  ExpectInvalid(SignToken("root", kAdminKey, "GET", "/clusters", kNow), "Unknown user");
  ExpectInvalid(SignToken("Admin", kAdminKey, "GET", "/clusters", kNow), "Unknown user");
  ExpectInvalid(SignToken("", kAdminKey, "GET", "/clusters", kNow), "Token missing iss claim");
  Json claims = Claims("admin");
  claims.erase("iss");
  ExpectInvalid(MakeToken(Hs256Header(), claims, kAdminKey), "Token missing iss claim");
}

TEST_F(JwtTest, EmptyKeyNeverValidates) {
  options_.user_key = "";
  ExpectInvalid(SignToken("user", "", "GET", "/clusters", kNow), "Unknown user");
  EXPECT_TRUE(Check(SignToken("admin", kAdminKey, "GET", "/clusters", kNow)).ok());
  options_.admin_key = "";
  ExpectInvalid(SignToken("admin", "", "GET", "/clusters", kNow), "Unknown user");
}

}  // namespace
}  // namespace brickyard::auth
