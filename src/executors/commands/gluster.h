// Gluster CLI command builders (spec provisioning §3.2, §3.5, §3.6).
//
// `<G>` below is `gluster --mode=script --timeout=<gluster_cli_timeout>`.
// Every command runs under GlusterExecTimeoutS(opts). Volume, snapshot and
// clone names, hostnames, brick paths and option strings are validated
// (validate.h) and passed as single arguments. Pure functions; thread-safe.
//
// Deliberate difference from Heketi (DECISIONS #9): Heketi pasted an option
// string "key value" into a bash line, so the shell split the value at every
// space and expanded `$(...)`, quotes and globs in it. Here the option
// becomes exactly two arguments, the key and the whole value (spaces
// included), and a key or value that the gluster CLI could take for a flag
// (leading '-') is refused. For every option Heketi's API accepted that did
// not rely on word splitting, gluster receives the same words.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "config/config.h"
#include "executors/commands/command.h"
#include "executors/executor.h"

namespace brickyard::executors::commands {

// Bricks per replica/disperse set: 1, replica, or data + redundancy.
int64_t SetSize(const VolumeRequest& req);
// Sets per add-brick command: 15 (none), 5 (replica), 1 (disperse).
int64_t MaxSetsPerCommand(VolumeRequest::Kind kind);

// `<G> peer probe <host>`, then, only when snapshot_limit > 0,
// `<G> snapshot config snap-max-hard-limit <snapshot_limit>`.
Result<std::vector<Command>> PeerProbe(const config::ExecutorOptions& opts,
                                       std::string_view storage_host);

// `<G> peer detach <host>`.
Result<Command> PeerDetach(const config::ExecutorOptions& opts, std::string_view storage_host);

// The VolumeCreate batch, in order:
//   `<G> volume create <name> [replica <N> [arbiter 1] | disperse-data <D> redundancy <R>] <h:p>...`
//     with the bricks of the first set only;
//   `<G> volume add-brick <name> <h:p>...` for the remaining bricks, in
//     chunks of SetSize × MaxSetsPerCommand, no replica count repeated;
//   `<G> volume set <name> <key> <value>` per option, in order, then
//     `user.heketi.id <req.id>` last;
//   `<G> volume start <name>`.
// Bricks must be in set order (brick k of set s at s × set size + k; the
// arbiter is the 3rd brick of each set) and a non-zero multiple of the set
// size. Arbiter needs replica 3.
Result<std::vector<Command>> VolumeCreate(const config::ExecutorOptions& opts,
                                          const VolumeRequest& req);

// The VolumeExpand batch: add-brick chunks for req.bricks (the new bricks
// only), chunked as VolumeCreate does. The rebalance is separate
// (VolumeRebalanceStart) because its failure is logged, not reported.
Result<std::vector<Command>> VolumeAddBricks(const config::ExecutorOptions& opts,
                                             const VolumeRequest& req);

// `<G> volume rebalance <name> start`.
Result<Command> VolumeRebalanceStart(const config::ExecutorOptions& opts, std::string_view name);

// `<G> volume set <name> <key> <value>` from an option "key value".
Result<Command> VolumeSet(const config::ExecutorOptions& opts, std::string_view name,
                          std::string_view option);

// `<G> volume start <name>`.
Result<Command> VolumeStart(const config::ExecutorOptions& opts, std::string_view name);

// `<G> volume stop <name>`, or `<G> volume stop <name> force` (destroy).
Result<Command> VolumeStop(const config::ExecutorOptions& opts, std::string_view name, bool force);

// `<G> volume delete <name>`.
Result<Command> VolumeDelete(const config::ExecutorOptions& opts, std::string_view name);

// VolumeModify (offline DB-volume fixer): `volume stop <name>` when `stop`,
// `volume set` per option, then `volume start <name>` when `start`.
Result<std::vector<Command>> VolumeModify(const config::ExecutorOptions& opts,
                                          std::string_view name, bool stop,
                                          const std::vector<std::string>& options, bool start);

// `<G> volume info <name> --xml`.
Result<Command> VolumeInfo(const config::ExecutorOptions& opts, std::string_view name);

// `<G> volume info --xml` (every volume).
Result<Command> VolumesInfo(const config::ExecutorOptions& opts);

// `<G> volume heal <name> info --xml`.
Result<Command> VolumeHealInfo(const config::ExecutorOptions& opts, std::string_view name);

// `<G> volume replace-brick <vol> <old h:p> <new h:p> commit force`.
Result<Command> VolumeReplaceBrick(const config::ExecutorOptions& opts, std::string_view volume,
                                   const BrickAddress& old_brick, const BrickAddress& new_brick);

// `<G> snapshot list <volume> --xml` (VolumeDestroyCheck).
Result<Command> SnapshotList(const config::ExecutorOptions& opts, std::string_view volume);

// Clone steps (§3.6), each `<G> --xml ...`:
// `snapshot create <snap> <volume> no-timestamp`
Result<Command> SnapshotCreate(const config::ExecutorOptions& opts, std::string_view snap,
                               std::string_view volume);
// `snapshot activate <snap>`
Result<Command> SnapshotActivate(const config::ExecutorOptions& opts, std::string_view snap);
// `snapshot clone <clone> <snap>`
Result<Command> SnapshotClone(const config::ExecutorOptions& opts, std::string_view clone,
                              std::string_view snap);
// `volume start <name>` (the clone)
Result<Command> VolumeStartXml(const config::ExecutorOptions& opts, std::string_view name);
// `snapshot deactivate <snap>`
Result<Command> SnapshotDeactivate(const config::ExecutorOptions& opts, std::string_view snap);
// `snapshot delete <snap>`
Result<Command> SnapshotDelete(const config::ExecutorOptions& opts, std::string_view snap);

// `<G> peer status --xml`.
Result<Command> PeerStatus(const config::ExecutorOptions& opts);

// Reconcile (Brickyard; no Heketi equivalent):
// `<G> volume status <name> --xml`
Result<Command> VolumeStatusXml(const config::ExecutorOptions& opts, std::string_view name);
// `<G> volume start <name> force` (also starts brick processes that are down)
Result<Command> VolumeStartForce(const config::ExecutorOptions& opts, std::string_view name);
// `<G> volume reset-brick <vol> <h:p> start`, then
// `<G> volume reset-brick <vol> <h:p> <h:p> commit force`.
Result<std::vector<Command>> VolumeResetBrick(const config::ExecutorOptions& opts,
                                              std::string_view volume, const BrickAddress& brick);
// `<G> volume heal <name> full`
Result<Command> VolumeHealFull(const config::ExecutorOptions& opts, std::string_view name);

}  // namespace brickyard::executors::commands
