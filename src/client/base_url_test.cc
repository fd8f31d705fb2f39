#include "client/base_url.h"

#include <gtest/gtest.h>

namespace brickyard::client {
namespace {

TEST(BaseUrlTest, ParsesHostAndPort) {
  auto u = ParseBaseUrl("http://localhost:8080");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->scheme, "http");
  EXPECT_EQ(u->host, "localhost");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->prefix, "");
  EXPECT_EQ(u->Origin(), "http://localhost:8080");
}

TEST(BaseUrlTest, DefaultsPortBySchemeAndKeepsPrefix) {
  auto u = ParseBaseUrl("HTTPS://heketi.example.com/api/heketi/");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->prefix, "/api/heketi");
  EXPECT_EQ(u->ToString(), "https://heketi.example.com:443/api/heketi");
}

TEST(BaseUrlTest, MissingSchemeMeansHttp) {
  auto u = ParseBaseUrl("glustera:8080");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->scheme, "http");
  EXPECT_EQ(u->host, "glustera");
  EXPECT_EQ(u->port, 8080);
}

TEST(BaseUrlTest, Ipv6Literal) {
  auto u = ParseBaseUrl("http://[::1]:9090");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->Origin(), "http://[::1]:9090");
}

TEST(BaseUrlTest, RejectsBadInput) {
  EXPECT_EQ(ParseBaseUrl("").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ParseBaseUrl("ftp://x").status().message(),
            "Invalid server URL 'ftp://x': scheme must be http or https");
  EXPECT_EQ(ParseBaseUrl("http://x:99999").status().message(),
            "Invalid server URL 'http://x:99999': invalid port");
  EXPECT_FALSE(ParseBaseUrl("http://:80").ok());
}

TEST(BaseUrlTest, LocationPath) {
  EXPECT_EQ(LocationPath("/queue/abc"), "/queue/abc");
  EXPECT_EQ(LocationPath("http://h:1/volumes/x"), "/volumes/x");
  EXPECT_EQ(LocationPath(" /queue/abc\r\n"), "/queue/abc");
}

}  // namespace
}  // namespace brickyard::client
