// Command injection on real GlusterFS hosts: the real server with the SSH
// executor against the testbed (testbed.h), fed the shell payloads most
// likely to run something if any value reached a shell unquoted. Every
// payload tries to create its own marker file /tmp/pwned-<n>; at the end of
// each test no marker exists on any host nor in the root namespace.
//   * hostnames, device names, volume and clone names are refused (4xx)
//     before anything reaches a node;
//   * volume option values do reach nodes (`gluster volume set`): gluster
//     must store each one byte for byte;
//   * tag values are stored verbatim and never reach a node.
// The HTTP-level sweep of every field is tests/integration/injection_test.cc.
//
// Skips (with the reason) when the machine cannot run the testbed. Shares
// the testbed state dir and lock with testbed_e2e_test, so the two never run
// at once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_client.h"
#include "server_process.h"
#include "testbed.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

// Shell payloads; "@M@" becomes the payload's marker file.
const std::vector<std::string> kPayloads = {
    ";touch @M@",
    "$(touch @M@)",
    "`touch @M@`",
    "'; touch @M@; '",
    "\"; touch @M@; \"",
    "| touch @M@",
    "&& touch @M@",
    "${IFS}touch${IFS}@M@",
    "> @M@",
};

std::string Payload(size_t i) {
  std::string p = kPayloads[i];
  const std::string marker = "/tmp/pwned-" + std::to_string(i);
  p.replace(p.find("@M@"), 3, marker);
  return p;
}

std::string StateDir() {
  const char* s = std::getenv("BRICKYARD_E2E_STATE");
  return s && *s ? s : "/tmp/brickyard-e2e-testbed";
}

// Lists the markers where a payload would create them; removes stale ones.
const std::string kMarkers = "ls -d /tmp/pwned-* /root/pwned-* 2>/dev/null || true";
const std::string kClearMarkers = "rm -f /tmp/pwned-* /root/pwned-*";

// ----------------------------------------------------------- environment ---
class InjectionEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;

  std::string skip;
  std::unique_ptr<Testbed> tb;
  std::unique_ptr<ServerProcess> server;
  std::string cluster;
  std::vector<std::string> nodes;
};

InjectionEnvironment* env = nullptr;

void InjectionEnvironment::SetUp() {
  TestbedOptions o;
  o.state_dir = StateDir();
  tb = std::make_unique<Testbed>(o);
  if (::geteuid() != 0) {
    skip = "needs root (network namespaces, loop devices, mounts)";
    return;
  }
  skip = tb->Lock(900);
  if (skip.empty()) skip = tb->Unavailable();
  if (!skip.empty()) return;
  std::string log;
  if (!tb->Up(&log)) {
    skip = "testbed did not come up:\n" + log;
    ADD_FAILURE() << skip;
    return;
  }
  tb->Shell(kClearMarkers);
  for (int i = 1; i <= tb->hosts(); ++i) tb->Exec(i, kClearMarkers);

  json config = {
      {"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
      {"glusterfs",
       {{"executor", "ssh"},
        {"loglevel", "debug"},
        {"sshexec",
         {{"keyfile", tb->KeyFile()},
          {"user", "root"},
          {"port", "22"},
          {"known_hosts", tb->KnownHosts()},
          {"fstab", "/etc/fstab"}}}}}};
  server = std::make_unique<ServerProcess>();
  if (!server->Start(config)) {
    skip = "the server did not start with the ssh executor";
    ADD_FAILURE() << skip;
    return;
  }
  TestClient c(server->url());
  Response cl = c.Do("POST", "/clusters", "{}");
  if (cl.status != 201) {
    skip = "cluster create: " + cl.body;
    ADD_FAILURE() << skip;
    return;
  }
  cluster = cl.Json()["id"];
  for (int i = 1; i <= tb->hosts(); ++i) {
    json node = {{"zone", i},
                 {"hostnames", {{"manage", {tb->Ip(i)}}, {"storage", {tb->Ip(i)}}}},
                 {"cluster", cluster}};
    Response n = c.Run("POST", "/nodes", node.dump());
    if (n.status != 200) {
      skip = "node add: " + n.body;
      ADD_FAILURE() << skip;
      return;
    }
    nodes.push_back(n.Json()["id"]);
    Response d = c.Run("POST", "/devices", json{{"node", nodes.back()}, {"name", tb->Disk(i, 1)}}.dump());
    if (d.status != 204) {
      skip = "device add: " + d.body;
      ADD_FAILURE() << skip;
      return;
    }
  }
}

void InjectionEnvironment::TearDown() {
  if (server) server->Stop();
  if (!tb || !skip.empty()) return;
  std::string log;
  EXPECT_TRUE(tb->Down(&log)) << log;
}

// ------------------------------------------------------------------ tests ---
class InjectionE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!env->skip.empty()) GTEST_SKIP() << env->skip;
    client_ = std::make_unique<TestClient>(env->server->url());
  }

  // Whatever a test did, no payload ran anywhere.
  void TearDown() override {
    if (IsSkipped()) return;
    Testbed& tb = *env->tb;
    for (int i = 1; i <= tb.hosts(); ++i) {
      EXPECT_EQ(tb.Exec(i, kMarkers).out, "") << "markers on host " << i;
    }
    EXPECT_EQ(tb.Shell(kMarkers).out, "") << "markers in the root namespace";
  }

  // A request and its result, polling for as long as real nodes take.
  Response Run(const std::string& method, const std::string& path, const json& body) {
    Response r = client_->Do(method, path, body.is_null() ? "" : body.dump());
    if (r.status != 202) return r;
    const std::string loc = r.Header("Location");
    const auto deadline = SteadyClock::now() + std::chrono::minutes(10);
    while (SteadyClock::now() < deadline) {
      Response q = client_->Do("GET", loc);
      if (q.status == 200 && !q.Header("X-Pending").empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        continue;
      }
      if (q.status == 303) return client_->Do("GET", q.Header("Location"));
      return q;
    }
    return Response{};
  }

  void ExpectRefused(const std::string& method, const std::string& path, const json& body) {
    Response r = Run(method, path, body);
    EXPECT_TRUE(r.status >= 400 && r.status < 500)
        << method << " " << path << " " << body.dump() << " -> " << r.status << " " << r.body;
  }

  std::unique_ptr<TestClient> client_;
};

