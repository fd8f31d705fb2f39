// Crash safety on real GlusterFS hosts: the real server with the fault
// injector around the SSH executor ("inject/ssh", BRICKYARD_FAULTS) is killed
// with SIGKILL at each step of volume create (bricks, volume), expand (new
// bricks, add-brick) and delete (volume, bricks), restarted, and its cleaner
// must bring hosts and store into agreement: no pending operation, GET
// /db/check clean, and on every host no LV, mount, fstab line, brick
// directory or gluster volume the store does not know. At the end, with every
// volume deleted, the hosts are empty and the devices' free space is back.
//
// Skips (with the reason) when the machine cannot run the testbed; shares the
// testbed's state dir and lock with the other testbed tests.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_client.h"
#include "server_process.h"
#include "testbed.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

const json kReplica3 = {{"size", 1}, {"durability", {{"type", "replicate"}, {"replicate", {{"replica", 3}}}}}};

std::string StateDir() {
  const char* s = std::getenv("BRICKYARD_E2E_STATE");
  return s && *s ? s : "/tmp/brickyard-e2e-testbed";
}

double Seconds(SteadyClock::time_point since) {
  return std::chrono::duration<double>(SteadyClock::now() - since).count();
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

class CrashEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
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
    auto t0 = SteadyClock::now();
    std::string log;
    if (!tb->Up(&log)) {
      skip = "testbed did not come up:\n" + log;
      ADD_FAILURE() << skip;
      return;
    }
    std::cout << "[ testbed  ] up in " << Seconds(t0) << " s\n";
  }
  void TearDown() override {
    if (!tb || !skip.empty()) return;
    if (const char* keep = std::getenv("BRICKYARD_E2E_KEEP"); keep && *keep == '1') return;
    std::string log;
    EXPECT_TRUE(tb->Down(&log)) << log;
  }

  std::string skip;
  std::unique_ptr<Testbed> tb;
};

CrashEnvironment* env = nullptr;

