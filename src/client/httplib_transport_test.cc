#include "client/httplib_transport.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace brickyard::client {
namespace {

namespace fs = std::filesystem;

// Runs an httplib server on a free loopback port for the test's lifetime.
template <typename ServerT>
class Running {
 public:
  explicit Running(ServerT& server) : server_(server) {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Running() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  ServerT& server_;
  int port_ = 0;
  std::thread thread_;
};

void AddRoutes(httplib::Server& s) {
  s.Get("/hello", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("Hello from Heketi", "text/plain");
    res.set_header("X-Auth", req.get_header_value("Authorization"));
  });
  s.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 201;
    res.set_content(req.body, "application/json");
  });
}

TEST(HttplibTransportTest, SendsAndReceives) {
  httplib::Server server;
  AddRoutes(server);
  Running running(server);
  auto t = HttplibTransport::Create(*ParseBaseUrl("http://127.0.0.1:" + std::to_string(running.port())), {});
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send({"GET", "/hello", {{"Authorization", "Bearer x"}}, ""});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "Hello from Heketi");
  EXPECT_EQ(r->Header("x-auth"), "Bearer x");
  auto p = (*t)->Send({"POST", "/echo", {}, R"({"a":1})"});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, 201);
  EXPECT_EQ(p->body, R"({"a":1})");
}

// Answers with the client's port, which tells connections apart.
void AddPortRoutes(httplib::Server& s) {
  auto port = [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(std::to_string(req.remote_port), "text/plain");
  };
  s.Get("/port", port);
  s.Post("/port", port);
}

TEST(HttplibTransportTest, GetsReuseAConnectionOthersDoNot) {
  httplib::Server server;
  AddPortRoutes(server);
  Running running(server);
  auto t = HttplibTransport::Create(*ParseBaseUrl("http://127.0.0.1:" + std::to_string(running.port())), {});
  ASSERT_TRUE(t.ok());
  auto get = [&](const char* method) {
    auto r = (*t)->Send({method, "/port", {}, ""});
    EXPECT_TRUE(r.ok() && r->status == 200) << method;
    return r.ok() ? r->body : std::string();
  };
  const std::string first = get("GET");
  EXPECT_EQ(get("GET"), first);
  EXPECT_EQ(get("GET"), first);
  const std::string post = get("POST");
  EXPECT_NE(post, first);
  EXPECT_NE(get("POST"), post);
}

TEST(HttplibTransportTest, GetOnAConnectionTheServerClosedIsSentAgain) {
  httplib::Server server;
  AddPortRoutes(server);
  server.set_keep_alive_max_count(1);  // the server closes every connection after one request
  Running running(server);
  auto t = HttplibTransport::Create(*ParseBaseUrl("http://127.0.0.1:" + std::to_string(running.port())), {});
  ASSERT_TRUE(t.ok());
  for (int i = 0; i < 5; ++i) {
    auto r = (*t)->Send({"GET", "/port", {}, ""});
    ASSERT_TRUE(r.ok()) << i << ": " << r.status().message();
    EXPECT_EQ(r->status, 200);
  }
}

TEST(HttplibTransportTest, ParallelGetsShareTheTransport) {
  httplib::Server server;
  AddPortRoutes(server);
  Running running(server);
  auto t = HttplibTransport::Create(*ParseBaseUrl("http://127.0.0.1:" + std::to_string(running.port())), {});
  ASSERT_TRUE(t.ok());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto r = (*t)->Send({"GET", "/port", {}, ""});
        if (r.ok() && r->status == 200) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok, 100);
}

TEST(HttplibTransportTest, UnreachableServerNamesTheUrl) {
  // Bind (without listening) and close a socket to get a port nothing listens on.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  auto t = HttplibTransport::Create(*ParseBaseUrl("http://127.0.0.1:" + std::to_string(port)), {});
  ASSERT_TRUE(t.ok());
  auto r = (*t)->Send({"GET", "/clusters", {}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_NE(r.status().message().find("http://127.0.0.1:" + std::to_string(port)), std::string::npos)
      << r.status().message();
}

TEST(HttplibTransportTest, MissingCertFileIsReported) {
  auto t = HttplibTransport::Create(*ParseBaseUrl("https://h"), {.insecure = false, .ca_files = {"/nonexistent.pem"}});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "Unable to load TLS certificate /nonexistent.pem: cannot open file");
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("by_tls_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                      "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout " +
                      (dir_ / "key.pem").string() + " -out " + (dir_ / "cert.pem").string() +
                      " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "openssl not available";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(TlsTest, VerificationFailureSuggestsFlagsAndCertsFix) {
  httplib::SSLServer server((dir_ / "cert.pem").c_str(), (dir_ / "key.pem").c_str());
  AddRoutes(server);
  Running running(server);
  BaseUrl base = *ParseBaseUrl("https://127.0.0.1:" + std::to_string(running.port()));

  auto strict = HttplibTransport::Create(base, {});
  ASSERT_TRUE(strict.ok());
  auto r = (*strict)->Send({"GET", "/hello", {}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(base.ToString()), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("--tls-cert"), std::string::npos);

  auto insecure = HttplibTransport::Create(base, {.insecure = true, .ca_files = {}});
  auto ok1 = (*insecure)->Send({"GET", "/hello", {}, ""});
  ASSERT_TRUE(ok1.ok()) << ok1.status().message();
  EXPECT_EQ(ok1->body, "Hello from Heketi");

  auto trusted = HttplibTransport::Create(base, {.insecure = false, .ca_files = {(dir_ / "cert.pem").string()}});
  ASSERT_TRUE(trusted.ok()) << trusted.status().message();
  auto ok2 = (*trusted)->Send({"GET", "/hello", {}, ""});
  ASSERT_TRUE(ok2.ok()) << ok2.status().message();
}

}  // namespace
}  // namespace brickyard::client
