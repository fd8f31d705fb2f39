#include "server_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

namespace brickyard::testing {

std::string ServerBinary() { return BRICKYARD_SERVER_BINARY; }

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

bool ServerProcess::Start(nlohmann::json config, const std::string& extra_arg) {
  if (dir_.empty()) {
    char tmpl[] = "/tmp/brickyard-e2e-XXXXXX";
    if (!mkdtemp(tmpl)) return false;
    dir_ = tmpl;
    db_ = dir_ + "/brickyard.db";
  }
  config["port"] = "0";
  config["glusterfs"]["db"] = db_;
  std::string cfg_path = dir_ + "/brickyard.json";
  std::ofstream(cfg_path) << config.dump(2);

  int fds[2];
  if (pipe(fds) != 0) return false;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::string log = dir_ + "/server.log";
    FILE* err = std::freopen(log.c_str(), "a", stderr);
    (void)err;
    std::string bin = ServerBinary();
    if (extra_arg.empty()) {
      execl(bin.c_str(), bin.c_str(), "--config", cfg_path.c_str(), nullptr);
    } else {
      execl(bin.c_str(), bin.c_str(), "--config", cfg_path.c_str(), extra_arg.c_str(), nullptr);
    }
    _exit(127);
  }
  close(fds[1]);
  FILE* out = fdopen(fds[0], "r");
  char line[256];
  port_ = 0;
  while (std::fgets(line, sizeof line, out)) {
    if (std::sscanf(line, "Listening on port %d", &port_) == 1) break;
  }
  // Keep draining stdout in the background so the server never blocks on it.
  std::thread([out] {
    char buf[256];
    while (std::fgets(buf, sizeof buf, out)) {
    }
    std::fclose(out);
  }).detach();
  if (port_ == 0) {
    std::ifstream log(dir_ + "/server.log");
    std::cerr << "server did not start:\n" << log.rdbuf() << "\n";
    Kill();
    return false;
  }
  return true;
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Kill();
  return -1;
}

int ServerProcess::WaitForExit(int timeout_s) {
  if (pid_ <= 0) return -1;
  int status = 0;
  for (int i = 0; i < timeout_s * 20; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace brickyard::testing
