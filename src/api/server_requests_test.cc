#include "api/server_requests.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

const std::string kId = "0123456789abcdef0123456789abcdef";

Status Invalid(const std::string& list) { return InvalidArgument("validation failed: " + list); }

template <typename T>
T Decoded(std::string_view body) {
  auto r = T::Decode(body);
  EXPECT_TRUE(r.ok()) << body << ": " << r.status().ToString();
  return r.ok() ? *r : T{};
}

TEST(BrickEvictRequestTest, Messages) {
  EXPECT_TRUE(Decoded<BrickEvictRequest>("").Validate().ok());
  EXPECT_EQ(Decoded<BrickEvictRequest>(R"({"healcheck":"disable"})").healcheck, "disable");
  EXPECT_TRUE(Decoded<BrickEvictRequest>(R"({"healcheck":"enable"})").Validate().ok());
  EXPECT_EQ(Decoded<BrickEvictRequest>(R"({"healcheck":"skip"})").Validate(),
            Invalid("healcheck: skip is not valid heal info check."));
}

TEST(OpsCleanupRequestTest, Messages) {
  EXPECT_TRUE(Decoded<OpsCleanupRequest>("").operations.empty());
  auto r = Decoded<OpsCleanupRequest>(R"({"operations":[")" + kId + R"("]})");
  EXPECT_EQ(r.operations, (std::vector<std::string>{kId}));
  EXPECT_TRUE(r.Validate().ok());
  EXPECT_EQ(Decoded<OpsCleanupRequest>(R"({"operations":["nope"]})").Validate(),
            Invalid("operations: nope is not a valid UUID."));
  OpsCleanupRequest many;
  many.operations.assign(33, kId);
  EXPECT_EQ(many.Validate(),
            Invalid("operations: too many ids specified (33), up to 32 supported."));
}

TEST(AdminStateRequestTest, Messages) {
  for (std::string_view s : {"normal", "read-only", "local-client"}) {
    AdminStateRequest r;
    r.state = s;
    EXPECT_TRUE(r.Validate().ok()) << s;
  }
  EXPECT_EQ(Decoded<AdminStateRequest>(R"({"state":"read-only"})").state, "read-only");
  EXPECT_EQ(Decoded<AdminStateRequest>("{}").Validate(), Invalid("state: cannot be blank."));
  EXPECT_EQ(Decoded<AdminStateRequest>(R"({"state":"readonly"})").Validate(),
            Invalid("state: must be a valid value."));
}

TEST(LogLevelRequestTest, Messages) {
  auto r = Decoded<LogLevelRequest>(R"({"loglevel":{"glusterfs":"debug"}})");
  EXPECT_TRUE(r.Validate().ok());
  EXPECT_EQ(r.Level(), "debug");
  for (std::string_view level : {"", "none", "critical", "error", "warning", "info", "debug"}) {
    LogLevelRequest l;
    l.loglevel["glusterfs"] = level;
    EXPECT_TRUE(l.Validate().ok()) << level;
  }
  EXPECT_EQ(Decoded<LogLevelRequest>(R"({"loglevel":{"other":"debug"}})").Validate(),
            Unparsable("Only \"glusterfs\" logger may be modified"));
  EXPECT_EQ(Decoded<LogLevelRequest>("{}").Validate(),
            Unparsable("Only \"glusterfs\" logger may be modified"));
  EXPECT_EQ(Decoded<LogLevelRequest>(R"({"loglevel":{"glusterfs":"verbose"}})").Validate(),
            Unparsable("invalid log level: verbose"));
  EXPECT_EQ(Decoded<LogLevelRequest>("{}").Level(), "");
}

}  // namespace
}  // namespace brickyard::api
