#include "cli/app.h"

namespace brickyard::cli {

namespace {

// The deepest subcommand the parser selected (for group-level help).
const CLI::App* Deepest(const CLI::App& app) {
  const CLI::App* at = &app;
  while (true) {
    auto selected = at->get_subcommands();
    if (selected.empty()) return at;
    at = selected.front();
  }
}

}  // namespace

void BuildCommandTree(CLI::App& root, RootFlags& flags, Commands& commands) {
  root.name("brickyard-cli");
  root.description("Command line program for Heketi");
  root.fallthrough();
  root.require_subcommand(0, 1);
  GlobalOptions& g = flags.globals;
  root.add_option("-s,--server", g.server,
                  "Heketi server. Can also be set using the environment variable HEKETI_CLI_SERVER "
                  "(default http://localhost:8080)");
  root.add_option("--user", g.user,
                  "Heketi user. Can also be set using the environment variable HEKETI_CLI_USER");
  root.add_option("--secret", g.secret,
                  "Secret key for specified user. Can also be set using the environment variable "
                  "HEKETI_CLI_KEY");
  root.add_flag("--json", g.json, "Print response as JSON");
  root.add_flag("-I,--insecure-tls", g.insecure_tls,
                "Allow connection to server over TLS without verifying the certificate");
  root.add_option("-C,--tls-cert", g.tls_certs,
                  "Trust the PEM certificate(s) in this file when connecting over TLS (repeatable)");
  root.add_flag("-v,--version", flags.version, "Print version");

  AddClusterCommands(root, commands);
  AddNodeCommands(root, commands);
  AddDeviceCommands(root, commands);
  AddVolumeCommands(root, commands);
  AddBlockVolumeCommands(root, commands);
  AddBrickCommands(root, commands);
  AddTopologyCommands(root, commands);
  AddServerCommands(root, commands);
  AddSetupStorageCommands(root, commands);
  AddDocCommands(root, commands);

  // Set after the subcommands exist so they do not inherit it.
  root.footer(
      "Example:\n  $ export HEKETI_CLI_SERVER=http://localhost:8080\n  $ brickyard-cli volume list\n\n"
      "Environment: HEKETI_CLI_SERVER, HEKETI_CLI_USER, HEKETI_CLI_KEY (BRICKYARD_SERVER,\n"
      "BRICKYARD_USER, BRICKYARD_KEY take precedence when set).\n"
      "The global flags are accepted before or after any command.");
}

int RunCli(const std::vector<std::string>& args, Io& io) {
  CLI::App root;
  RootFlags flags;
  Commands commands;
  BuildCommandTree(root, flags, commands);

  std::vector<std::string> argv_store;
  argv_store.reserve(args.size() + 1);
  argv_store.push_back("brickyard-cli");
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_store) argv.push_back(a.data());

  try {
    root.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      root.exit(e, *io.out, *io.err);
      return 0;
    }
    *io.err << "Error: " << e.what() << "\n";
    return kExitError;
  }

  if (!commands.selected()) {
    if (flags.version && root.get_subcommands().empty()) {
      *io.out << "brickyard-cli " << io.version << "\n";
      return 0;
    }
    *io.out << Deepest(root)->help();
    return 0;
  }

  Context ctx(ResolveGlobals(flags.globals, io), io);
  Status status = commands.selected()(ctx);
  if (!status.ok()) {
    ctx.err() << "Error: " << status.message() << "\n";
    return kExitError;
  }
  return 0;
}

}  // namespace brickyard::cli
