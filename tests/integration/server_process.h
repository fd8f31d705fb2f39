// ServerProcess: runs the real brickyard binary for end-to-end tests, on a
// free loopback port with a temporary directory for its config and store.
#pragma once

#include <sys/types.h>

#include <string>

#include <nlohmann/json.hpp>

namespace brickyard::testing {

class ServerProcess {
 public:
  ServerProcess() = default;
  ~ServerProcess();

  // Writes `config` (heketi.json shape; "port" and "glusterfs.db" are filled
  // in) into a fresh temp dir, starts the server and waits until it listens.
  // Returns false (with a message on stderr) if it did not come up.
  bool Start(nlohmann::json config, const std::string& extra_arg = "");
  // SIGTERM, then SIGKILL after a grace period; returns the exit status.
  int Stop();
  // Sends SIGKILL (a crash) and reaps the process.
  void Kill();
  // Waits up to `timeout_s` for the server to end by itself (e.g. killed by
  // the fault injector) and reaps it; returns its wait status, or -1 if it
  // still runs (it is left running).
  int WaitForExit(int timeout_s);

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& dir() const { return dir_; }
  const std::string& db_path() const { return db_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string dir_;
  std::string db_;
};

// The server binary under test (from the build).
std::string ServerBinary();

}  // namespace brickyard::testing
