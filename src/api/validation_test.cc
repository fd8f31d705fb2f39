#include "api/validation.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

TEST(ValidationErrorsTest, EmptyIsOk) {
  ValidationErrors e;
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(e.List(), "");
  EXPECT_TRUE(e.ToStatus().ok());
}

TEST(ValidationErrorsTest, SingleEntry) {
  EXPECT_EQ(ValidationErrors().Add("size", kBlank).ToStatus(),
            InvalidArgument("validation failed: size: cannot be blank."));
}

TEST(ValidationErrorsTest, SortedByFieldNameAndJoined) {
  ValidationErrors e;
  e.Add("size", NoLessThan(1)).Add("name", kInvalidFormat).Add("clusters", "x");
  EXPECT_EQ(e.ToStatus().message(),
            "validation failed: clusters: x; name: must be in a valid format; size: must be no "
            "less than 1.");
}

TEST(ValidationErrorsTest, FirstProblemPerFieldWins) {
  ValidationErrors e;
  e.Add("state", kBlank).Add("state", kInvalidValue);
  EXPECT_EQ(e.List(), "state: cannot be blank.");
}

TEST(ValidationErrorsTest, NestedObjects) {
  ValidationErrors inner;
  inner.Add("storage", kBlank).Add("manage", kBlank);
  ValidationErrors e;
  e.Add("zone", kBlank).AddNested("hostnames", inner);
  EXPECT_EQ(e.ToStatus().message(),
            "validation failed: hostnames: (manage: cannot be blank; storage: cannot be blank.); "
            "zone: cannot be blank.");
  EXPECT_EQ(e.ToStatus().code(), Code::kInvalidArgument);
}

TEST(ValidationErrorsTest, EmptyNestedAddsNothing) {
  ValidationErrors e;
  e.AddNested("hostnames", ValidationErrors());
  EXPECT_TRUE(e.empty());
}

TEST(ValidationErrorsTest, ProblemTexts) {
  EXPECT_EQ(kBlank, "cannot be blank");
  EXPECT_EQ(kInvalidValue, "must be a valid value");
  EXPECT_EQ(kInvalidFormat, "must be in a valid format");
  EXPECT_EQ(NoLessThan(1), "must be no less than 1");
}

}  // namespace
}  // namespace brickyard::api
