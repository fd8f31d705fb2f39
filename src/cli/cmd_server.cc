// server operations info|list|cleanup, server mode get|set,
// server state examine gluster, db dump|check|backup, loglevel get|set
#include "cli/commands.h"
#include "cli/db_backup.h"
#include "cli/format.h"

namespace brickyard::cli {

namespace {

// Prints a server body verbatim (the server already formats these).
Status PrintRaw(Context& ctx, const std::string& path) {
  BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
  BY_ASSIGN_OR_RETURN(client::Reply reply, c->Call("GET", path));
  ctx.out() << reply.body << std::flush;
  return Status::Ok();
}

void AddOperations(CLI::App* server, Commands& commands) {
  CLI::App* ops = server->add_subcommand("operations", "Manage pending operations");
  ops->require_subcommand(0, 1);
  {
    CLI::App* cmd = AddLeaf(ops, "info", "Show operation counts, or the details of one operation");
    auto args = AddArgs(cmd, "operation", "Optional: pending operation id");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      if (args->empty()) {
        BY_ASSIGN_OR_RETURN(Json counts, c->Get("/operations"));
        return PrintResult(ctx, counts, FormatOperationCounts(counts));
      }
      BY_ASSIGN_OR_RETURN(Json op, c->Get("/operations/pending/" + (*args)[0]));
      return PrintResult(ctx, op, FormatOperationDetails(op));
    });
  }
  {
    CLI::App* cmd = AddLeaf(ops, "list", "List pending operations");
    commands.On(cmd, [](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json list, c->Get("/operations/pending"));
      return PrintResult(ctx, list, FormatOperationList(list));
    });
  }
  {
    CLI::App* cmd = AddLeaf(ops, "cleanup", "Clean up stale or failed pending operations");
    auto args = AddArgs(cmd, "operations", "Optional: ids of the operations to clean up (default all)");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      Json req = Json::object();
      if (!args->empty()) req["operations"] = *args;
      BY_RETURN_IF_ERROR(c->Post("/operations/pending/cleanup", req).status());
      ctx.err() << (args->empty() ? std::string("Cleaned up all stale and failed operations")
                                  : "Cleaned up " + std::to_string(args->size()) + " operation(s)")
                << "\n";
      return Status::Ok();
    });
  }
}

// Brickyard: server state reconcile [ids...] [--confirm | --dry-run] [--adopt].
void AddReconcile(CLI::App* state, Commands& commands) {
  CLI::App* cmd = AddLeaf(state, "reconcile",
                          "Repair what examine found (default: all repairable findings but adoptions); "
                          "prints the repairs unless --confirm");
  auto args = AddArgs(cmd, "findings", "Optional: ids of the findings to repair");
  auto confirm = std::make_shared<bool>(false);
  auto dry_run = std::make_shared<bool>(false);
  auto adopt = std::make_shared<bool>(false);
  cmd->add_flag("--confirm", *confirm, "Apply the repairs");
  cmd->add_flag("--dry-run", *dry_run, "Only print the repairs (the default)");
  cmd->add_flag("--adopt", *adopt,
                "Also adopt the gluster volumes Brickyard can manage (adopt-volume repairs are "
                "left out unless named or this is given)");
  commands.On(cmd, [args, confirm, dry_run, adopt](Context& ctx) -> Status {
    if (*confirm && *dry_run) return InvalidArgument("--confirm and --dry-run exclude each other");
    BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
    Json req = {{"apply", *confirm}, {"adopt", *adopt}, {"findings", *args}};
    if (*confirm) {
      BY_RETURN_IF_ERROR(c->Call("POST", "/internal/state/reconcile", req).status());
      ctx.out() << "Reconcile done\n";
      return Status::Ok();
    }
    BY_ASSIGN_OR_RETURN(Json plan, c->Post("/internal/state/reconcile", req));
    std::string text;
    for (const auto& r : Arr(plan, "repairs")) {
      text += Str(r, "id") + "  " + Str(r, "kind") + "  " + Str(Field(r, "repair"), "action") + ": " +
              Str(Field(r, "repair"), "description") + "\n";
    }
    if (text.empty()) text = "Nothing to repair\n";
    return PrintResult(ctx, plan, text);
  });
}

