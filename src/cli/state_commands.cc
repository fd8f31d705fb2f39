#include "cli/state_commands.h"

namespace brickyard::cli {

void AddStateCommands(CLI::App* group, Commands& commands, const std::string& resource,
                      const std::string& noun, const std::vector<StateChange>& table) {
  for (const StateChange& change : table) {
    CLI::App* cmd = AddLeaf(group, change.command, change.description);
    auto args = AddArgs(cmd, resource, noun + " id");
    commands.On(cmd, [=](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, noun + " id missing"));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      BY_RETURN_IF_ERROR(c->Post("/" + resource + "s/" + id + "/state", Json{{"state", change.state}}).status());
      ctx.out() << noun << " " << id << " is now " << change.shown << "\n";
      return Status::Ok();
    });
  }
}

}  // namespace brickyard::cli
