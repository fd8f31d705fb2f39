// Testbed: the GlusterFS testbed of tests/e2e (gluster-testbed.sh: storage
// hosts in network namespaces on this machine, each with its own sshd,
// glusterd, loop "disks" and private /etc, /run, /var/lib/glusterd) plus the
// TEST-ONLY LVM stand-in (lvm-standin/), for end-to-end tests of the real
// server against real glusterd, XFS and FUSE.
//
// Every call blocks until its command ends; every command the helpers run is
// bounded by a timeout. Not thread-safe: one Testbed per test binary.
#pragma once

#include <map>
#include <string>

#include "cli_runner.h"

namespace brickyard::testing {

struct TestbedOptions {
  std::string state_dir;         // GTB_STATE; holds everything the testbed creates
  std::string prefix = "bye";    // GTB_PREFIX: network namespaces and hostnames bye-h<i>
  std::string bridge = "bye0";   // GTB_BRIDGE, carries 198.18.0.1/24 in the root namespace
  int ip_base = 20;              // host i is 198.18.0.<ip_base + i>
  int hosts = 3;
  int disks = 2;                 // per host; disk 1 for the server, disk 2 for stand-in tests
  std::string disk_size = "16G"; // sparse image files
};

class Testbed {
 public:
  explicit Testbed(TestbedOptions options);
  ~Testbed();

  // Takes the exclusive lock of this state dir for the Testbed's lifetime, so
  // two test runs (two build dirs, two `make test`) never share the hosts.
  // Waits up to `wait_s` seconds; returns "" or why the lock was not had.
  std::string Lock(int wait_s);

  // Why this machine cannot run the testbed ("" when it can): not root,
  // namespaces or loop devices unavailable, a tool missing, or 198.18.0.0/24
  // already used by another interface (e.g. the `make demo` testbed).
  std::string Unavailable() const;

  // Removes what an earlier run of the same state dir left, brings the hosts
  // up and installs the LVM stand-in in each. On failure returns false and
  // appends the scripts' output to `log`.
  bool Up(std::string* log);
  // Restarts whatever daemon of the hosts was stopped (sshd, glusterd): the
  // testbed's `up` is idempotent.
  bool Resume(std::string* log);
  // Unmounts, stops and removes everything the testbed created.
  bool Down(std::string* log);

  int hosts() const { return options_.hosts; }
  std::string Ip(int host) const;                  // host 1..hosts()
  std::string Disk(int host, int k = 1) const;     // its k-th loop device
  const std::string& state_dir() const { return options_.state_dir; }
  std::string KeyFile() const { return state_dir() + "/ssh/id_ed25519"; }
  std::string KnownHosts() const { return state_dir() + "/ssh/known_hosts"; }
  // The stand-in's state dir of `host` (state.json, commands.log, images/).
  std::string StandinDir(int host) const;

  // `command` (bash) on `host` over ssh, as the server runs it.
  CliRun Ssh(int host, const std::string& command) const;
  // `command` (bash) inside `host`'s namespaces (nsenter), as root.
  CliRun Exec(int host, const std::string& command) const;
  // `command` (bash) in the root namespace with the testbed's GTB_* environment.
  CliRun Shell(const std::string& command) const;

  // What `host` still holds of any brick, volume or snapshot, one item per
  // line ("lv: <vg> <lv>", "mount: ", "fstab: ", "dir: ", "volume: ",
  // "snapshot: ", "loop: ", "dm node: "); "" when clean.
  std::string Leftovers(int host) const;

 private:
  std::map<std::string, std::string> Env() const;
  bool LoadHostsEnv();

  TestbedOptions options_;
  int lock_fd_ = -1;
  std::map<std::string, std::string> hosts_env_;  // $GTB_STATE/hosts.env
};

}  // namespace brickyard::testing
