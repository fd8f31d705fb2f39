// Fuzz target: heketi.json parsing with HEKETI_* overrides (config/config.h)
// and the cross-field validation the server runs next. Input: the file's
// text, optionally followed by a NUL byte and environment lines
// "NAME=value\n...", so the overrides' own parsing is reached too.
// Contract checked: no crash, leak, UB or exception, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string text(input.substr(0, nul));

  brickyard::config::Env env;
  if (nul != std::string_view::npos) {
    std::string_view lines = input.substr(nul + 1);
    while (!lines.empty()) {
      size_t end = lines.find('\n');
      std::string_view line = lines.substr(0, end);
      size_t eq = line.find('=');
      if (eq != std::string_view::npos) env[std::string(line.substr(0, eq))] = line.substr(eq + 1);
      if (end == std::string_view::npos) break;
      lines.remove_prefix(end + 1);
    }
  }

  auto config = brickyard::config::Parse(text, env);
  if (config.ok()) (void)brickyard::config::Validate(*config);
  return 0;
}
