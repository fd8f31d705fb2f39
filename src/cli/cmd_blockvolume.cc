// blockvolume create | delete | expand | info | list
#include "cli/commands.h"
#include "cli/format.h"
#include "client/topology.h"
#include "common/strings.h"

namespace brickyard::cli {

namespace {

struct CreateFlags {
  int size = 0;
  int ha = 0;
  bool auth = false;
  std::string name;
  std::string clusters;
};

struct ExpandFlags {
  int new_size = 0;
  std::string id;
};

}  // namespace

void AddBlockVolumeCommands(CLI::App& root, Commands& commands) {
  CLI::App* group = root.add_subcommand("blockvolume", "Heketi Block Volume Management");
  group->require_subcommand(0, 1);
  {
    CLI::App* cmd = AddLeaf(group, "create", "Create a GlusterFS block volume");
    auto f = std::make_shared<CreateFlags>();
    cmd->add_option("--size", f->size, "Size of the block volume in GiB");
    cmd->add_option("--ha", f->ha, "Optional: High availability count (0 = all hosts)")->capture_default_str();
    cmd->add_flag("--auth", f->auth, "Optional: Enable CHAP authentication");
    cmd->add_option("--name", f->name, "Optional: Name of the block volume");
    cmd->add_option("--clusters", f->clusters,
                    "Optional: Comma separated list of cluster ids (or names) to allocate in");
    commands.On(cmd, [f](Context& ctx) -> Status {
      if (f->size == 0) return InvalidArgument("Missing volume size");
      if (f->ha < 0) return InvalidArgument("Invalid HA count");
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      Json req;
      req["size"] = f->size;
      if (!f->clusters.empty()) req["clusters"] = Split(f->clusters, ',');
      req["name"] = f->name;
      if (f->ha != 0) req["hacount"] = f->ha;
      if (f->auth) req["auth"] = true;
      BY_ASSIGN_OR_RETURN(Json bv, c->Post("/blockvolumes", req));
      return PrintResult(ctx, bv, FormatBlockVolume(bv));
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "delete", "Deletes the block volume");
    auto args = AddArgs(cmd, "blockvolume", "Block volume id");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Volume id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_RETURN_IF_ERROR(c->Delete("/blockvolumes/" + id).status());
      ctx.out() << "Volume " << id << " deleted\n";
      return Status::Ok();
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "expand", "Expand a block volume");
    auto args = AddArgs(cmd, "blockvolume", "Block volume id (or use --blockvolume)");
    auto f = std::make_shared<ExpandFlags>();
    cmd->add_option("--new-size", f->new_size, "New size of the block volume in GiB");
    cmd->add_option("--blockvolume", f->id, "Id of the block volume to expand");
    commands.On(cmd, [args, f](Context& ctx) -> Status {
      if (f->new_size == 0) return InvalidArgument("Missing new size");
      std::string id = !f->id.empty() ? f->id : (args->empty() ? "" : (*args)[0]);
      if (id.empty()) return InvalidArgument("Missing block volume id");
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json bv, c->Post("/blockvolumes/" + id + "/expand", Json{{"new_size", f->new_size}}));
      return PrintResult(ctx, bv, FormatBlockVolume(bv));
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "info", "Retrieves information about the block volume");
    auto args = AddArgs(cmd, "blockvolume", "Block volume id");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Volume id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json bv, c->Get("/blockvolumes/" + id));
      return PrintResult(ctx, bv, FormatBlockVolume(bv));
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "list", "Lists the block volumes managed by Heketi");
    commands.On(cmd, [](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json list, c->Get("/blockvolumes"));
      if (ctx.json()) {
        ctx.PrintJson(list);
        return Status::Ok();
      }
      std::vector<std::string> paths;
      for (const auto& id : Strs(list, "blockvolumes")) paths.push_back("/blockvolumes/" + id);
      BY_ASSIGN_OR_RETURN(std::vector<Json> bvs, client::GetAll(*c, paths));
      ctx.out() << FormatBlockVolumeList(bvs) << std::flush;
      return Status::Ok();
    });
  }
}

}  // namespace brickyard::cli
