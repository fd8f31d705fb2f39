// The executor roles behind `state examine gluster` and reconcile: reading
// what a storage node really holds (InspectExecutor) and the few gluster and
// brick actions that repair drift (RepairExecutor).
//
// Inspection only reads; it never changes a node. Every call is synchronous,
// bounded by the command timeouts, and thread-safe. Errors follow executor.h:
// Unavailable when the node (or its glusterd, for gluster queries) cannot be
// reached, Internal with the command and its output otherwise.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "executors/commands/gluster_parse.h"
#include "executors/commands/inspect_parse.h"

namespace brickyard::executors {

struct BrickAddress;  // executor.h
struct BrickRequest;  // executor.h

class InspectExecutor {
 public:
  virtual ~InspectExecutor() = default;
  // Every gluster volume of the trusted pool `host` belongs to
  // (`volume info --xml`), bricks in set order. Empty when there is none.
  virtual Result<std::vector<commands::GlusterVolume>> VolumesInfo(const std::string& host) = 0;
  // The other peers of `host`'s trusted pool (`peer status --xml`).
  virtual Result<std::vector<commands::GlusterPeer>> PeerStatus(const std::string& host) = 0;
  // The bricks gluster reports for started volume `name` (`volume status
  // <name> --xml`), with whether each brick process is online. A brick on a
  // peer that is down is absent. NotFound when the volume does not exist.
  virtual Result<std::vector<commands::BrickProcess>> VolumeStatus(const std::string& host,
                                                                  const std::string& name) = 0;
  // LVs and thin pools in the VGs named vg_<id> (Brickyard's and Heketi's).
  virtual Result<std::vector<commands::NodeLv>> BrickLvs(const std::string& host) = 0;
  // Mounts whose mount point is under the brick mount root
  // (/var/lib/heketi/mounts), from /proc/mounts.
  virtual Result<std::vector<commands::MountEntry>> BrickMounts(const std::string& host) = 0;
  // Lines of the configured fstab whose mount point is under the brick mount root.
  virtual Result<std::vector<commands::MountEntry>> FstabBricks(const std::string& host) = 0;
  // Brick mount-point directories: <mount root>/vg_<id>/brick_<id>.
  virtual Result<std::vector<std::string>> BrickDirs(const std::string& host) = 0;
};

class RepairExecutor {
 public:
  virtual ~RepairExecutor() = default;
  // `volume start <name>`, or `volume start <name> force`, which also starts
  // the brick processes that are down. Starting a started volume without
  // force is Conflict.
  virtual Status VolumeStart(const std::string& host, const std::string& name, bool force) = 0;
  // Points gluster back at brick `brick` after its storage was rebuilt empty
  // at the same host and path: `volume reset-brick <vol> <b> start`, then
  // `volume reset-brick <vol> <b> <b> commit force`.
  virtual Status VolumeResetBrick(const std::string& host, const std::string& volume,
                                  const BrickAddress& brick) = 0;
  // `volume heal <name> full`: starts a full self-heal.
  virtual Status VolumeHealFull(const std::string& host, const std::string& name) = 0;
  // Mounts an existing brick LV at its mount point when it is not mounted,
  // and rewrites its fstab line (removes any, appends the right one). The LV
  // and its file system are kept. NotFound when the LV does not exist.
  virtual Status BrickRemount(const std::string& host, const BrickRequest& req) = 0;
};

}  // namespace brickyard::executors