TEST_F(InjectionE2eTest, HostnamesAreRefused) {
  for (size_t i = 0; i < kPayloads.size(); ++i) {
    const std::string ip = env->tb->Ip(1);
    for (const json& hostnames : {json{{"manage", {Payload(i)}}, {"storage", {ip}}},
                                  json{{"manage", {ip}}, {"storage", {Payload(i)}}},
                                  json{{"manage", {ip + Payload(i)}}, {"storage", {ip}}}}) {
      ExpectRefused("POST", "/nodes", {{"zone", 1}, {"cluster", env->cluster}, {"hostnames", hostnames}});
    }
  }
}

TEST_F(InjectionE2eTest, DeviceNamesAreRefused) {
  for (size_t i = 0; i < kPayloads.size(); ++i) {
    for (const std::string& name : {Payload(i), "/dev/" + Payload(i), env->tb->Disk(2, 2) + Payload(i)}) {
      ExpectRefused("POST", "/devices", {{"node", env->nodes[1]}, {"name", name}});
    }
  }
  Response n = client_->Do("GET", "/nodes/" + env->nodes[1]);
  EXPECT_EQ(n.Json()["devices"].size(), 1u) << n.body;
}

TEST_F(InjectionE2eTest, VolumeNamesAreRefused) {
  for (size_t i = 0; i < kPayloads.size(); ++i) {
    ExpectRefused("POST", "/volumes", {{"size", 1}, {"name", "v" + Payload(i)}});
  }
  EXPECT_EQ(client_->Do("GET", "/volumes").Json()["volumes"].size(), 0u);
}

// Option values reach `gluster volume set` on a node: each arrives as one
// argument and gluster keeps it byte for byte. Clone names and expansion
// methods on the same volume are refused.
TEST_F(InjectionE2eTest, OptionValuesReachGlusterVerbatim) {
  json options = json::array();
  for (size_t i = 0; i < kPayloads.size(); ++i) {
    options.push_back("user.inj" + std::to_string(i) + " " + Payload(i));
  }
  json request = {{"size", 1},
                  {"durability", {{"type", "replicate"}, {"replicate", {{"replica", 3}}}}},
                  {"glustervolumeoptions", options}};
  Response r = Run("POST", "/volumes", request);
  ASSERT_EQ(r.status, 200) << r.body;
  json v = r.Json();
  const std::string id = v["id"], name = v["name"];

  std::string info = env->tb->Exec(1, "gluster --mode=script volume info " + name).out;
  for (size_t i = 0; i < kPayloads.size(); ++i) {
    const std::string line = "user.inj" + std::to_string(i) + ": " + Payload(i) + "\n";
    EXPECT_NE(info.find(line), std::string::npos) << "missing " << line << "in:\n" << info;
  }

  for (size_t i = 0; i < kPayloads.size(); ++i) {
    ExpectRefused("POST", "/volumes/" + id + "/clone", {{"name", "c" + Payload(i)}});
    ExpectRefused("POST", "/volumes/" + id + "/expand", {{"expand_size", 1}, {"method", Payload(i)}});
  }

  Response d = Run("DELETE", "/volumes/" + id, nullptr);
  EXPECT_EQ(d.status, 204) << d.body;
  const std::string left = env->tb->Exec(1, "gluster --mode=script volume list 2>&1").out;
  EXPECT_EQ(left.find(name), std::string::npos) << "gluster still lists " << name << ":\n" << left;
}

TEST_F(InjectionE2eTest, TagValuesStayData) {
  for (size_t i = 0; i < kPayloads.size(); ++i) {
    Response r = Run("POST", "/nodes/" + env->nodes[2] + "/tags",
                     {{"change_type", "set"}, {"tags", {{"t", Payload(i)}}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(client_->Do("GET", "/nodes/" + env->nodes[2]).Json()["tags"]["t"], Payload(i));
  }
}

}  // namespace
}  // namespace brickyard::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  brickyard::testing::env = new brickyard::testing::InjectionEnvironment;
  ::testing::AddGlobalTestEnvironment(brickyard::testing::env);
  return RUN_ALL_TESTS();
}
