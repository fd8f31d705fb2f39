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
// Runs against the shared server of the testbed run (e2e_env.h), whose
// topology is every host's first disk. Skips (with the reason) when the
// machine cannot run the testbed or the shared server did not start.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e_env.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;

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

// Lists the markers where a payload would create them; removes stale ones.
const std::string kMarkers = "ls -d /tmp/pwned-* /root/pwned-* 2>/dev/null || true";
const std::string kClearMarkers = "rm -f /tmp/pwned-* /root/pwned-*";

// ------------------------------------------------------------------ tests ---
class InjectionE2eTest : public ::testing::Test {
 protected:
  // The shared server's cluster and its nodes in host order; no stale marker.
  static void SetUpTestSuite() {
    const E2eEnvironment& e = E2e();
    if (!e.skip.empty() || !e.server_skip.empty()) return;
    e.tb->Shell(kClearMarkers);
    for (int i = 1; i <= e.tb->hosts(); ++i) e.tb->Exec(i, kClearMarkers);
    TestClient c(e.server->url());
    const json clusters = c.Do("GET", "/clusters").Json()["clusters"];
    if (clusters.size() != 1) return;
    cluster_ = clusters[0];
    nodes_.assign(e.tb->hosts(), "");
    const json nodes = c.Do("GET", "/clusters/" + cluster_).Json()["nodes"];
    for (const auto& nid : nodes) {
      int host = HostOfNode(c, *e.tb, nid.get<std::string>());
      if (host >= 1) nodes_[host - 1] = nid;
    }
  }

  void SetUp() override {
    if (!E2e().skip.empty()) GTEST_SKIP() << E2e().skip;
    if (!E2e().server_skip.empty()) GTEST_SKIP() << E2e().server_skip;
    ASSERT_FALSE(cluster_.empty()) << "the shared server has not one cluster";
    for (const auto& n : nodes_) ASSERT_FALSE(n.empty()) << "a host has no node";
    client_ = std::make_unique<TestClient>(E2e().server->url());
  }

  // Whatever a test did, no payload ran anywhere.
  void TearDown() override {
    if (IsSkipped()) return;
    Testbed& tb = *E2e().tb;
    for (int i = 1; i <= tb.hosts(); ++i) {
      EXPECT_EQ(tb.Exec(i, kMarkers).out, "") << "markers on host " << i;
    }
    EXPECT_EQ(tb.Shell(kMarkers).out, "") << "markers in the root namespace";
  }

  // A request and its result, polling for as long as real nodes take.
  Response Run(const std::string& method, const std::string& path, const json& body) {
    return RunAndWait(*client_, method, path, body.is_null() ? "" : body.dump(), std::chrono::minutes(10));
  }

  void ExpectRefused(const std::string& method, const std::string& path, const json& body) {
    Response r = Run(method, path, body);
    EXPECT_TRUE(r.status >= 400 && r.status < 500)
        << method << " " << path << " " << body.dump() << " -> " << r.status << " " << r.body;
  }

  std::unique_ptr<TestClient> client_;
  static inline std::string cluster_;
  static inline std::vector<std::string> nodes_;  // node ids of hosts 1..
};

TEST_F(InjectionE2eTest, HostnamesAreRefused) {
  for (size_t i = 0; i < kPayloads.size(); ++i) {
    const std::string ip = E2e().tb->Ip(1);
    for (const json& hostnames : {json{{"manage", {Payload(i)}}, {"storage", {ip}}},
                                  json{{"manage", {ip}}, {"storage", {Payload(i)}}},
                                  json{{"manage", {ip + Payload(i)}}, {"storage", {ip}}}}) {
      ExpectRefused("POST", "/nodes", {{"zone", 1}, {"cluster", cluster_}, {"hostnames", hostnames}});
    }
  }
}

TEST_F(InjectionE2eTest, DeviceNamesAreRefused) {
  for (size_t i = 0; i < kPayloads.size(); ++i) {
    for (const std::string& name : {Payload(i), "/dev/" + Payload(i), E2e().tb->Disk(2, 2) + Payload(i)}) {
      ExpectRefused("POST", "/devices", {{"node", nodes_[1]}, {"name", name}});
    }
  }
  Response n = client_->Do("GET", "/nodes/" + nodes_[1]);
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

  std::string info = E2e().tb->Exec(1, "gluster --mode=script volume info " + name).out;
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
  const std::string left = E2e().tb->Exec(1, "gluster --mode=script volume list 2>&1").out;
  EXPECT_EQ(left.find(name), std::string::npos) << "gluster still lists " << name << ":\n" << left;
}

TEST_F(InjectionE2eTest, TagValuesStayData) {
  for (size_t i = 0; i < kPayloads.size(); ++i) {
    Response r = Run("POST", "/nodes/" + nodes_[2] + "/tags",
                     {{"change_type", "set"}, {"tags", {{"t", Payload(i)}}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(client_->Do("GET", "/nodes/" + nodes_[2]).Json()["tags"]["t"], Payload(i));
  }
}

}  // namespace
}  // namespace brickyard::testing
