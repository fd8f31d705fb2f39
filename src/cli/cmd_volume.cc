// volume create | delete | expand | info | list | clone |
//        set-block-hosting-restriction | endpoint patch
#include <fstream>

#include "cli/commands.h"
#include "cli/format.h"
#include "cli/persistent_volume.h"
#include "cli/volume_request.h"
#include "client/topology.h"

namespace brickyard::cli {

namespace {

struct ExpandFlags {
  int expand_size = 0;
  std::string volume;
};

}  // namespace

namespace {

Status CreateVolume(Context& ctx, const VolumeCreateFlags& f) {
  if (f.size == 0) return InvalidArgument("Missing volume size");
  if (f.pv && f.pv_endpoint.empty()) {
    ctx.err() << "--persistent-volume-endpoint must be provided when using --persistent-volume\n";
    return InvalidArgument("Missing endpoint");
  }
  BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
  BY_ASSIGN_OR_RETURN(Json volume, c->Post("/volumes", VolumeCreateRequest(f)));
  if (f.pv || !f.pv_file.empty()) {
    std::string pv = RenderPersistentVolume(PersistentVolume(volume, f.pv_endpoint));
    if (f.pv) {
      ctx.out() << pv << "\n" << std::flush;
      return Status::Ok();
    }
    std::ofstream file(f.pv_file, std::ios::binary | std::ios::trunc);
    if (file) file << pv;
    if (!file) {
      ctx.err() << "Unable to write to file " << f.pv_file << "\n";
      return Internal("open " + f.pv_file + ": unable to write");
    }
    return Status::Ok();
  }
  return PrintResult(ctx, volume, FormatVolume(volume));
}

}  // namespace

void AddVolumeCommands(CLI::App& root, Commands& commands) {
  CLI::App* group = root.add_subcommand("volume", "Heketi Volume Management");
  group->require_subcommand(0, 1);
  {
    CLI::App* cmd = AddLeaf(group, "create", "Create a GlusterFS volume");
    auto f = std::make_shared<VolumeCreateFlags>();
    cmd->add_option("--size", f->size, "Size of volume in GiB");
    cmd->add_option("--gid", f->gid, "Optional: Initialize volume with the specified group id");
    cmd->add_option("--name", f->name, "Optional: Name of volume. Only set if really necessary");
    cmd->add_option("--durability", f->durability,
                    "Optional: Durability type. Values are: none (distributed only), replicate "
                    "(default, distributed-replica), disperse (distributed-erasure coded)")
        ->capture_default_str();
    cmd->add_option("--replica", f->replica, "Replica value for durability type 'replicate'")
        ->capture_default_str();
    cmd->add_option("--disperse-data", f->disperse_data,
                    "Optional: Dispersion value for durability type 'disperse'")
        ->capture_default_str();
    cmd->add_option("--redundancy", f->redundancy,
                    "Optional: Redundancy value for durability type 'disperse'")
        ->capture_default_str();
    cmd->add_option("--snapshot-factor", f->snapshot_factor,
                    "Optional: Amount of storage to allocate for snapshot support. Must be greater "
                    "than 1.0 to enable snapshots (1.5 reserves half the volume size again)")
        ->capture_default_str();
    cmd->add_option("--clusters", f->clusters,
                    "Optional: Comma separated list of cluster ids (or names) where this volume "
                    "must be allocated");
    cmd->add_option("--gluster-volume-options", f->options,
                    "Optional: Comma separated list of volume options which can be set on the volume");
    cmd->add_flag("--block", f->block,
                  "Optional: Create a block-hosting volume. Intended to host loopback files to be "
                  "exported as block devices");
    cmd->add_flag("--persistent-volume", f->pv,
                  "Optional: Output to standard out a persistent volume JSON file for OpenShift or "
                  "Kubernetes with the name provided");
    cmd->add_option("--persistent-volume-file", f->pv_file,
                    "Optional: Create a persistent volume JSON file for OpenShift or Kubernetes with "
                    "the name provided");
    cmd->add_option("--persistent-volume-endpoint", f->pv_endpoint,
                    "Optional: Endpoint name for the persistent volume");
    commands.On(cmd, [f](Context& ctx) { return CreateVolume(ctx, *f); });
  }
  {
    CLI::App* cmd = AddLeaf(group, "delete", "Deletes the volume");
    auto args = AddArgs(cmd, "volume", "Volume id");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Volume id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_RETURN_IF_ERROR(c->Delete("/volumes/" + id).status());
      ctx.out() << "Volume " << id << " deleted\n";
      return Status::Ok();
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "expand", "Expand a volume");
    auto args = AddArgs(cmd, "volume", "Volume id (or use --volume)");
    auto f = std::make_shared<ExpandFlags>();
    cmd->add_option("--expand-size", f->expand_size, "Amount in GiB to add to the volume");
    cmd->add_option("--volume", f->volume, "Id of volume to expand");
    commands.On(cmd, [args, f](Context& ctx) -> Status {
      if (f->expand_size == 0) return InvalidArgument("Missing volume amount to expand");
      std::string id = !f->volume.empty() ? f->volume : (args->empty() ? "" : (*args)[0]);
      if (id.empty()) return InvalidArgument("Missing volume id");
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json volume, c->Post("/volumes/" + id + "/expand",
                                               Json{{"expand_size", f->expand_size}}));
      return PrintResult(ctx, volume, FormatVolume(volume));
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "info", "Retrieves information about the volume");
    auto args = AddArgs(cmd, "volume", "Volume id");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Volume id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json volume, c->Get("/volumes/" + id));
      return PrintResult(ctx, volume, FormatVolume(volume));
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "list", "Lists the volumes managed by Heketi");
    commands.On(cmd, [](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json list, c->Get("/volumes"));
      if (ctx.json()) {
        ctx.PrintJson(list);
        return Status::Ok();
      }
      std::vector<std::string> paths;
      for (const auto& id : Strs(list, "volumes")) paths.push_back("/volumes/" + id);
      BY_ASSIGN_OR_RETURN(std::vector<Json> volumes, client::GetAll(*c, paths));
      ctx.out() << FormatVolumeList(volumes) << std::flush;
      return Status::Ok();
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "clone", "Creates a clone");
    auto args = AddArgs(cmd, "volume", "Volume id");
    auto name = std::make_shared<std::string>();
    cmd->add_option("--name", *name, "Optional: Name of the newly cloned volume");
    commands.On(cmd, [args, name](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Volume id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      Json req = Json::object();
      if (!name->empty()) req["name"] = *name;
      BY_ASSIGN_OR_RETURN(Json volume, c->Post("/volumes/" + id + "/clone", req));
      return PrintResult(ctx, volume, FormatVolume(volume));
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "set-block-hosting-restriction",
                            "Set the block hosting restriction of a volume (locked or unlocked)");
    auto args = AddArgs(cmd, "args", "locked|unlocked followed by the volume id");
    commands.On(cmd, [args](Context& ctx) -> Status {
      if (args->empty()) return InvalidArgument("Missing restriction (locked or unlocked)");
      const std::string& value = (*args)[0];
      if (value != "locked" && value != "unlocked")
        return InvalidArgument("Invalid restriction '" + value + "': use locked or unlocked");
      if (args->size() < 2) return InvalidArgument("Volume id missing");
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      Json req = {{"restriction", value == "locked" ? "locked" : ""}};
      BY_ASSIGN_OR_RETURN(Json volume, c->Post("/volumes/" + (*args)[1] + "/block-restriction", req));
      return PrintResult(ctx, volume, FormatVolume(volume));
    });
  }
  {
    CLI::App* endpoint = group->add_subcommand("endpoint", "Manage the Kubernetes endpoints of a volume");
    endpoint->require_subcommand(0, 1);
    CLI::App* cmd = AddLeaf(endpoint, "patch",
                            "Print a patch for a Kubernetes Endpoints object listing the volume's hosts");
    auto args = AddArgs(cmd, "volume", "Volume id");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Volume id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json volume, c->Get("/volumes/" + id));
      ctx.out() << EndpointPatch(volume).dump() << "\n" << std::flush;
      return Status::Ok();
    });
  }
}

}  // namespace brickyard::cli
