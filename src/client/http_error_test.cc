#include "client/http_error.h"

#include <gtest/gtest.h>

#include "client/fake_transport.h"

namespace brickyard::client {
namespace {

TEST(HttpErrorTest, TrimsServerMessageVerbatim) {
  Status s = ErrorFromResponse(MakeResponse(404, "Id not found\n"));
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(s.message(), "Id not found");
}

TEST(HttpErrorTest, EmptyBodySynthesizesMessage) {
  Status s = ErrorFromResponse(MakeResponse(405, ""));
  EXPECT_EQ(s.message(), "server did not provide a message (status 405: Method Not Allowed)");
}

TEST(HttpErrorTest, UnauthorizedAddsHintOnSecondLine) {
  Status s = ErrorFromResponse(MakeResponse(401, "Administrator access required\n"));
  EXPECT_EQ(s.code(), Code::kUnauthenticated);
  EXPECT_EQ(s.message().substr(0, s.message().find('\n')), "Administrator access required");
  EXPECT_NE(s.message().find("--user"), std::string::npos);
  EXPECT_NE(s.message().find("--secret"), std::string::npos);
}

TEST(HttpErrorTest, ReadsAtMostFourKiB) {
  Status s = ErrorFromResponse(MakeResponse(500, std::string(5000, 'x')));
  EXPECT_EQ(s.message().size(), 4096u);
}

TEST(HttpErrorTest, MapsCodes) {
  EXPECT_EQ(CodeForHttpStatus(400), Code::kInvalidArgument);
  EXPECT_EQ(CodeForHttpStatus(409), Code::kConflict);
  EXPECT_EQ(CodeForHttpStatus(422), Code::kUnparsable);
  EXPECT_EQ(CodeForHttpStatus(429), Code::kBusy);
  EXPECT_EQ(CodeForHttpStatus(503), Code::kUnavailable);
  EXPECT_EQ(CodeForHttpStatus(500), Code::kInternal);
}

}  // namespace
}  // namespace brickyard::client
