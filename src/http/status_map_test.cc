#include "http/status_map.h"

#include <gtest/gtest.h>

#include "http/message.h"

namespace brickyard::http {
namespace {

TEST(StatusMapTest, Table) {
  EXPECT_EQ(HttpStatusFor(Code::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(Code::kUnparsable), 422);
  EXPECT_EQ(HttpStatusFor(Code::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(Code::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(Code::kNoSpace), 500);
  EXPECT_EQ(HttpStatusFor(Code::kBusy), 429);
  EXPECT_EQ(HttpStatusFor(Code::kPermissionDenied), 401);
  EXPECT_EQ(HttpStatusFor(Code::kUnavailable), 503);
}

TEST(StatusMapTest, ErrorBodyIsPlainText) {
  Reply r = ErrorReply(NotFound("Id not found"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "Id not found\n");
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "X-Content-Type-Options");
}

}  // namespace
}  // namespace brickyard::http
