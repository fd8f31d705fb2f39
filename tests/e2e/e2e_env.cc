#include "e2e_env.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace brickyard::testing {

using nlohmann::json;

const std::string kCloseFds =
    "for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ \"$fd\" -gt 2 ] && eval \"exec $fd>&-\"; done; ";

namespace {
E2eEnvironment* env = nullptr;
}  // namespace

E2eEnvironment& E2e() { return *env; }

std::string E2eStateDir() {
  const char* s = std::getenv("BRICKYARD_E2E_STATE");
  return s && *s ? s : "/tmp/brickyard-e2e-testbed";
}

double Seconds(E2eClock::time_point since) {
  return std::chrono::duration<double>(E2eClock::now() - since).count();
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

json TestbedServerConfig(const Testbed& tb, const std::string& executor, const json& glusterfs_extra) {
  json config = {
      {"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
      {"glusterfs",
       {{"executor", executor},
        {"loglevel", "debug"},
        // Health checks every second, so a host restarted by a test is
        // offered for new bricks again before the next test starts.
        {"start_time_monitor_gluster_nodes", 1},
        {"refresh_time_monitor_gluster_nodes", 1},
        {"sshexec",
         {{"keyfile", tb.KeyFile()},
          {"user", "root"},
          {"port", "22"},
          {"known_hosts", tb.KnownHosts()},
          {"fstab", "/etc/fstab"}}}}}};
  for (const auto& [k, v] : glusterfs_extra.items()) config["glusterfs"][k] = v;
  return config;
}

bool StartTestbedServer(ServerProcess& server, const Testbed& tb, const std::string& executor,
                        const json& glusterfs_extra, const std::string& faults) {
  if (!faults.empty()) setenv("BRICKYARD_FAULTS", faults.c_str(), 1);
  bool started = server.Start(TestbedServerConfig(tb, executor, glusterfs_extra));
  unsetenv("BRICKYARD_FAULTS");
  return started;
}

Response RunAndWait(TestClient& client, const std::string& method, const std::string& path,
                    const std::string& body, std::chrono::minutes deadline,
                    std::chrono::milliseconds poll) {
  Response r = client.Do(method, path, body);
  if (r.status != 202) return r;
  const std::string loc = r.Header("Location");
  const auto until = E2eClock::now() + deadline;
  while (E2eClock::now() < until) {
    Response q = client.Do("GET", loc);
    if (q.status == 200 && !q.Header("X-Pending").empty()) {
      std::this_thread::sleep_for(poll);
      continue;
    }
    if (q.status == 303) return client.Do("GET", q.Header("Location"));
    return q;
  }
  return Response{};
}

std::string OnHost(const Testbed& tb, int host, const std::string& cmd) {
  CliRun r = tb.Exec(host, cmd);
  EXPECT_EQ(r.exit_code, 0) << "h" << host << "$ " << cmd << "\n" << r.out << r.err;
  return r.out;
}

int HostOfNode(TestClient& client, const Testbed& tb, const std::string& node_id) {
  Response n = client.Do("GET", "/nodes/" + node_id);
  const std::string ip = n.Json()["hostnames"]["manage"][0];
  for (int i = 1; i <= tb.hosts(); ++i) {
    if (tb.Ip(i) == ip) return i;
  }
  return 0;
}

std::vector<std::set<std::string>> HostTraces(const Testbed& tb) {
  std::vector<std::set<std::string>> traces(tb.hosts() + 1);
  for (int i = 1; i <= tb.hosts(); ++i) {
    for (const auto& line : Lines(tb.Leftovers(i))) traces[i].insert(line);
  }
  return traces;
}

void ExpectHostsClean(const Testbed& tb, const std::string& root_fstab,
                      const std::vector<std::set<std::string>>& before) {
  auto now = HostTraces(tb);
  for (int i = 1; i <= tb.hosts(); ++i) {
    std::string left;
    for (const auto& line : now[i]) {
      if (before.empty() || !before[i].count(line)) left += line + "\n";
    }
    EXPECT_EQ(left, "") << "left behind on host " << i;
  }
  CliRun fuse = tb.Shell("findmnt -rn -t fuse.glusterfs -o TARGET | grep -F \"$GTB_STATE/\"");
  EXPECT_EQ(fuse.out, "") << "FUSE mounts left in the root namespace";
  EXPECT_EQ(Slurp("/etc/fstab"), root_fstab) << "the root namespace's /etc/fstab changed";
}

// ----------------------------------------------------------- environment ---
void E2eEnvironment::SetUp() {
  root_fstab = Slurp("/etc/fstab");
  TestbedOptions o;
  o.state_dir = E2eStateDir();
  tb = std::make_unique<Testbed>(o);
  if (::geteuid() != 0) {
    skip = "needs root (network namespaces, loop devices, mounts)";
    return;
  }
  skip = tb->Lock(900);
  if (skip.empty()) skip = tb->Unavailable();
  if (!skip.empty()) return;
  auto t0 = E2eClock::now();
  std::string log;
  if (!tb->Up(&log)) {
    skip = "testbed did not come up:\n" + log;
    ADD_FAILURE() << skip;
    return;
  }
  std::cout << "[ testbed  ] up with the LVM stand-in in " << Seconds(t0) << " s\n";
  StartServer();
}

void E2eEnvironment::StartServer() {
  server = std::make_unique<ServerProcess>();
  if (!StartTestbedServer(*server, *tb)) {
    std::string log = Slurp(server->dir() + "/server.log");
    if (log.find("invalid executor: ssh") != std::string::npos) {
      server_skip = "the server has no \"ssh\" executor yet";
    } else {
      server_skip = "the server did not start with the ssh executor:\n" + log;
      ADD_FAILURE() << server_skip;
    }
    return;
  }
  // The topology: every host with its first disk (the second is the stand-in
  // tests' and the crash suite's).
  json nodes = json::array();
  for (int i = 1; i <= tb->hosts(); ++i) {
    nodes.push_back({{"node", {{"hostnames", {{"manage", {tb->Ip(i)}}, {"storage", {tb->Ip(i)}}}},
                               {"zone", i}}},
                     {"devices", {tb->Disk(i, 1)}}});
  }
  std::string file = tb->state_dir() + "/e2e-topology.json";
  std::ofstream(file) << json{{"clusters", {{{"nodes", nodes}}}}}.dump(2);
  auto t0 = E2eClock::now();
  CliRun load = RunProgram(CliBinary(),
                           {"--server", server->url(), "--user", "admin", "--secret",
                            "admin-secret", "topology", "load", "--json=" + file},
                           {});
  if (load.exit_code != 0) {
    server_skip = "topology load failed:\n" + load.out + load.err;
    ADD_FAILURE() << server_skip;
    return;
  }
  std::cout << "[ topology ] loaded in " << Seconds(t0) << " s\n" << load.out;
  TestClient c(server->url());
  const json clusters = c.Do("GET", "/clusters").Json()["clusters"];
  for (const auto& cid : clusters) {
    const json nodes = c.Do("GET", "/clusters/" + cid.get<std::string>()).Json()["nodes"];
    for (const auto& nid : nodes) {
      const json devices = c.Do("GET", "/nodes/" + nid.get<std::string>()).Json()["devices"];
      for (const auto& d : devices) {
        device_free[d["id"]] = d["storage"]["free"].get<int64_t>();
      }
    }
  }
}

void E2eEnvironment::TearDown() {
  if (server) {
    server->Stop();
    // keep the server's log beside the state dir (which `down` removes)
    std::error_code ec;
    std::filesystem::copy_file(server->dir() + "/server.log", E2eStateDir() + ".server.log",
                               std::filesystem::copy_options::overwrite_existing, ec);
    std::cout << "[ server   ] log: " << E2eStateDir() << ".server.log\n";
  }
  if (!tb || !skip.empty()) return;
  if (const char* keep = std::getenv("BRICKYARD_E2E_KEEP"); keep && *keep == '1') {
    std::cout << "[ testbed  ] kept up (BRICKYARD_E2E_KEEP=1)\n";
    return;
  }
  auto t0 = E2eClock::now();
  std::string log;
  EXPECT_TRUE(tb->Down(&log)) << log;
  std::cout << "[ testbed  ] down in " << Seconds(t0) << " s\n";
  EXPECT_EQ(Slurp("/etc/fstab"), root_fstab) << "the root namespace's /etc/fstab changed";
}

}  // namespace brickyard::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  brickyard::testing::env = new brickyard::testing::E2eEnvironment;
  ::testing::AddGlobalTestEnvironment(brickyard::testing::env);
  return RUN_ALL_TESTS();
}
