#include "cli/context.h"

#include <thread>

#include "client/httplib_transport.h"

namespace brickyard::cli {

namespace {

std::string FirstSet(const std::string& flag, const Io& io, const char* brickyard_env,
                     const char* heketi_env, const char* fallback) {
  if (!flag.empty()) return flag;
  if (io.getenv) {
    for (const char* name : {brickyard_env, heketi_env}) {
      auto v = io.getenv(name);
      if (v && !v->empty()) return *v;
    }
  }
  return fallback;
}

}  // namespace

GlobalOptions ResolveGlobals(const GlobalOptions& flags, const Io& io) {
  GlobalOptions g = flags;
  g.server = FirstSet(flags.server, io, "BRICKYARD_SERVER", "HEKETI_CLI_SERVER", kDefaultServer);
  g.user = FirstSet(flags.user, io, "BRICKYARD_USER", "HEKETI_CLI_USER", "");
  g.secret = FirstSet(flags.secret, io, "BRICKYARD_KEY", "HEKETI_CLI_KEY", "");
  return g;
}

Context::Context(GlobalOptions globals, Io& io)
    : globals_(std::move(globals)), io_(io), progress_(*io.err, io.err_is_tty) {}

Result<const client::Client*> Context::Client() {
  if (client_) return static_cast<const client::Client*>(client_.get());
  BY_ASSIGN_OR_RETURN(client::BaseUrl base, client::ParseBaseUrl(globals_.server));
  std::unique_ptr<client::Transport> transport;
  if (io_.transport) {
    BY_ASSIGN_OR_RETURN(transport, io_.transport(base, globals_));
  } else {
    client::TlsOptions tls{globals_.insecure_tls, globals_.tls_certs};
    BY_ASSIGN_OR_RETURN(auto http, client::HttplibTransport::Create(base, tls));
    transport = std::move(http);
  }
  client::ClientOptions options;
  options.user = globals_.user;
  options.key = globals_.secret;
  options.progress = [this](const client::Progress& p) { progress_.Update(p); };
  options.sleep = io_.sleep;
  client_ = std::make_unique<client::Client>(std::move(base), std::move(options),
                                             std::move(transport), *io_.clock);
  return static_cast<const client::Client*>(client_.get());
}

std::ostream& Context::out() {
  progress_.Clear();
  return *io_.out;
}

std::ostream& Context::err() {
  progress_.Clear();
  return *io_.err;
}

void Context::PrintJson(const Json& json) { out() << json.dump() << std::flush; }

void Context::Sleep(std::chrono::milliseconds d) {
  if (io_.sleep) {
    io_.sleep(d);
  } else {
    std::this_thread::sleep_for(d);
  }
}

}  // namespace brickyard::cli
