// The world a command runs in: global flags, streams, environment and the
// connection to the server. Everything is injected so commands can be run
// in unit tests against a scripted transport.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/json_fields.h"
#include "cli/progress.h"
#include "client/client.h"
#include "common/clock.h"

namespace brickyard::cli {

inline constexpr char kDefaultServer[] = "http://localhost:8080";

// The persistent flags every command accepts (spec heketi-api §10.1).
struct GlobalOptions {
  std::string server;
  std::string user;
  std::string secret;
  bool json = false;
  bool insecure_tls = false;
  std::vector<std::string> tls_certs;
};

// What a run of the CLI may touch outside its arguments.
struct Io {
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  // Environment lookup; nullopt when unset.
  std::function<std::optional<std::string>(const std::string&)> getenv;
  bool err_is_tty = false;
  const Clock* clock = nullptr;
  // Creates the transport for a server; empty = the real HTTP transport.
  std::function<Result<std::unique_ptr<client::Transport>>(const client::BaseUrl&,
                                                           const GlobalOptions&)>
      transport;
  // Overrides client polling sleeps and command waits (tests); empty = real sleep.
  std::function<void(std::chrono::milliseconds)> sleep;
  std::string version;
};

// Resolves server/user/key: flag, then BRICKYARD_*, then HEKETI_CLI_*, then
// the default (http://localhost:8080 for the server, "" otherwise).
GlobalOptions ResolveGlobals(const GlobalOptions& flags, const Io& io);

class Context {
 public:
  Context(GlobalOptions globals, Io& io);

  const GlobalOptions& globals() const { return globals_; }
  bool json() const { return globals_.json; }

  // Connects on first use. Errors: a malformed --server or unreadable --tls-cert.
  Result<const client::Client*> Client();

  // stdout / stderr; any progress line is cleared first.
  std::ostream& out();
  std::ostream& err();
  // Prints JSON the way heketi-cli's --json does: compact, no newline.
  void PrintJson(const Json& json);
  // Stops progress drawing for the rest of the run.
  void DisableProgress() { progress_.Disable(); }
  void Sleep(std::chrono::milliseconds d);

 private:
  GlobalOptions globals_;
  Io& io_;
  ProgressLine progress_;
  std::unique_ptr<client::Client> client_;
};

}  // namespace brickyard::cli
