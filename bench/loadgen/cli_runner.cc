#include "cli_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "bench_server.h"

namespace brickyard::bench {

namespace {

// Reads both pipes until EOF or the deadline; returns false on timeout.
bool Drain(int out_fd, int err_fd, std::string* out, std::string* err,
           std::chrono::steady_clock::time_point deadline) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open = 2;
  while (open > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || poll(fds, 2, static_cast<int>(std::min<int64_t>(left.count(), 1000))) < 0) {
      for (auto& f : fds)
        if (f.fd >= 0) close(f.fd);
      return false;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[65536];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      } else {
        std::string* dst = i == 0 ? out : err;
        if (dst && dst->size() < (64u << 20)) dst->append(buf, static_cast<size_t>(n));
      }
    }
  }
  return true;
}

}  // namespace

Result<CliRun> RunCli(const std::string& binary, int port, const std::vector<std::string>& args,
                      int timeout_s, bool keep_output) {
  std::vector<std::string> argv = {binary, "--server", "http://127.0.0.1:" + std::to_string(port),
                                   "--user", "admin", "--secret", kAdminKey};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  // The environment minus any server or key the caller may have set.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string_view kv(*e);
    bool drop = false;
    for (const char* v : {"HEKETI_CLI_SERVER=", "HEKETI_CLI_USER=", "HEKETI_CLI_KEY=", "BRICKYARD_SERVER=",
                          "BRICKYARD_USER=", "BRICKYARD_KEY="})
      drop = drop || kv.rfind(v, 0) == 0;
    if (!drop) env_strings.emplace_back(kv);
  }
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) return Internal("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  // posix_spawn, not fork: forking a load generator that holds a large
  // topology in memory would add the copy of its page tables to the time.
  // Without PR_SET_PDEATHSIG the CLI outlives a killed load generator only
  // until the server (which does die with it) stops answering.
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, cargv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    return Internal("cannot run " + binary + ": " + std::strerror(rc));
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  CliRun run;
  std::string err;
  bool finished = Drain(out_pipe[0], err_pipe[0], keep_output ? &run.out : nullptr, &err,
                        start + std::chrono::seconds(timeout_s));
  if (!finished) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!finished) return Internal("brickyard-cli timed out after " + std::to_string(timeout_s) + " s");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return Internal("brickyard-cli exited with status " + std::to_string(status) + ": " + err);
  return run;
}

}  // namespace brickyard::bench
