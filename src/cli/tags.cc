#include "cli/tags.h"

namespace brickyard::cli {

namespace {

struct TagFlags {
  bool exact = false;
  bool all = false;
};

}  // namespace

Result<Json> ParseTags(const std::vector<std::string>& args) {
  Json tags = Json::object();
  for (const auto& a : args) {
    size_t colon = a.find(':');
    if (colon == std::string::npos || colon == 0)
      return InvalidArgument("Invalid tag '" + a + "': expected key:value");
    tags[a.substr(0, colon)] = a.substr(colon + 1);
  }
  return tags;
}

void AddTagCommands(CLI::App* group, Commands& commands, const std::string& resource,
                    const std::string& noun) {
  const std::string missing = noun + " id missing";
  const std::string base = "/" + resource + "s/";
  {
    CLI::App* cmd = AddLeaf(group, "settags", "Sets tags on a " + resource);
    auto args = AddArgs(cmd, "args", noun + " id followed by key:value tags");
    auto f = std::make_shared<TagFlags>();
    cmd->add_flag("-e,--exact", f->exact, "Replace all existing tags with the given tags");
    commands.On(cmd, [=](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, missing));
      if (args->size() < 2) return InvalidArgument("At least one tag is required");
      BY_ASSIGN_OR_RETURN(Json tags, ParseTags({args->begin() + 1, args->end()}));
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      Json req = {{"change_type", f->exact ? "set" : "update"}, {"tags", tags}};
      return c->Post(base + id + "/tags", req).status();
    });
  }
  {
    CLI::App* cmd = AddLeaf(group, "rmtags", "Removes tags from a " + resource);
    cmd->alias("deltags");
    cmd->alias("removetags");
    auto args = AddArgs(cmd, "args", noun + " id followed by tag keys");
    auto f = std::make_shared<TagFlags>();
    cmd->add_flag("--all", f->all, "Remove all tags");
    commands.On(cmd, [=](Context& ctx) -> Status {
      BY_ASSIGN_OR_RETURN(std::string id, FirstArg(*args, missing));
      Json req;
      if (f->all) {
        req = {{"change_type", "set"}, {"tags", Json::object()}};
      } else {
        if (args->size() < 2) return InvalidArgument("At least one tag key (or --all) is required");
        Json tags = Json::object();
        for (size_t i = 1; i < args->size(); ++i) {
          const std::string& k = (*args)[i];
          tags[k.substr(0, k.find(':'))] = "";
        }
        req = {{"change_type", "delete"}, {"tags", tags}};
      }
      BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());
      return c->Post(base + id + "/tags", req).status();
    });
  }
}

}  // namespace brickyard::cli
