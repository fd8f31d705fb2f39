// Crash safety on real GlusterFS hosts: the real server with the fault
// injector around the SSH executor ("inject/ssh", BRICKYARD_FAULTS) is killed
// with SIGKILL at each step of volume create (bricks, volume), expand (new
// bricks, add-brick) and delete (volume, bricks), restarted, and its cleaner
// must bring hosts and store into agreement: no pending operation, GET
// /db/check clean, on every host no LV, mount, fstab line, brick directory or
// gluster volume the store does not know, and GET
// /internal/state/examine/gluster without findings. At the end, with every
// volume deleted, the hosts are empty and the devices' free space is back.
//
// Its server is its own (it is killed and restarted), on the shared testbed
// of the run (e2e_env.h) and on every host's second disk, since the shared
// server holds the first. At the end its devices are removed through it, so
// the second disks are blank again (as the stand-in tests need them); its
// nodes stay in its store, as detaching them would take the hosts out of the
// shared server's trusted pool.
//
// The same fixture checks adoption: a volume the store lost (a backup from
// before its create restored) is adopted back from the hosts by reconcile.
//
// Skips (with the reason) when the machine cannot run the testbed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "e2e_env.h"
#include "server_process.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;
using SteadyClock = E2eClock;

const json kReplica3 = {{"size", 1}, {"durability", {{"type", "replicate"}, {"replicate", {{"replica", 3}}}}}};

class CrashE2eTest : public ::testing::Test {
 protected:
  static constexpr int kDisk = 2;  // the shared server holds disk 1

  void SetUp() override {
    if (!E2e().skip.empty()) GTEST_SKIP() << E2e().skip;
  }
  void TearDown() override {
    if (server_.port() == 0) return;
    RemoveDevices();
    client_.reset();
    server_.Stop();
    std::cout << "[ server   ] log: " << server_.dir() << "/server.log\n";
    // The disks are blank again for the tests after this one.
    for (int i = 1; i <= tb().hosts(); ++i) {
      EXPECT_EQ(tb().Exec(i, "blkid -p " + tb().Disk(i, kDisk)).out, "") << "disk " << kDisk << " of host " << i;
    }
  }

  Testbed& tb() { return *E2e().tb; }

  // Takes this server's devices out (offline, failed, delete: the VG and PV
  // are removed from the disk), if it still answers.
  void RemoveDevices() {
    if (!client_ || client_->Do("GET", "/clusters").status != 200) return;
    for (const auto& [id, _] : device_free_) {
      for (const char* state : {"offline", "failed"}) {
        Response s = Run("POST", "/devices/" + id + "/state", json{{"state", state}});
        EXPECT_TRUE(s.status == 200 || s.status == 204) << "device " << id << " " << state << ": " << s.body;
      }
      Response d = Run("DELETE", "/devices/" + id);
      EXPECT_TRUE(d.status == 200 || d.status == 204) << "device " << id << " delete: " << d.body;
    }
  }

  void Start(const std::string& faults = "") {
    // A command the killed server left running on a node ends before the
    // cleaner starts.
    bool started = StartTestbedServer(server_, tb(), "inject/ssh", {{"start_time_background_cleaner", 3}}, faults);
    ASSERT_TRUE(started);
    client_ = std::make_unique<TestClient>(server_.url());
  }

  // A request and its result, polling for as long as real nodes take.
  Response Run(const std::string& method, const std::string& path, const json& body = nullptr) {
    return RunAndWait(*client_, method, path, body.is_null() ? "" : body.dump(), std::chrono::minutes(5),
                      std::chrono::milliseconds(200));
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
      Response d = Run("POST", "/devices", json{{"node", n.Json()["id"]}, {"name", tb().Disk(i, kDisk)}});
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
    ExpectExamineClean(rule);
  }

