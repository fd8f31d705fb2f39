// SshExecutor: the Executor that runs the provisioning command sequences of
// spec provisioning §3 on storage nodes through a Transport. Commands come
// only from the builders in executors/commands; output is read only with its
// parsers.
//
// Errors (in addition to executor.h's contract):
//  * a command that exits non-zero is Internal naming the node, the command
//    line and its trimmed, bounded stderr (else stdout);
//  * transport failures keep their code (Unavailable) and message, which
//    names the node and the command;
//  * values the builders refuse (bad names, paths, options) are
//    InvalidArgument and nothing runs.
// Differences from Heketi: Heketi ran one batch per node at a time; here
// several commands may run on one node at once (up to the transport's
// per-node session bound). What must not overlap is serialised per node in
// this object: edits of the fstab, and gluster commands that change the
// cluster (volume create/expand/destroy/clone/replace-brick, peer probe and
// detach; glusterd refuses overlapping transactions). LVM and mkfs steps,
// gluster queries and the glusterd check run in parallel. The glusterd check
// asks glusterd itself (commands/health.h).
// Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "config/config.h"
#include "executors/executor.h"
#include "executors/ssh/transport.h"

namespace brickyard::executors::ssh {

class SshExecutor final : public Executor {
 public:
  // Owns `transport`. `opts` are the sshexec settings (fstab, mountopts,
  // sudo, LVM sizes, timeouts...); `name` is the registry name.
  SshExecutor(std::unique_ptr<Transport> transport, config::ExecutorOptions opts,
              std::string name = "ssh");

  std::string Name() const override { return name_; }

  Status GlusterdCheck(const std::string& host) override;
  Status PeerProbe(const std::string& exec_host, const std::string& new_storage_host) override;
  // Failures are logged and ignored, as in Heketi.
  Status PeerDetach(const std::string& exec_host, const std::string& storage_host) override;

  Result<DeviceInfo> DeviceSetup(const std::string& host, const std::string& device,
                                 const std::string& device_id, bool destroy_data) override;
  Result<DeviceInfo> GetDeviceInfo(const std::string& host, const DeviceHandle& handle) override;
  Status DeviceTeardown(const std::string& host, const DeviceHandle& handle) override;
  // Always OK; failures are logged.
  Status DeviceForget(const std::string& host, const DeviceHandle& handle) override;

  Status BrickCreate(const std::string& host, const BrickRequest& req) override;
  Result<bool> BrickDestroy(const std::string& host, const BrickRequest& req) override;
  Status BrickExtend(const std::string& host, const BrickRequest& req,
                     const BrickSize& grown) override;

  Status VolumeCreate(const std::string& host, const VolumeRequest& req) override;
  Status VolumeExpand(const std::string& host, const VolumeRequest& req) override;
  Status VolumeDestroy(const std::string& host, const std::string& name) override;
  Status VolumeClone(const std::string& host, const std::string& origin,
                     const std::string& clone_name) override;
  Status VolumeReplaceBrick(const std::string& host, const std::string& volume,
                            const BrickAddress& old_brick, const BrickAddress& new_brick) override;
  Result<commands::GlusterVolume> VolumeInfo(const std::string& host,
                                             const std::string& name) override;
  Result<std::vector<commands::HealBrick>> HealInfo(const std::string& host,
                                                    const std::string& name) override;

 private:
  // Runs `cmd`; a non-zero exit becomes CommandFailed (Internal).
  Result<CommandResult> Run(const std::string& host, const commands::Command& cmd);
  // Runs `cmd` and returns its result whatever its exit status; only
  // transport failures are errors.
  Result<CommandResult> RunAny(const std::string& host, const commands::Command& cmd);
  // Runs `cmds` in order, stopping at the first failure.
  Status RunBatch(const std::string& host, const std::vector<commands::Command>& cmds);
  // Runs a command that edits the fstab, one at a time per node.
  Result<CommandResult> RunFstabEdit(const std::string& host, const commands::Command& cmd);
  // VolumeDestroy's steps; the caller holds the node's gluster lock.
  Status DestroyVolumeLocked(const std::string& host, const std::string& name);
  // Runs an `--xml` gluster command and checks the CLI verdict in its output.
  Result<CommandResult> RunGlusterXml(const std::string& host, const commands::Command& cmd);

  // The handle query and vgdisplay of DeviceSetup/GetDeviceInfo on `path`.
  Result<DeviceInfo> ReadDevice(const std::string& host, const std::string& path,
                                const std::string& device_id);
  // PV UUID from the handle, else from `vgs` (failure only logged).
  std::string KnownPvUuid(const std::string& host, const DeviceHandle& handle);
  // The brick-destroy steps after the fstab edit (§3.4 steps 4-7).
  Result<bool> RemoveBrickLvs(const std::string& host, const BrickRequest& req);

  // One mutex per (node, what it guards), created on first use and kept.
  enum class Guard { kFstab, kGluster };
  std::mutex& LockFor(Guard what, const std::string& host);

  const std::unique_ptr<Transport> transport_;
  const config::ExecutorOptions opts_;
  const std::string name_;
  std::mutex locks_mu_;
  std::map<std::pair<Guard, std::string>, std::unique_ptr<std::mutex>> locks_;  // guarded by locks_mu_
};

// Builds the "ssh" executor from the sshexec settings: checks them
// (commands::ValidateExecutorOptions, OptionsFromConfig) and opens no
// connection yet. InvalidArgument("sshexec.keyfile is required") when no key
// is configured; `env` supplies SSH_KNOWN_HOSTS and HOME.
Result<std::unique_ptr<Executor>> NewSshExecutor(const config::ExecutorOptions& opts,
                                                 const config::Env& env,
                                                 const std::string& name = "ssh");

}  // namespace brickyard::executors::ssh
