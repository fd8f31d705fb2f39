#include "api/reconcile_request.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

constexpr char kId[] = "0123456789abcdef0123456789abcdef";

TEST(ReconcileRequestTest, BlankBodyIsADryRunOfEverything) {
  auto r = ReconcileRequest::Decode("");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->apply);
  EXPECT_TRUE(r->findings.empty());
  EXPECT_TRUE(r->Validate().ok());
}

TEST(ReconcileRequestTest, ApplyAndIdsCaseInsensitiveKeys) {
  auto r = ReconcileRequest::Decode(std::string(R"({"Apply":true,"FINDINGS":[")") + kId + "\"]}");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->apply);
  EXPECT_EQ(r->findings, std::vector<std::string>{kId});
  EXPECT_TRUE(r->Validate().ok());
}

TEST(ReconcileRequestTest, AdoptIsOffUnlessAsked) {
  auto plain = ReconcileRequest::Decode(R"({"apply":true})");
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_FALSE(plain->adopt);
  auto adopt = ReconcileRequest::Decode(R"({"apply":true,"adopt":true})");
  ASSERT_TRUE(adopt.ok()) << adopt.status().ToString();
  EXPECT_TRUE(adopt->adopt);
  EXPECT_EQ(ReconcileRequest::Decode(R"({"adopt":"yes"})").status().code(), Code::kUnparsable);
}

TEST(ReconcileRequestTest, RefusesBadTypesAndIds) {
  EXPECT_EQ(ReconcileRequest::Decode(R"({"apply":"yes"})").status().code(), Code::kUnparsable);
  EXPECT_EQ(ReconcileRequest::Decode(R"({"findings":"x"})").status().code(), Code::kUnparsable);
  EXPECT_EQ(ReconcileRequest::Decode("{").status().code(), Code::kUnparsable);
  auto bad = ReconcileRequest::Decode(R"({"findings":["not-an-id; rm -rf /"]})");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->Validate().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace brickyard::api
