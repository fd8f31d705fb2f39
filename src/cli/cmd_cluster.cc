// cluster create | setflags | delete | info | list
#include "cli/commands.h"
#include "cli/format.h"
#include "client/topology.h"

namespace brickyard::cli {

namespace {

struct CreateFlags {
  bool file = true;
  bool block = true;
  std::string name;
};

struct SetFlags {
  bool file = false;
  bool block = false;
  CLI::Option* file_opt = nullptr;
  CLI::Option* block_opt = nullptr;
};

}  // namespace

void AddClusterCommands(CLI::App& root, Commands& commands) {
  CLI::App* group = root.add_subcommand("cluster", "Heketi cluster management");
  group->require_subcommand(0, 1);

  {
    CLI::App* cmd = AddLeaf(group, "create", "Create a cluster");
    auto f = std::make_shared<CreateFlags>();
    cmd->add_flag("--file", f->file, "Allow file volumes on the cluster")->capture_default_str();
    cmd->add_flag("--block", f->block, "Allow block volumes on the cluster")->capture_default_str();
    cmd->add_option("--name", f->name,
                    "Optional: a unique name for the cluster, usable wherever a cluster id is");
    commands.On(cmd, [f](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      Json req = {{"file", f->file}, {"block", f->block}};
      if (!f->name.empty()) req["name"] = f->name;
      BY_ASSIGN_OR_RETURN(Json cluster, c->Post("/clusters", req));
      return PrintResult(ctx, cluster, FormatClusterCreated(cluster));
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "setflags", "Set file/block flags on a cluster");
    auto args = AddArgs(cmd, "cluster", "Cluster id or name");
    auto f = std::make_shared<SetFlags>();
    f->file_opt = cmd->add_flag("--file", f->file, "Allow file volumes on the cluster (true/false)");
    f->block_opt = cmd->add_flag("--block", f->block, "Allow block volumes on the cluster (true/false)");
    commands.On(cmd, [args, f](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Cluster id missing"));
      if (f->file_opt->count() == 0 && f->block_opt->count() == 0)
        return InvalidArgument("At least one of --file or --block must be specified");
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json current, c->Get("/clusters/" + id));
      Json req = {{"file", f->file_opt->count() ? f->file : Bool(current, "file")},
                  {"block", f->block_opt->count() ? f->block : Bool(current, "block")}};
      return c->Post("/clusters/" + id + "/flags", req).status();
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "delete", "Delete the cluster");
    auto args = AddArgs(cmd, "cluster", "Cluster id or name");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Cluster id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_RETURN_IF_ERROR(c->Delete("/clusters/" + id).status());
      ctx.out() << "Cluster " << id << " deleted\n";
      return Status::Ok();
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "info", "Retrieves information about cluster");
    auto args = AddArgs(cmd, "cluster", "Cluster id or name");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Cluster id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json info, c->Get("/clusters/" + id));
      return PrintResult(ctx, info, FormatClusterInfo(info));
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "list", "Lists the clusters managed by Heketi");
    commands.On(cmd, [](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      if (ctx.json()) {
        BY_ASSIGN_OR_RETURN(Json list, c->Get("/clusters"));
        ctx.PrintJson(list);
        return Status::Ok();
      }
      BY_ASSIGN_OR_RETURN(std::vector<Json> clusters, client::FetchClusters(*c));
      ctx.out() << FormatClusterList(clusters) << std::flush;
      return Status::Ok();
    });
  }
}

}  // namespace brickyard::cli
