#include "http/router.h"

#include <gtest/gtest.h>

namespace brickyard::http {
namespace {

Reply Named(const std::string& name) {
  Reply r;
  r.body = name;
  return r;
}

TEST(RouterTest, MatchesMethodsAndParameters) {
  Router r;
  r.Add("GET", "/volumes/{id}", [](const Request&) { return Named("get"); });
  r.Add("DELETE", "/volumes/{id}", [](const Request&) { return Named("delete"); });
  r.Add("GET", "/clusters/{ref}", [](const Request&) { return Named("cluster"); });

  auto m = r.Find("GET", "/volumes/ABCDEF0123");
  ASSERT_EQ(m.outcome, Router::Outcome::kFound);
  EXPECT_EQ(m.params["id"], "abcdef0123");
  EXPECT_EQ((*m.handler)(Request{}).body, "get");

  EXPECT_EQ(r.Find("POST", "/volumes/abc").outcome, Router::Outcome::kWrongMethod);
  EXPECT_EQ(r.Find("GET", "/volumes/xyz").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(r.Find("GET", "/volumes/abc/extra").outcome, Router::Outcome::kNotFound);

  auto named = r.Find("GET", "/clusters/ocp-east.1");
  ASSERT_EQ(named.outcome, Router::Outcome::kFound);
  EXPECT_EQ(named.params["id"], "ocp-east.1");
  EXPECT_EQ(r.Find("GET", "/clusters/bad;name").outcome, Router::Outcome::kNotFound);
}

}  // namespace
}  // namespace brickyard::http
