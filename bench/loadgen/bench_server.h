// BenchServer: runs the real brickyard binary for one benchmark, with the
// mock executor, a fresh store in its own temp dir and a free loopback port.
// The server is killed if the load generator dies (PR_SET_PDEATHSIG), so a
// benchmark never leaves one behind. Not thread-safe; one owner.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace brickyard::bench {

inline constexpr const char* kAdminKey = "bench-admin-secret";
inline constexpr const char* kUserKey = "bench-user-secret";

struct ServerSettings {
  std::string binary;                         // path of the brickyard server
  int64_t mock_device_size_gb = 100000;       // room for 100k 1 GiB replica-3 volumes
  int64_t max_queued_operations = 1000000;    // 16 clients never see 429
  std::string loglevel = "info";              // the server's default
};

// Times the kernel dropped a connection because a listen queue was full
// (TcpExtListenOverflows, machine-wide); -1 if unreadable.
int64_t ListenOverflows();

class BenchServer {
 public:
  explicit BenchServer(ServerSettings settings) : settings_(std::move(settings)) {}
  ~BenchServer();  // stops the server (Stop()) and removes its temp dir
  BenchServer(const BenchServer&) = delete;
  BenchServer& operator=(const BenchServer&) = delete;

  // Writes heketi.json into a new temp dir and starts the server; returns
  // once it prints "Listening on port N". Errors: Unavailable (with the tail
  // of the server's log) when it does not come up within 30 s.
  Status Start();
  // SIGTERM, then SIGKILL after 5 s.
  void Stop();

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& dir() const { return dir_; }

  // VmRSS of the server in KiB, from /proc/<pid>/status; -1 if unreadable.
  int64_t RssKiB() const;
  // CPU time (user + system) the server has used so far, in seconds; -1 if
  // unreadable.
  // Counts the CPU of threads that have exited too, in 10 ms ticks.
  double CpuSeconds() const;
  // CPU time of the server's live threads, in nanoseconds resolution (from
  // /proc/<pid>/task/*/schedstat); right for requests served by pooled
  // threads. -1 if unreadable.
  double LiveThreadsCpuSeconds() const;
  // Bytes of the store on disk: the database file plus its -wal file.
  int64_t StoreBytes() const;

 private:
  ServerSettings settings_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string dir_;
  std::string db_;
};

}  // namespace brickyard::bench
