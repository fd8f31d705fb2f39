#include "cli_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

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

  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return Internal("pipe failed");
  const pid_t parent = getpid();
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) return Internal("fork failed");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    // The CLI must not pick up a server or key from the caller's environment.
    for (const char* v : {"HEKETI_CLI_SERVER", "HEKETI_CLI_USER", "HEKETI_CLI_KEY",
                          "BRICKYARD_SERVER", "BRICKYARD_USER", "BRICKYARD_KEY"})
      unsetenv(v);
    execv(binary.c_str(), cargv.data());
    _exit(127);
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