class CrashE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!env->skip.empty()) GTEST_SKIP() << env->skip;
  }
  void TearDown() override {
    if (server_.port() == 0) return;
    server_.Stop();
    // Whatever a failed test left: the next testbed run starts from scratch.
    std::cout << "[ server   ] log: " << server_.dir() << "/server.log\n";
  }

  Testbed& tb() { return *env->tb; }

  json Config() {
    return {{"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
            {"glusterfs",
             {{"executor", "inject/ssh"},
              {"loglevel", "debug"},
              // A command the killed server left running on a node ends
              // before the cleaner starts.
              {"start_time_background_cleaner", 3},
              {"sshexec",
               {{"keyfile", tb().KeyFile()},
                {"user", "root"},
                {"port", "22"},
                {"known_hosts", tb().KnownHosts()},
                {"fstab", "/etc/fstab"}}}}}};
  }

  void Start(const std::string& faults = "") {
    if (!faults.empty()) setenv("BRICKYARD_FAULTS", faults.c_str(), 1);
    bool started = server_.Start(Config());
    unsetenv("BRICKYARD_FAULTS");
    ASSERT_TRUE(started);
    client_ = std::make_unique<TestClient>(server_.url());
  }

  // A request and its result, polling for as long as real nodes take.
  Response Run(const std::string& method, const std::string& path, const json& body = nullptr) {
    Response r = client_->Do(method, path, body.is_null() ? "" : body.dump());
    if (r.status != 202) return r;
    const std::string loc = r.Header("Location");
    const auto deadline = SteadyClock::now() + std::chrono::minutes(5);
    while (SteadyClock::now() < deadline) {
      Response q = client_->Do("GET", loc);
      if (q.status == 200 && !q.Header("X-Pending").empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        continue;
      }
      if (q.status == 303) return client_->Do("GET", q.Header("Location"));
      return q;
    }
    return Response{};
  }

  void MakeTopology() {
    Response cl = client_->Do("POST", "/clusters", "{}");
    ASSERT_EQ(cl.status, 201) << cl.body;
    for (int i = 1; i <= tb().hosts(); ++i) {
      json node = {{"zone", i},
                   {"hostnames", {{"manage", {tb().Ip(i)}}, {"storage", {tb().Ip(i)}}}},
                   {"cluster", cl.Json()["id"]}};
      Response n = Run("POST", "/nodes", node);
      ASSERT_EQ(n.status, 200) << n.body;
      node_host_[n.Json()["id"]] = i;
      Response d = Run("POST", "/devices", json{{"node", n.Json()["id"]}, {"name", tb().Disk(i, 1)}});
      ASSERT_EQ(d.status, 204) << d.body;
    }
    for (const auto& [nid, _] : node_host_) {
      const json devices = client_->Do("GET", "/nodes/" + nid).Json()["devices"];
      for (const auto& d : devices) {
        device_free_[d["id"]] = d["storage"]["free"].get<int64_t>();
      }
    }
  }

  std::string CreateVolume() {
    Response v = Run("POST", "/volumes", kReplica3);
    EXPECT_EQ(v.status, 200) << v.body;
    return v.status == 200 ? v.Json()["id"].get<std::string>() : "";
  }

  // Restarts the server with `rule`, sends the request, expects SIGKILL,
  // restarts it without faults and waits for its cleaner.
  void CrashAndRecover(const std::string& rule, const std::string& method, const std::string& path,
                       const json& body = nullptr) {
    auto t0 = SteadyClock::now();
    client_.reset();  // a kept-alive connection would delay the server's exit
    server_.Stop();
    Start(rule);
    Response done = Run(method, path, body);
    EXPECT_EQ(done.status, 0) << rule << ": the server survived: " << done.body;
    int status = server_.WaitForExit(60);
    ASSERT_TRUE(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << rule;
    Start();
    const auto deadline = SteadyClock::now() + std::chrono::minutes(3);
    while (client_->Do("GET", "/operations").Json()["total"] != 0 && SteadyClock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    EXPECT_EQ(client_->Do("GET", "/operations").Json()["total"], 0)
        << rule << ": " << client_->Do("GET", "/operations/pending").body;
    std::cout << "[ crash    ] " << rule << " on " << method << " " << path << ": recovered in "
              << Seconds(t0) << " s\n";
    ExpectAgreement(rule);
  }

  // Every trace on every host belongs to a brick or volume of the store, and
  // every brick of the store has its LV on its host.
  void ExpectAgreement(const std::string& rule) {
    json check = client_->Do("GET", "/db/check").Json();
    EXPECT_EQ(check["totalinconsistencies"], 0) << rule << ": " << check.dump();
    std::set<std::string> names;
    std::map<int, std::set<std::string>> bricks;  // host -> brick ids
    const json ids = client_->Do("GET", "/volumes").Json()["volumes"];
    for (const auto& id : ids) {
      json v = client_->Do("GET", "/volumes/" + id.get<std::string>()).Json();
      names.insert(v["name"].get<std::string>());
      for (const auto& b : v["bricks"]) bricks[node_host_[b["node"]]].insert(b["id"].get<std::string>());
    }
    for (int i = 1; i <= tb().hosts(); ++i) {
      const std::vector<std::string> traces = Lines(tb().Leftovers(i));
      for (const auto& line : traces) {
        // Loop devices are the kernel's, so every host lists every host's.
        const bool loop = line.rfind("loop: ", 0) == 0;
        bool known = false;
        for (const auto& [host, ids] : bricks) {
          if (host != i && !loop) continue;
          for (const auto& b : ids) known = known || line.find(b) != std::string::npos;
        }
        if (line.rfind("volume: ", 0) == 0) known = names.count(line.substr(8)) > 0;
        EXPECT_TRUE(known) << rule << ": leaked on host " << i << ": " << line;
      }
      for (const auto& b : bricks[i]) {
        bool has_lv = false;
        for (const auto& line : traces) {
          has_lv = has_lv || (line.rfind("lv: vg_", 0) == 0 && line.find(" brick_" + b) != std::string::npos);
        }
        EXPECT_TRUE(has_lv) << rule << ": brick " << b << " has no LV on host " << i;
      }
    }
  }

  ServerProcess server_;
  std::unique_ptr<TestClient> client_;
  std::map<std::string, int> node_host_;         // node id -> host index
  std::map<std::string, int64_t> device_free_;   // after the topology load
};

TEST_F(CrashE2eTest, KilledAtEachStepOfCreateExpandDeleteLeaksNothing) {
  Start();
  MakeTopology();
  std::string a = CreateVolume();
  ASSERT_FALSE(a.empty());

  CrashAndRecover("kill:after:BrickCreate:2", "POST", "/volumes", kReplica3);
  CrashAndRecover("kill:after:VolumeCreate:1", "POST", "/volumes", kReplica3);
  CrashAndRecover("kill:after:BrickCreate:1", "POST", "/volumes/" + a + "/expand", json{{"expand_size", 1}});
  CrashAndRecover("kill:after:VolumeExpand:1", "POST", "/volumes/" + a + "/expand", json{{"expand_size", 1}});
  json after_expand = client_->Do("GET", "/volumes/" + a).Json();
  EXPECT_EQ(after_expand["size"], 2) << "a crash after add-brick goes forward";
  EXPECT_EQ(after_expand["bricks"].size(), 6u);
  CrashAndRecover("kill:after:VolumeDestroy:1", "DELETE", "/volumes/" + a);
  std::string b = CreateVolume();
  ASSERT_FALSE(b.empty());
  CrashAndRecover("kill:after:BrickDestroy:2", "DELETE", "/volumes/" + b);

  // Nothing is left anywhere, and every byte of the devices is free again.
  EXPECT_EQ(client_->Do("GET", "/volumes").Json()["volumes"].size(), 0u);
  for (int i = 1; i <= tb().hosts(); ++i) EXPECT_EQ(tb().Leftovers(i), "") << "host " << i;
  for (const auto& [id, free] : device_free_) {
    EXPECT_EQ(client_->Do("GET", "/devices/" + id).Json()["storage"]["free"], free) << id;
  }
}

}  // namespace
}  // namespace brickyard::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  brickyard::testing::env = new brickyard::testing::CrashEnvironment;
  ::testing::AddGlobalTestEnvironment(brickyard::testing::env);
  return RUN_ALL_TESTS();
}
