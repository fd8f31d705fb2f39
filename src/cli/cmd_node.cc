// node add | delete | info | list | enable | disable | remove | settags | rmtags
#include "cli/commands.h"
#include "cli/format.h"
#include "cli/state_commands.h"
#include "cli/tags.h"
#include "client/topology.h"

namespace brickyard::cli {

namespace {

struct AddFlags {
  int zone = 0;
  std::string cluster;
  std::string manage;
  std::string storage;
};

}  // namespace

void AddNodeCommands(CLI::App& root, Commands& commands) {
  CLI::App* group = root.add_subcommand("node", "Heketi Node Management");
  group->require_subcommand(0, 1);
  {
    CLI::App* cmd = AddLeaf(group, "add", "Add new node to be managed by Heketi");
    auto f = std::make_shared<AddFlags>();
    cmd->add_option("--zone", f->zone, "The zone in which the node should reside");
    cmd->add_option("--cluster", f->cluster, "The cluster (id or name) in which the node should reside");
    cmd->add_option("--management-host-name", f->manage, "Management host name");
    cmd->add_option("--storage-host-name", f->storage, "Storage host name");
    commands.On(cmd, [f](Context& ctx) -> Status {
      if (f->zone == 0) return InvalidArgument("Missing zone");
      if (f->manage.empty()) return InvalidArgument("Missing management hostname");
      if (f->storage.empty()) return InvalidArgument("Missing storage hostname");
      if (f->cluster.empty()) return InvalidArgument("Missing cluster id");
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      Json req = {{"zone", f->zone},
                  {"hostnames", {{"manage", {f->manage}}, {"storage", {f->storage}}}},
                  {"cluster", f->cluster}};
      BY_ASSIGN_OR_RETURN(Json node, c->Post("/nodes", req));
      return PrintResult(ctx, node, FormatNodeAdded(node));
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "delete", "Deletes a node from Heketi management");
    auto args = AddArgs(cmd, "node", "Node id");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Node id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_RETURN_IF_ERROR(c->Delete("/nodes/" + id).status());
      ctx.out() << "Node " << id << " deleted\n";
      return Status::Ok();
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "info", "Retrieves information about the node");
    auto args = AddArgs(cmd, "node", "Node id");
    commands.On(cmd, [args](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Node id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json node, c->Get("/nodes/" + id));
      return PrintResult(ctx, node, FormatNodeInfo(node));
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "list", "List all nodes in cluster");
    commands.On(cmd, [](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(std::vector<Json> clusters, client::FetchClusters(*c));
      Json nodes = Json::array();
      for (const auto& cl : clusters)
        for (const auto& n : Strs(cl, "nodes")) nodes.push_back({{"id", n}, {"cluster", Str(cl, "id")}});
      return PrintResult(ctx, Json{{"nodes", nodes}}, FormatNodeList(clusters));
    });
  }
  AddStateCommands(group, commands, "node", "Node",
                   {{"enable", "Allows node to go online", "online", "online"},
                    {"disable", "Disallow usage of a node by placing it offline", "offline", "offline"},
                    {"remove", "Removes a node and all its associated devices from Heketi", "failed",
                     "removed"}});
  AddTagCommands(group, commands, "node", "Node");
}

}  // namespace brickyard::cli
