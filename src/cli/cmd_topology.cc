// topology load | info
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/format.h"
#include "cli/topology_load.h"
#include "client/topology.h"

namespace brickyard::cli {

void AddTopologyCommands(CLI::App& root, Commands& commands) {
  CLI::App* group = root.add_subcommand("topology", "Heketi Topology Management");
  group->require_subcommand(0, 1);
  {
    CLI::App* cmd = AddLeaf(group, "load", "Add devices to Heketi from a configuration file");
    auto file = std::make_shared<std::string>();
    cmd->add_option("-j,--json", *file,
                    "Configuration containing devices, nodes, and clusters, in JSON format");
    commands.On(cmd, [file](Context& ctx) -> Status {
      if (file->empty()) return InvalidArgument("Missing configuration file");
      std::ifstream in(*file);
      if (!in) return InvalidArgument("Unable to open config file");
      std::stringstream text;
      text << in.rdbuf();
      BY_ASSIGN_OR_RETURN(Json topology, ParseTopologyFile(text.str()));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      ctx.DisableProgress();  // its line would overwrite the partial stdout lines
      return LoadTopology(*c, topology, ctx.out());
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "info", "Retrieves information about the current Topology");
    auto tmpl = std::make_shared<std::string>();
    cmd->add_option("-T,--template", *tmpl,
                    "Go template to format the output (not supported; use --json with jq instead)");
    commands.On(cmd, [tmpl](Context& ctx) -> Status {
      if (!tmpl->empty())
        return NotImplemented("--template is not supported by brickyard-cli; use --json and a JSON tool");
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_ASSIGN_OR_RETURN(Json topology, client::FetchTopology(*c));
      return PrintResult(ctx, topology, FormatTopology(topology));
    });
  }
}

}  // namespace brickyard::cli
