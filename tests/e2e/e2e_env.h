// The one environment of the testbed suites (testbed_e2e_test, the
// injection, examine and crash suites): all of them are built into one binary
// and share one testbed bring-up per run.
//
// E2eEnvironment brings the three-host testbed up once (testbed.h), starts the
// shared server ("executor": "ssh") and loads the topology (every host's first
// disk) with the real brickyard-cli; at the end it stops the server and takes
// the testbed down. Suites that need a server of their own (another executor,
// BRICKYARD_FAULTS, other settings) start it on the same testbed with
// StartTestbedServer, on disks the shared server does not hold, and leave the
// hosts as they found them.
//
// Also the helpers the suites share: requests polled to their end, commands
// on a host, and what the hosts still hold (leftovers).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "http_client.h"
#include "server_process.h"
#include "testbed.h"

namespace brickyard::testing {

using E2eClock = std::chrono::steady_clock;

// The testbed's state dir: $BRICKYARD_E2E_STATE or /tmp/brickyard-e2e-testbed.
std::string E2eStateDir();
double Seconds(E2eClock::time_point since);
std::string Slurp(const std::string& path);
// Lines of `s` ('\n'), empty ones dropped.
std::vector<std::string> Lines(const std::string& s);

// Daemons started from a test (the FUSE client) must not inherit its fds.
extern const std::string kCloseFds;

// The server's config for the testbed: `executor` ("ssh", "inject/ssh") with
// the testbed's key and known_hosts, user root; `glusterfs_extra` is merged
// into the "glusterfs" section.
nlohmann::json TestbedServerConfig(const Testbed& tb, const std::string& executor = "ssh",
                                   const nlohmann::json& glusterfs_extra = nlohmann::json::object());

// Starts `server` with TestbedServerConfig(tb, executor, glusterfs_extra) and,
// when `faults` is not empty, BRICKYARD_FAULTS=`faults` in its environment
// (and only in its). Returns false if it did not come up.
bool StartTestbedServer(ServerProcess& server, const Testbed& tb, const std::string& executor = "ssh",
                        const nlohmann::json& glusterfs_extra = nlohmann::json::object(),
                        const std::string& faults = "");

// A request and its result: a 202 is polled (every `poll`) until it is done
// or `deadline` passes (then an empty Response).
Response RunAndWait(TestClient& client, const std::string& method, const std::string& path,
                    const std::string& body, std::chrono::minutes deadline,
                    std::chrono::milliseconds poll = std::chrono::milliseconds(250));

// Runs `cmd` on `host` inside its namespaces and expects success; its stdout.
std::string OnHost(const Testbed& tb, int host, const std::string& cmd);

// The testbed host (1..) whose IP is the manage hostname of `node_id`; 0 if none.
int HostOfNode(TestClient& client, const Testbed& tb, const std::string& node_id);

// What each host holds of bricks, volumes and snapshots (Testbed::Leftovers),
// indexed by host (1..hosts()).
std::vector<std::set<std::string>> HostTraces(const Testbed& tb);

// Nothing on any host beyond `before` (what earlier tests may have left, so
// that one test's leak is reported once, by that test), no FUSE mount of the
// testbed in the root namespace, and the root namespace's /etc/fstab as
// `root_fstab`.
void ExpectHostsClean(const Testbed& tb, const std::string& root_fstab,
                      const std::vector<std::set<std::string>>& before = {});

class E2eEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;

  std::string skip;         // why no test can run
  std::string server_skip;  // why the tests of the shared server cannot run
  std::unique_ptr<Testbed> tb;
  std::unique_ptr<ServerProcess> server;  // the shared server, executor "ssh"
  std::string root_fstab;   // the root namespace's /etc/fstab before anything ran
  std::map<std::string, int64_t> device_free;  // device id -> free KiB after topology load

 private:
  void StartServer();
};

// The binary's one environment (registered by its main()).
E2eEnvironment& E2e();

}  // namespace brickyard::testing
