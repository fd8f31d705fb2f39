#include "bench_server.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

namespace brickyard::bench {

namespace {

std::string TempRoot() {
  const char* t = std::getenv("TMPDIR");
  return t && *t ? t : "/tmp";
}

std::string LogTail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

}  // namespace

BenchServer::~BenchServer() {
  Stop();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

Status BenchServer::Start() {
  std::string tmpl = TempRoot() + "/brickyard-bench-XXXXXX";
  if (!mkdtemp(tmpl.data())) return Internal("cannot create a temp dir under " + TempRoot());
  dir_ = tmpl;
  db_ = dir_ + "/brickyard.db";
  nlohmann::json cfg = {
      {"port", "0"},
      {"bind_address", "127.0.0.1"},
      {"use_auth", true},
      {"jwt", {{"admin", {{"key", kAdminKey}}}, {"user", {{"key", kUserKey}}}}},
      {"glusterfs",
       {{"executor", "mock/stateless"},
        {"db", db_},
        {"loglevel", settings_.loglevel},
        {"mock_device_size_gb", settings_.mock_device_size_gb},
        {"max_queued_operations", settings_.max_queued_operations}}}};
  const std::string cfg_path = dir_ + "/heketi.json";
  const std::string log_path = dir_ + "/server.log";
  std::ofstream(cfg_path) << cfg.dump(2);

  int fds[2];
  if (pipe(fds) != 0) return Internal("pipe failed");
  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) return Internal("fork failed");
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    if (!std::freopen(log_path.c_str(), "a", stderr)) _exit(126);
    execl(settings_.binary.c_str(), settings_.binary.c_str(), "--config", cfg_path.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);

  // Read stdout until the port line, for at most 30 s.
  std::string buffer;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (port_ == 0 && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fds[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char chunk[512];
    ssize_t n = read(fds[0], chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<size_t>(n));
    for (size_t nl; (nl = buffer.find('\n')) != std::string::npos; buffer.erase(0, nl + 1)) {
      int port = 0;
      if (std::sscanf(buffer.substr(0, nl).c_str(), "Listening on port %d", &port) == 1) port_ = port;
    }
  }
  // Keep draining stdout so the server never blocks on it.
  int fd = fds[0];
  std::thread([fd] {
    char chunk[512];
    while (read(fd, chunk, sizeof chunk) > 0) {
    }
    close(fd);
  }).detach();
  if (port_ == 0) {
    Stop();
    return Unavailable("the server did not start:\n" + LogTail(log_path));
  }
  return Status::Ok();
}

void BenchServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

int64_t BenchServer::RssKiB() const {
  if (pid_ <= 0) return -1;
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    long long kib = 0;
    if (std::sscanf(line.c_str(), "VmRSS: %lld kB", &kib) == 1) return kib;
  }
  return -1;
}

double BenchServer::CpuSeconds() const {
  if (pid_ <= 0) return -1;
  std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the command name (which may hold spaces) start at ") ".
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 2));
  std::string f;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14) utime = std::stoull(f);
    if (i == 15) stime = std::stoull(f);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double BenchServer::LiveThreadsCpuSeconds() const {
  if (pid_ <= 0) return -1;
  std::error_code ec;
  double total = 0;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid_) + "/task", ec)) {
    std::ifstream in(task.path() / "schedstat");
    unsigned long long ns = 0;
    if (in >> ns) total += static_cast<double>(ns) / 1e9;
  }
  return ec ? -1 : total;
}

int64_t ListenOverflows() {
  std::ifstream in("/proc/net/netstat");
  std::string names, values;
  while (std::getline(in, names) && std::getline(in, values)) {
    if (names.rfind("TcpExt:", 0) != 0) continue;
    std::istringstream n(names), v(values);
    std::string name, value;
    while (n >> name && v >> value)
      if (name == "ListenOverflows") return std::stoll(value);
  }
  return -1;
}

int64_t BenchServer::StoreBytes() const {
  int64_t total = 0;
  for (const std::string& f : {db_, db_ + "-wal"}) {
    std::error_code ec;
    auto size = std::filesystem::file_size(f, ec);
    if (!ec) total += static_cast<int64_t>(size);
  }
  return total;
}

}  // namespace brickyard::bench
