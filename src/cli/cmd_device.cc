// device add | delete | info | enable | disable | remove | resync | settags | rmtags
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/state_commands.h"
#include "cli/tags.h"
#include "client/topology.h"

namespace brickyard::cli {

namespace {

struct AddFlags {
  std::string name;
  std::string node;
  bool destroy = false;
};

// Resyncs one device and reports it.
Status Resync(Context& ctx, const client::Client& c, const std::string& id) {
  BY_RETURN_IF_ERROR(c.Get("/devices/" + id + "/resync").status());
  ctx.out() << "Device " << id << " updated\n";
  return Status::Ok();
}

}  // namespace

void AddDeviceCommands(CLI::App& root, Commands& commands) {
  CLI::App* group = root.add_subcommand("device", "Heketi device management");
  group->require_subcommand(0, 1);
  {
    CLI::App* cmd = AddLeaf(group, "add", "Add new device to node to be managed by Heketi");
    auto f = std::make_shared<AddFlags>();
    cmd->add_option("--name", f->name, "Name of device to add");
    cmd->add_option("--node", f->node, "Id of the node which has this device");
    cmd->add_flag("--destroy-existing-data", f->destroy,
                  "Destroy any data on the device (wipes existing signatures)");
    commands.On(cmd, [f](Context& ctx) -> Status {
      if (f->name.empty()) return InvalidArgument("Missing device name");
      if (f->node.empty()) return InvalidArgument("Missing node id");
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      Json req = {{"name", f->name}, {"node", f->node}, {"destroydata", f->destroy}};
      BY_RETURN_IF_ERROR(c->Post("/devices", req).status());
      ctx.out() << "Device added successfully\n";
      return Status::Ok();
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "delete", "Deletes a device from Heketi node");
    auto args = AddArgs(cmd, "device", "Device id");
    auto force = std::make_shared<bool>(false);
    cmd->add_flag("--force-forget", *force,
                  "Forget the device in Heketi without touching the node (use with care)");
    commands.On(cmd, [args, force](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Device id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_RETURN_IF_ERROR(c->Delete("/devices/" + id, Json{{"forceforget", *force}}).status());
      ctx.out() << "Device " << id << " deleted\n";
      return Status::Ok();
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "info", "Retrieves information about the device");
    auto args = AddArgs(cmd, "device", "Device id");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Device id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json device, c->Get("/devices/" + id));
      return PrintResult(ctx, device, FormatDeviceInfo(device));
    });
  }
  AddStateCommands(group, commands, "device", "Device",
                   {{"enable", "Allows device to go online", "online", "online"},
                    {"disable", "Disallow usage of a device by placing it offline", "offline",
                     "offline"}});
  {
    CLI::App* cmd = AddLeaf(group, "remove", "Removes a device from Heketi (moves its bricks away)");
    auto args = AddArgs(cmd, "device", "Device id");
    auto noheal = std::make_shared<bool>(false);
    cmd->add_flag("--expert-option-disable-heal-check", *noheal,
                  "Skip the check that bricks are healed before they are moved (dangerous)");
    commands.On(cmd, [args, noheal](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Device id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      Json req = {{"state", "failed"}};
      if (*noheal) {
        ctx.err() << "Warning: the heal check is disabled; data may be lost if bricks are not "
                     "healed. Waiting 10 seconds (press Ctrl-C to abort)...\n";
        ctx.Sleep(std::chrono::seconds(10));
        req["healcheck"] = "disable";
      }
      BY_RETURN_IF_ERROR(c->Post("/devices/" + id + "/state", req).status());
      ctx.out() << "Device " << id << " is now removed\n";
      return Status::Ok();
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "resync", "Resync storage information about the device with the node");
    auto args = AddArgs(cmd, "device", "Device id (or cluster id with --cluster)");
    auto cluster = std::make_shared<bool>(false);
    cmd->add_flag("--cluster", *cluster, "Treat the id as a cluster and resync all of its devices");
    commands.On(cmd, [args, cluster](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, *cluster ? "Cluster id missing" : "Device id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      if (!*cluster) return Resync(ctx, *c, id);
      BY_ASSIGN_OR_RETURN(Json info, c->Get("/clusters/" + id));
      std::vector<std::string> paths;
      for (const auto& n : Strs(info, "nodes")) paths.push_back("/nodes/" + n);
      BY_ASSIGN_OR_RETURN(std::vector<Json> nodes, client::GetAll(*c, paths));
      for (const auto& node : nodes)
        for (const auto& d : Arr(node, "devices")) BY_RETURN_IF_ERROR(Resync(ctx, *c, Str(d, "id")));
      return Status::Ok();
    });
  }
  AddTagCommands(group, commands, "device", "Device");
}

}  // namespace brickyard::cli
