// brick evict
#include "cli/commands.h"

namespace brickyard::cli {

void AddBrickCommands(CLI::App& root, Commands& commands) {
  CLI::App* group = root.add_subcommand("brick", "Heketi Brick Management");
  group->require_subcommand(0, 1);
  CLI::App* cmd = AddLeaf(group, "evict", "Evict a brick: replace it with a new brick on another device");
  auto args = AddArgs(cmd, "brick", "Brick id");
  auto noheal = std::make_shared<bool>(false);
  cmd->add_flag("--expert-option-disable-heal-check", *noheal,
                "Skip the check that the brick is healed before it is replaced (dangerous)");
  commands.On(cmd, [args, noheal](Context& ctx) -> Status {
    BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, "Brick id missing"));
    BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
    std::optional<Json> body;
    if (*noheal) body = Json{{"healcheck", "disable"}};
    BY_RETURN_IF_ERROR(c->Call("POST", "/bricks/to-evict/" + id, body).status());
    ctx.out() << "Brick " << id << " evicted\n";
    return Status::Ok();
  });
}

}  // namespace brickyard::cli
