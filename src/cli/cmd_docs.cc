// completion bash|zsh, man: documentation generated from the command tree.
#include "cli/commands.h"
#include "cli/doc_gen.h"

namespace brickyard::cli {

void AddDocCommands(CLI::App& root, Commands& commands) {
  CLI::App* completion = root.add_subcommand("completion", "Print a shell completion script (bash or zsh)");
  auto shell = AddArgs(completion, "shell", "bash | zsh");
  CLI::App* root_ptr = &root;
  commands.On(completion, [shell, root_ptr](Context& ctx) -> Status {
    BY_ASSIGN_OR_RETURN(std::string which, FirstArg(*shell, "Missing shell (bash or zsh)"));
    if (which == "bash") {
      ctx.out() << BashCompletion(*root_ptr);
    } else if (which == "zsh") {
      ctx.out() << ZshCompletion(*root_ptr);
    } else {
      return InvalidArgument("Unsupported shell '" + which + "': use bash or zsh");
    }
    return Status::Ok();
  });
  CLI::App* man = root.add_subcommand("man", "Print the manual (Markdown) for every command");
  commands.On(man, [root_ptr](Context& ctx) -> Status {
    ctx.out() << MarkdownManual(*root_ptr);
    return Status::Ok();
  });
}

}  // namespace brickyard::cli