void AddMode(CLI::App* server, Commands& commands) {
  CLI::App* mode = server->add_subcommand("mode", "Get or set the server's administrative mode");
  mode->require_subcommand(0, 1);
  {
    CLI::App* cmd = AddLeaf(mode, "get", "Print the server's mode");
    commands.On(cmd, [](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json state, c->Get("/admin"));
      return PrintResult(ctx, state, Str(state, "state") + "\n");
    });
  }
  {
    CLI::App* cmd = AddLeaf(mode, "set", "Set the server's mode: normal, local-client or read-only");
    auto args = AddArgs(cmd, "mode", "normal | local-client | read-only");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string mode, FirstArg(*args, "Missing mode"));
      if (mode != "normal" && mode != "local-client" && mode != "read-only")
        return InvalidArgument("Invalid mode '" + mode + "': use normal, local-client or read-only");
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      return c->Post("/admin", Json{{"state", mode}}).status();
    });
  }
}

}  // namespace

void AddServerCommands(CLI::App& root, Commands& commands) {
  CLI::App* server = root.add_subcommand("server", "Heketi Server Management");
  server->require_subcommand(0, 1);
  AddOperations(server, commands);
  AddMode(server, commands);
  {
    CLI::App* state = server->add_subcommand("state", "Inspect the server's state");
    state->require_subcommand(0, 1);
    CLI::App* examine = state->add_subcommand("examine", "Compare the server's state with the system");
    examine->require_subcommand(0, 1);
    CLI::App* cmd = AddLeaf(examine, "gluster", "Compare the database with Gluster and LVM on the nodes");
    commands.On(cmd, [](Context& ctx) { return PrintRaw(ctx, "/internal/state/examine/gluster"); });
    AddReconcile(state, commands);
  }

  CLI::App* db = root.add_subcommand("db", "Heketi Database Management");
  db->require_subcommand(0, 1);
  commands.On(AddLeaf(db, "dump", "Dump the database as JSON"),
              [](Context& ctx) { return PrintRaw(ctx, "/db/dump"); });
  commands.On(AddLeaf(db, "check", "Check the database for inconsistencies"),
              [](Context& ctx) { return PrintRaw(ctx, "/db/check"); });
  {
    CLI::App* cmd = AddLeaf(db, "backup",
                            "Save a consistent copy of the server's database (Brickyard extension)");
    auto output = std::make_shared<std::string>();
    cmd->add_option("--output", *output, "New file to write the backup to");
    commands.On(cmd, [output](Context& ctx) -> Status {
      if (output->empty()) return InvalidArgument("Missing output file");
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(client::Reply reply, c->Call("GET", "/backup/db"));
      BY_RETURN_IF_ERROR(SaveBackup(reply.body, *output));
      ctx.out() << "Database backup saved to " << *output << " (" << reply.body.size()
                << " bytes)\n";
      return Status::Ok();
    });
  }

  CLI::App* loglevel = root.add_subcommand("loglevel", "Heketi server log level");
  loglevel->require_subcommand(0, 1);
  commands.On(AddLeaf(loglevel, "get", "Print the server's log level"), [](Context& ctx) -> Status {
    BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
    BY_ASSIGN_OR_RETURN(Json level, c->Get("/internal/logging"));
    return PrintResult(ctx, level, Str(Field(level, "loglevel"), "glusterfs") + "\n");
  });
  {
    CLI::App* cmd = AddLeaf(loglevel, "set", "Set the server's log level");
    auto args = AddArgs(cmd, "level", "none | critical | error | warning | info | debug");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string level, FirstArg(*args, "Missing log level"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_RETURN_IF_ERROR(c->Post("/internal/logging", Json{{"loglevel", {{"glusterfs", level}}}}).status());
      ctx.out() << "Server log level updated\n";
      return Status::Ok();
    });
  }
}

}  // namespace brickyard::cli
