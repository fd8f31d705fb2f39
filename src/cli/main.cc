// brickyard-cli: the composition root of the command line client.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/app.h"

#ifndef BRICKYARD_VERSION
#define BRICKYARD_VERSION "dev"
#endif

int main(int argc, char** argv) {
  brickyard::SystemClock clock;
  brickyard::cli::Io io;
  io.out = &std::cout;
  io.err = &std::cerr;
  io.getenv = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    return v ? std::optional<std::string>(v) : std::nullopt;
  };
  io.err_is_tty = ::isatty(STDERR_FILENO) == 1;
  io.clock = &clock;
  io.version = std::string("v") + BRICKYARD_VERSION;
  std::vector<std::string> args(argv + 1, argv + argc);
  int status = brickyard::cli::RunCli(args, io);
  std::cout.flush();
  return status;
}
