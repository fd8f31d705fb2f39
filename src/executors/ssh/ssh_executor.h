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

#include <chrono>
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

  // How often, and after how long (doubling), a gluster command that glusterd
  // refused because another transaction held the cluster lock is sent again.
  static constexpr int kGlusterdBusyRetries = 3;
  static constexpr std::chrono::milliseconds kGlusterdBusyFirstDelay{1000};
  // Tests shorten the first pause; not thread-safe with running commands.
  void SetGlusterdBusyFirstDelay(std::chrono::milliseconds d) { busy_first_delay_ = d; }

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

  // Inspection and repair (ssh_inspect.cc). BrickDirs answers an empty list
  // when the mount root does not exist.
  Result<std::vector<commands::GlusterVolume>> VolumesInfo(const std::string& host) override;
  Result<std::vector<commands::GlusterPeer>> PeerStatus(const std::string& host) override;
  Result<std::vector<commands::BrickProcess>> VolumeStatus(const std::string& host,
                                                          const std::string& name) override;
  Result<std::vector<commands::NodeLv>> BrickLvs(const std::string& host) override;
  Result<std::vector<commands::MountEntry>> BrickMounts(const std::string& host) override;
  Result<std::vector<commands::MountEntry>> FstabBricks(const std::string& host) override;
  Result<std::vector<std::string>> BrickDirs(const std::string& host) override;
  Status VolumeStart(const std::string& host, const std::string& name, bool force) override;
  Status VolumeResetBrick(const std::string& host, const std::string& volume,
                          const BrickAddress& brick) override;
  Status VolumeHealFull(const std::string& host, const std::string& name) override;
  Status BrickRemount(const std::string& host, const BrickRequest& req) override;

  // gluster-block (ssh_block.cc).
  Result<BlockVolumeExport> BlockVolumeCreate(const std::string& host,
                                              const BlockVolumeRequest& req) override;
  Status BlockVolumeDelete(const std::string& host, const std::string& hosting_volume,
                           const std::string& name) override;
  Status BlockVolumeExpand(const std::string& host, const std::string& hosting_volume,
                           const std::string& name, int64_t size_gib) override;
  Result<commands::BlockState> BlockVolumeInfo(const std::string& host,
                                               const std::string& hosting_volume,
                                               const std::string& name) override;

 private:
  // The transport's Run, except that a gluster command refused with
  // glusterd's "Another transaction is in progress" (another node's command
  // holds the cluster lock; nothing ran) is sent again, up to
  // kGlusterdBusyRetries times, after a pause doubling each time. The last
  // answer is returned whatever it says.
  Result<CommandResult> Send(const std::string& host, const commands::Command& cmd);
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
  // req.tp_name, or when empty (snapshot-clone bricks) the pool LVM reports
  // for req.lv_name; "" when that LV does not exist.
  Result<std::string> PoolOf(const std::string& host, const BrickRequest& req);
  // rmdir of a destroyed brick's mount point and, for a snapshot-clone brick,
  // of glusterd's per-clone directory above it; failures only logged.
  void RemoveMountDirs(const std::string& host, const std::string& mount_point,
                       const std::string& brick_path);

  // One mutex per (node, what it guards), created on first use and kept.
  enum class Guard { kFstab, kGluster };
  std::mutex& LockFor(Guard what, const std::string& host);

  const std::unique_ptr<Transport> transport_;
  const config::ExecutorOptions opts_;
  const std::string name_;
  std::chrono::milliseconds busy_first_delay_ = kGlusterdBusyFirstDelay;
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
