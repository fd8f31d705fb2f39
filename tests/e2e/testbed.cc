#include "testbed.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <fstream>
#include <sstream>

namespace brickyard::testing {
namespace {

const std::string kScript = std::string(BRICKYARD_E2E_DIR) + "/gluster-testbed.sh";
const std::string kStandin = std::string(BRICKYARD_E2E_DIR) + "/lvm-standin/install.sh";

// Lists what Testbed::Leftovers reports, one kind per command.
const std::string kLeftovers = R"(
/usr/sbin/lvm lvs --noheadings -o vg_name,lv_name 2>&1 | sed 's/^ */lv: /'
findmnt -rn -o TARGET | grep -E '^(/var/lib/heketi/mounts|/run/gluster/snaps)/' | sed 's/^/mount: /'
grep -E 'brick_|/var/lib/heketi/mounts' /etc/fstab | sed 's/^/fstab: /'
find /var/lib/heketi/mounts -mindepth 2 -maxdepth 2 2>/dev/null | sed 's/^/dir: /'
timeout 60 gluster --mode=script volume list 2>&1 | grep -v '^No volumes present' | sed 's/^/volume: /'
timeout 60 gluster --mode=script snapshot list 2>&1 | grep -v '^No snapshots present' | sed 's/^/snapshot: /'
losetup -n -O BACK-FILE -l | grep '/lvm-standin/images/' | sed 's/^/loop: /'
ls /dev/mapper 2>/dev/null | sed 's/^/dm node: /'
true
)";

std::string Unquote(std::string v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return v;
}

}  // namespace

Testbed::Testbed(TestbedOptions options) : options_(std::move(options)) {}

Testbed::~Testbed() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string Testbed::Lock(int wait_s) {
  const std::string path = options_.state_dir + ".run.lock";
  // O_CLOEXEC: daemons started later must not inherit (and so hold) the lock
  lock_fd_ = ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) return "cannot open " + path;
  for (int waited = 0; ::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0; ++waited) {
    if (waited >= wait_s) {
      return "another end-to-end run has held the testbed (" + path + ") for " +
             std::to_string(wait_s) + " s";
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  return "";
}

std::map<std::string, std::string> Testbed::Env() const {
  return {{"GTB_STATE", options_.state_dir},
          {"GTB_PREFIX", options_.prefix},
          {"GTB_BRIDGE", options_.bridge},
          {"GTB_IP_BASE", std::to_string(options_.ip_base)},
          {"GTB_HOSTS", std::to_string(options_.hosts)},
          {"GTB_DISKS", std::to_string(options_.disks)},
          {"GTB_DISK_SIZE", options_.disk_size},
          {"HOME", "/root"},
          {"LANG", "C.UTF-8"}};
}

CliRun Testbed::Shell(const std::string& command) const {
  return RunProgram("/bin/bash", {"-c", command}, Env());
}

CliRun Testbed::Ssh(int host, const std::string& command) const {
  return RunProgram("/bin/bash", {kScript, "ssh", std::to_string(host), command}, Env());
}

std::string Testbed::Leftovers(int host) const { return Exec(host, kLeftovers).out; }

CliRun Testbed::Exec(int host, const std::string& command) const {
  return RunProgram("/bin/bash", {kScript, "exec", std::to_string(host), "bash", "-c", command},
                    Env());
}

std::string Testbed::Unavailable() const {
  if (::geteuid() != 0) return "needs root (network namespaces, loop devices, mounts)";
  CliRun tools = Shell(
      "for c in ip nsenter unshare losetup mkfs.xfs xfs_growfs glusterd gluster sshd ssh "
      "ssh-keygen mount.glusterfs python3 blkid fsfreeze flock findmnt; do "
      "command -v $c >/dev/null || echo $c; done");
  if (!tools.out.empty()) {
    return "missing tools: " + tools.out + "(scripts/install-deps.sh installs them)";
  }
  CliRun ns = Shell("timeout 10 unshare --net --mount --uts true 2>&1");
  if (ns.exit_code != 0) return "namespaces unavailable: " + ns.out;
  CliRun kernel = Shell(
      "test -e /dev/loop-control || echo 'no /dev/loop-control'; "
      "test -e /dev/fuse || echo 'no /dev/fuse'; "
      "for fs in overlay xfs fuse; do grep -qw $fs /proc/filesystems || echo \"no $fs\"; done");
  if (!kernel.out.empty()) return "kernel lacks: " + kernel.out;
  CliRun net = Shell("ip -4 -o addr show | awk -v br=\"$GTB_BRIDGE\" "
                     "'$4 ~ /^198\\.18\\.0\\./ && $2 != br {print $2, $4}'");
  if (!net.out.empty()) {
    return "198.18.0.0/24 is already used by " + net.out +
           "(another testbed is up: make demo-down / make testbed-down)";
  }
  return "";
}

bool Testbed::LoadHostsEnv() {
  std::ifstream in(options_.state_dir + "/hosts.env");
  if (!in) return false;
  hosts_env_.clear();
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos) hosts_env_[line.substr(0, eq)] = Unquote(line.substr(eq + 1));
  }
  return true;
}

bool Testbed::Up(std::string* log) {
  std::string down_log;
  Down(&down_log);  // a clean slate, whatever an interrupted run left
  CliRun up = RunProgram("/bin/bash", {kScript, "up"}, Env());
  *log += up.out + up.err;
  if (up.exit_code != 0 || !LoadHostsEnv()) return false;
  CliRun standin = RunProgram("/bin/bash", {kStandin}, Env());
  *log += standin.out + standin.err;
  return standin.exit_code == 0;
}

bool Testbed::Resume(std::string* log) {
  CliRun up = RunProgram("/bin/bash", {kScript, "up"}, Env());
  *log += up.out + up.err;
  return up.exit_code == 0;
}

bool Testbed::Down(std::string* log) {
  CliRun down = RunProgram("/bin/bash", {kScript, "down"}, Env());
  *log += down.out + down.err;
  return down.exit_code == 0;
}

std::string Testbed::Ip(int host) const {
  auto it = hosts_env_.find("GTB_H" + std::to_string(host) + "_IP");
  return it == hosts_env_.end() ? "" : it->second;
}

std::string Testbed::Disk(int host, int k) const {
  auto it = hosts_env_.find("GTB_H" + std::to_string(host) + "_DISKS");
  if (it == hosts_env_.end()) return "";
  std::istringstream in(it->second);
  std::string d;
  for (int i = 1; in >> d; ++i) {
    if (i == k) return d;
  }
  return "";
}

std::string Testbed::StandinDir(int host) const {
  return options_.state_dir + "/h" + std::to_string(host) + "/lvm-standin";
}

}  // namespace brickyard::testing