  // GET /internal/state/examine/gluster of this server reports no finding:
  // the store and the hosts agree in everything examine compares (volumes,
  // bricks, mounts, fstab, brick processes, peers). Examined again for up to
  // 30 s while findings remain, as brick processes may still be starting;
  // the last report's findings are printed on failure.
  void ExpectExamineClean(const std::string& rule) {
    const auto deadline = SteadyClock::now() + std::chrono::seconds(30);
    json report = Examine();
    while (report.value("totalfindings", -1) != 0 && SteadyClock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::seconds(2));
      report = Examine();
    }
    EXPECT_EQ(report.value("totalfindings", -1), 0)
        << rule << ": examine reports findings:\n" << report.value("findings", json::array()).dump(2);
  }

  json Examine() {
    Response r = client_->Do("GET", "/internal/state/examine/gluster");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.Json() : json::object();
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

  CrashAndRecover("kill:before:BrickCreate:1", "POST", "/volumes", kReplica3);  // intent only
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

// The store loses a volume (a backup from before its create is restored);
// its bricks and gluster volume stay on the hosts. Examine offers adoption,
// a plain reconcile leaves it alone, reconcile with "adopt" brings it back
// as it was, and from then on it is managed: deleting it leaves nothing.
TEST_F(CrashE2eTest, AVolumeTheStoreLostIsAdoptedFromTheHosts) {
  Start();
  MakeTopology();
  auto cli = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {"--server", server_.url(), "--user", "admin", "--secret", "admin-secret"};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProgram(CliBinary(), argv, {});
  };
  const std::string backup = server_.dir() + "/before-create.db";
  CliRun saved = cli({"db", "backup", "--output", backup});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  const std::string id = CreateVolume();
  ASSERT_FALSE(id.empty());
  const json created = client_->Do("GET", "/volumes/" + id).Json();

  client_.reset();
  server_.Stop();
  CliRun restored = RunProgram(ServerBinary(), {"db", "restore", "--from", backup, "--dbfile", server_.db_path()}, {});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  Start();
  EXPECT_EQ(client_->Do("GET", "/volumes/" + id).status, 404);

  json report = Examine();
  int offered = 0;
  for (const auto& f : report.value("findings", json::array())) {
    if (f["kind"] != "volume-unknown") continue;
    ++offered;
    EXPECT_EQ(f["volume_name"], created["name"]) << f.dump();
    EXPECT_EQ(f["repair"]["action"], "adopt-volume") << f.dump();
  }
  EXPECT_EQ(offered, 1) << report.dump(2);

  CliRun plain = cli({"server", "state", "reconcile", "--confirm"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err << plain.out;
  EXPECT_EQ(client_->Do("GET", "/volumes/" + id).status, 404) << "adopted without --adopt";
  for (int i = 1; i <= tb().hosts(); ++i) {
    EXPECT_NE(tb().Leftovers(i), "") << "a plain reconcile removed the volume's bricks from host " << i;
  }

  CliRun adopt = cli({"server", "state", "reconcile", "--confirm", "--adopt"});
  ASSERT_EQ(adopt.exit_code, 0) << adopt.err << adopt.out;
  Response got = client_->Do("GET", "/volumes/" + id);
  ASSERT_EQ(got.status, 200) << got.body;
  const json v = got.Json();
  for (const char* field : {"name", "size", "cluster", "durability", "bricks", "mount"}) {
    EXPECT_EQ(v[field], created[field]) << field;
  }
  ExpectAgreement("adopted");
  ExpectExamineClean("adopted");

  Response del = Run("DELETE", "/volumes/" + id);
  EXPECT_EQ(del.status, 204) << del.body;
  for (int i = 1; i <= tb().hosts(); ++i) EXPECT_EQ(tb().Leftovers(i), "") << "host " << i;
  for (const auto& [dev, free] : device_free_) {
    EXPECT_EQ(client_->Do("GET", "/devices/" + dev).Json()["storage"]["free"], free) << dev;
  }
}

}  // namespace
}  // namespace brickyard::testing
