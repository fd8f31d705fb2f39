// Helpers shared by this folder's tests: golden files, golden commands, and
// running a program locally with its output captured. Test-only.
#pragma once

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "executors/commands/command.h"

namespace brickyard::executors::commands::test_support {

// The contents of testdata/<name>.
inline std::string Golden(const std::string& name) {
  std::ifstream in(std::string(BY_COMMANDS_TESTDATA) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing testdata/" << name;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Expects `r` to hold a command with exactly `argv` whose remote line is
// exactly `line`.
inline void ExpectCommand(const Result<Command>& r, const std::vector<std::string>& argv,
                          const std::string& line) {
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->argv, argv);
  EXPECT_EQ(ToShellLine(*r), line);
  EXPECT_TRUE(CheckCommand(*r).ok());
}

// Expects `r` to have failed with InvalidArgument.
template <typename T>
void ExpectInvalid(const Result<T>& r) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << r.status().ToString();
}

struct RunResult {
  int exit_code = -1;
  std::string out;
};

// Runs argv (no shell involved) with stdout captured and stdin empty; stderr
// is inherited so failures show in the test log. `cwd` "" keeps ours.
inline RunResult RunProgram(const std::vector<std::string>& argv, const std::string& cwd = "") {
  RunResult r;
  int fds[2];
  if (pipe(fds) != 0) return r;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) r.out.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Splits NUL-terminated fields ("a\0b\0" -> {"a", "b"}).
inline std::vector<std::string> SplitNul(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\0', start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The shells available here to run command lines with: /bin/sh always, bash
// when installed.
inline std::vector<std::string> Shells() {
  std::vector<std::string> out = {"/bin/sh"};
  if (access("/bin/bash", X_OK) == 0) out.push_back("/bin/bash");
  return out;
}

}  // namespace brickyard::executors::commands::test_support
