// The server over HTTPS with a certificate and key from the configuration.
#include <gtest/gtest.h>

#include <cstdlib>

#include "auth/jwt.h"
#include <httplib.h>

#include "server_process.h"

namespace brickyard::testing {
namespace {

TEST(TlsTest, ServesHttpsWithConfiguredCertificate) {
  char tmpl[] = "/tmp/brickyard-tls-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " +
                    dir + "/key.pem -out " + dir + "/cert.pem >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "openssl is not available to make a certificate";

  ServerProcess server;
  nlohmann::json cfg = {{"jwt", {{"admin", {{"key", "k"}}}, {"user", {{"key", "u"}}}}},
                        {"enable_tls", true},
                        {"cert_file", dir + "/cert.pem"},
                        {"key_file", dir + "/key.pem"},
                        {"glusterfs", {{"executor", "mock"}}}};
  ASSERT_TRUE(server.Start(cfg));
  httplib::SSLClient client("127.0.0.1", server.port());
  client.enable_server_certificate_verification(false);
  auto hello = client.Get("/hello");
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->status, 200);
  EXPECT_EQ(hello->body, "Hello from Heketi");
  std::string token = auth::SignToken("admin", "k", "GET", "/clusters", std::time(nullptr));
  auto clusters = client.Get("/clusters", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(clusters);
  EXPECT_EQ(clusters->status, 200);
  // Plain HTTP on the TLS port does not get an answer.
  httplib::Client plain("127.0.0.1", server.port());
  plain.set_read_timeout(2, 0);
  auto p = plain.Get("/hello");
  EXPECT_TRUE(!p || p->status != 200);
  std::system(("rm -rf " + dir).c_str());
}

}  // namespace
}  // namespace brickyard::testing
