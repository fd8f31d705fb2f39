// Fuzz target: the one routine that turns a node command into a remote shell
// line (executors/commands/command.h). The input is an argv, elements
// separated by NUL bytes. Contract checked: for every argv CheckCommand
// accepts, the line ToShellLine builds reads back, under POSIX shell quoting
// rules, as exactly that argv (with `sudo -n` in front when asked), so no
// byte of any argument is ever interpreted by the remote shell.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "executors/commands/command.h"

namespace {

// Splits `line` into words as a POSIX shell would, for lines made only of
// single-quoted strings, `\'`-style escapes and blanks; nullopt when any
// other character stands unquoted (it would mean something to the shell).
std::optional<std::vector<std::string>> ShellWords(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == ' ') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else if (c == '\'') {
      size_t end = line.find('\'', i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      word.append(line.substr(i + 1, end - i - 1));
      in_word = true;
      i = end;
    } else if (c == '\\' && i + 1 < line.size() && line[i + 1] == '\'') {
      word.push_back('\'');
      in_word = true;
      ++i;
    } else {
      // Bare characters are allowed only in the `sudo -n` prefix.
      return std::nullopt;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace c = brickyard::executors::commands;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.empty()) return 0;
  c::Command cmd;
  cmd.sudo = (input[0] & 1) != 0;
  input.remove_prefix(1);
  // Elements are NUL-separated, so none holds a NUL; CheckCommand would
  // refuse those, and such lines are never sent.
  for (size_t start = 0;;) {
    size_t end = input.find('\0', start);
    cmd.argv.emplace_back(input.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (!c::CheckCommand(cmd).ok()) return 0;

  std::string line = c::ToShellLine(cmd);
  constexpr std::string_view kSudo = "sudo -n ";
  if (cmd.sudo) {
    if (line.rfind(kSudo, 0) != 0) std::abort();
    line.erase(0, kSudo.size());
  }
  auto words = ShellWords(line);
  if (!words || *words != cmd.argv) std::abort();
  return 0;
}
