#include "cli/commands.h"

namespace brickyard::cli {

void Commands::On(CLI::App* cmd, Action run) {
  cmd->callback([this, run = std::move(run)] { selected_ = run; });
}

CLI::App* AddLeaf(CLI::App* parent, const std::string& name, const std::string& description) {
  return parent->add_subcommand(name, description);
}

std::shared_ptr<std::vector<std::string>> AddArgs(CLI::App* cmd, const std::string& name,
                                                  const std::string& description) {
  auto args = std::make_shared<std::vector<std::string>>();
  cmd->add_option(name, *args, description);
  return args;
}

Result<std::string> FirstArg(const std::vector<std::string>& args, const std::string& missing) {
  if (args.empty() || args[0].empty()) return InvalidArgument(missing);
  return args[0];
}

Status PrintResult(Context& ctx, const Json& json, const std::string& text) {
  if (ctx.json()) {
    ctx.PrintJson(json);
  } else {
    ctx.out() << text << std::flush;
  }
  return Status::Ok();
}

}  // namespace brickyard::cli
