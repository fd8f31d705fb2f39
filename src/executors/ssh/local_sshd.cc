#include "executors/ssh/local_sshd.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace brickyard::executors::ssh {
namespace {

constexpr const char* kSshd = "/usr/sbin/sshd";
constexpr const char* kKeygen = "/usr/bin/ssh-keygen";

// Runs `argv` and waits; true on exit status 0.
bool RunQuiet(const std::vector<std::string>& argv) {
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool Accepting(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// Parent pid of `pid` from /proc, or -1.
pid_t ParentOf(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  std::getline(in, stat);
  const auto close_paren = stat.rfind(')');
  if (close_paren == std::string::npos) return -1;
  std::istringstream rest(stat.substr(close_paren + 2));
  char state = 0;
  pid_t ppid = -1;
  rest >> state >> ppid;
  return ppid;
}

// Every descendant of `root` (children, grandchildren, ...).
std::set<pid_t> Descendants(pid_t root) {
  std::set<pid_t> found{root};
  for (int round = 0; round < 8; ++round) {
    const size_t before = found.size();
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/proc", ec)) {
      const std::string name = e.path().filename();
      if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
      const pid_t pid = std::stoi(name);
      if (found.count(ParentOf(pid))) found.insert(pid);
    }
    if (found.size() == before) break;
  }
  found.erase(root);
  return found;
}

}  // namespace

std::string LocalSshd::Unavailability() {
  if (geteuid() != 0) return "needs root (sshd runs as a privileged daemon)";
  if (access(kSshd, X_OK) != 0) return "no /usr/sbin/sshd (install openssh-server)";
  if (access(kKeygen, X_OK) != 0) return "no ssh-keygen (install openssh-client)";
  return "";
}

LocalSshd::LocalSshd() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "by_sshd.XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return;
  dir_ = tmpl;
  port_ = FreeLoopbackPort();
  std::error_code ec;
  std::filesystem::create_directories("/run/sshd", ec);  // sshd's privilege-separation dir
  ok_ = port_ != 0 &&
        RunQuiet({kKeygen, "-q", "-t", "ed25519", "-N", "", "-f", dir_ + "/host_key"}) &&
        RunQuiet({kKeygen, "-q", "-t", "ed25519", "-N", "", "-f", client_key()}) &&
        WriteConfig();
  if (ok_) {
    std::filesystem::copy_file(client_key() + ".pub", dir_ + "/authorized_keys", ec);
    ok_ = !ec;
  }
}

LocalSshd::~LocalSshd() {
  Stop();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

bool LocalSshd::WriteConfig() const {
  std::ofstream out(dir_ + "/sshd_config");
  out << "ListenAddress 127.0.0.1\n"
      << "Port " << port_ << "\n"
      << "HostKey " << dir_ << "/host_key\n"
      << "PidFile " << dir_ << "/sshd.pid\n"
      << "AuthorizedKeysFile " << dir_ << "/authorized_keys\n"
      << "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
      << "PermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\n"
      << "LogLevel ERROR\n";
  return static_cast<bool>(out);
}

bool LocalSshd::Start() {
  if (!ok_ || pid_ > 0) return ok_ && pid_ > 0;
  const std::string config = dir_ + "/sshd_config";
  const std::string log = dir_ + "/sshd.log";
  pid_ = fork();
  if (pid_ < 0) return false;
  if (pid_ == 0) {
    execl(kSshd, kSshd, "-D", "-f", config.c_str(), "-E", log.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 100; ++i) {
    if (Accepting(port_)) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Stop();
  return false;
}

void LocalSshd::Stop() {
  if (pid_ <= 0) return;
  // Freeze the listener so it forks no more, end the session processes it
  // forked (they would outlive it), then end it.
  kill(pid_, SIGSTOP);
  for (int round = 0; round < 3; ++round) {
    const std::set<pid_t> children = Descendants(pid_);
    if (children.empty()) break;
    for (pid_t child : children) kill(child, SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

bool LocalSshd::RotateHostKey() {
  std::error_code ec;
  std::filesystem::remove(dir_ + "/host_key", ec);
  std::filesystem::remove(dir_ + "/host_key.pub", ec);
  return RunQuiet({kKeygen, "-q", "-t", "ed25519", "-N", "", "-f", dir_ + "/host_key"});
}

std::string LocalSshd::KnownHostsLine() const {
  std::ifstream in(dir_ + "/host_key.pub");
  std::string type, key;
  in >> type >> key;
  return "[127.0.0.1]:" + std::to_string(port_) + " " + type + " " + key + "\n";
}

std::string LocalSshd::WriteFile(const std::string& name, const std::string& content) const {
  const std::string path = dir_ + "/" + name;
  std::ofstream(path) << content;
  return path;
}

}  // namespace brickyard::executors::ssh
