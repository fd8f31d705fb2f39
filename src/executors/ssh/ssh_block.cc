// SshExecutor: gluster-block (spec provisioning §3.7).
#include "executors/commands/gluster_block.h"
#include "executors/ssh/command_error.h"
#include "executors/ssh/ssh_executor.h"

namespace brickyard::executors::ssh {
namespace {

// The JSON answer of a gluster-block run; a non-zero exit with an answer
// that does not say FAIL is still a failure.
Result<std::string> Answer(const std::string& host, const commands::Command& cmd,
                           const CommandResult& r, bool prefer_err) {
  auto text = commands::BlockAnswer(r.stdout_text, r.stderr_text, prefer_err);
  if (!text.ok()) {
    return Status(text.status().code(), host + ": " + text.status().message());
  }
  if (!r.ok()) return CommandFailed(host, commands::ToShellLine(cmd), r);
  return text;
}

}  // namespace

Result<BlockVolumeExport> SshExecutor::BlockVolumeCreate(const std::string& host,
                                                         const BlockVolumeRequest& req) {
  commands::BlockCreateArgs args{req.hosting_volume, req.name, req.ha_count,
                                 req.auth,           req.hosts, req.size_gib};
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::BlockCreate(opts_, args));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunAny(host, cmd));
  BY_ASSIGN_OR_RETURN(std::string text, Answer(host, cmd, r, /*prefer_err=*/false));
  BY_ASSIGN_OR_RETURN(commands::BlockCreated made, commands::ParseBlockCreate(text));
  return BlockVolumeExport{made.iqn, made.username, made.password};
}

Status SshExecutor::BlockVolumeDelete(const std::string& host, const std::string& hosting_volume,
                                      const std::string& name) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::BlockDelete(opts_, hosting_volume, name));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunAny(host, cmd));
  return Answer(host, cmd, r, /*prefer_err=*/true).status();
}

Status SshExecutor::BlockVolumeExpand(const std::string& host, const std::string& hosting_volume,
                                      const std::string& name, int64_t size_gib) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd,
                      commands::BlockModify(opts_, hosting_volume, name, size_gib));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunAny(host, cmd));
  return Answer(host, cmd, r, /*prefer_err=*/false).status();
}

Result<commands::BlockState> SshExecutor::BlockVolumeInfo(const std::string& host,
                                                          const std::string& hosting_volume,
                                                          const std::string& name) {
  BY_ASSIGN_OR_RETURN(commands::Command cmd, commands::BlockInfo(opts_, hosting_volume, name));
  BY_ASSIGN_OR_RETURN(CommandResult r, RunAny(host, cmd));
  BY_ASSIGN_OR_RETURN(std::string text, Answer(host, cmd, r, /*prefer_err=*/false));
  return commands::ParseBlockInfo(text);
}

}  // namespace brickyard::executors::ssh
