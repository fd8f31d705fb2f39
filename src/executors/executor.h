// Executor: the single boundary for every side effect on storage nodes.
//
// Split by role so that each operation depends only on what it uses and a
// fault injector can wrap one role. "host" arguments are manage hostnames
// (where commands run); brick hosts inside requests are storage hostnames.
// Every call is synchronous and may block for as long as the node takes;
// callers must not hold locks across a call. Implementations are thread-safe.
//
// Errors: Unavailable when the node cannot be reached, Internal with the
// failing command and its output otherwise, NotFound when the target object
// does not exist on the node (callers of destroy treat that as success).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "executors/block.h"
#include "executors/commands/gluster_parse.h"
#include "executors/inspect.h"

namespace brickyard::executors {

struct DeviceInfo {
  int64_t total_kib = 0;
  int64_t free_kib = 0;
  int64_t used_kib = 0;
  int64_t extent_kib = 0;
  std::string pv_uuid;
  std::vector<std::string> paths;
};

struct DeviceHandle {
  std::string device_id;  // the VG is vg_<device_id>
  std::string name;       // the device path as added
  std::string pv_uuid;
  std::vector<std::string> paths;
};

struct BrickRequest {
  std::string device_id;     // VG vg_<device_id>
  std::string brick_id;
  std::string tp_name;       // tp_<brick id>; "" for snapshot-clone bricks, whose
                             // pool (their origin's) BrickDestroy asks LVM for
  std::string lv_name;       // brick_<brick id>, or SnapshotBrickLvName (naming.h)
  int64_t size_kib = 0;
  int64_t tp_size_kib = 0;
  int64_t pool_meta_kib = 0;
  int64_t gid = 0;
  std::string path;          // brick directory: <mount point>/brick
  bool arbiter = false;
};

// The new absolute sizes of a brick grown in place (BrickExtend).
struct BrickSize {
  int64_t size_kib = 0;       // thin LV, hence file system, size
  int64_t tp_size_kib = 0;    // thin pool size; >= size_kib
  int64_t pool_meta_kib = 0;  // pool metadata size; grown only when above the current one
};

struct BrickAddress {
  std::string host;  // storage hostname
  std::string path;
};

struct VolumeRequest {
  std::string name;
  std::string id;
  std::vector<BrickAddress> bricks;  // set order: brick k of set s at s*set_size+k
  enum class Kind { kNone, kReplica, kDisperse } kind = Kind::kNone;
  int64_t replica = 0;
  bool arbiter = false;
  int64_t data = 0;
  int64_t redundancy = 0;
  std::vector<std::string> options;  // "key value", applied in order
};

class PeerExecutor {
 public:
  virtual ~PeerExecutor() = default;
  virtual Status GlusterdCheck(const std::string& host) = 0;
  virtual Status PeerProbe(const std::string& exec_host, const std::string& new_storage_host) = 0;
  virtual Status PeerDetach(const std::string& exec_host, const std::string& storage_host) = 0;
};

class DeviceExecutor {
 public:
  virtual ~DeviceExecutor() = default;
  virtual Result<DeviceInfo> DeviceSetup(const std::string& host, const std::string& device,
                                         const std::string& device_id, bool destroy_data) = 0;
  virtual Result<DeviceInfo> GetDeviceInfo(const std::string& host, const DeviceHandle& handle) = 0;
  virtual Status DeviceTeardown(const std::string& host, const DeviceHandle& handle) = 0;
  virtual Status DeviceForget(const std::string& host, const DeviceHandle& handle) = 0;
};

class BrickExecutor {
 public:
  virtual ~BrickExecutor() = default;
  virtual Status BrickCreate(const std::string& host, const BrickRequest& req) = 0;
  // Returns whether the brick's space was reclaimed (false when snapshots keep
  // its thin pool alive).
  virtual Result<bool> BrickDestroy(const std::string& host, const BrickRequest& req) = 0;
  // Grows the existing, mounted brick `req` (its current sizes) in place to
  // `grown`: thin pool, pool metadata when grown.pool_meta_kib is larger than
  // req.pool_meta_kib, thin LV, then the XFS file system. Brickyard only
  // (Heketi expands by adding bricks). NotFound when the brick's LV does not
  // exist. Not undone on failure: a partly grown brick still works.
  virtual Status BrickExtend(const std::string& host, const BrickRequest& req,
                             const BrickSize& grown) = 0;
};

class VolumeExecutor {
 public:
  virtual ~VolumeExecutor() = default;
  virtual Status VolumeCreate(const std::string& host, const VolumeRequest& req) = 0;
  // Adds req.bricks (the new ones only) to an existing volume and rebalances.
  virtual Status VolumeExpand(const std::string& host, const VolumeRequest& req) = 0;
  virtual Status VolumeDestroy(const std::string& host, const std::string& name) = 0;
  virtual Status VolumeClone(const std::string& host, const std::string& origin,
                             const std::string& clone_name) = 0;
  virtual Status VolumeReplaceBrick(const std::string& host, const std::string& volume,
                                    const BrickAddress& old_brick, const BrickAddress& new_brick) = 0;
  // Gluster's view of volume `name` (`volume info <name> --xml`), bricks in
  // set order. NotFound when the volume does not exist.
  virtual Result<commands::GlusterVolume> VolumeInfo(const std::string& host,
                                                     const std::string& name) = 0;
  // Per-brick heal state of volume `name` (`volume heal <name> info --xml`).
  // NotFound when the volume does not exist.
  virtual Result<std::vector<commands::HealBrick>> HealInfo(const std::string& host,
                                                            const std::string& name) = 0;
};

// The whole executor: one object implementing every role.
class Executor : public PeerExecutor,
                 public DeviceExecutor,
                 public BrickExecutor,
                 public VolumeExecutor,
                 public InspectExecutor,
                 public RepairExecutor,
                 public BlockExecutor {
 public:
  // The registry name this executor was created under ("mock", "ssh").
  virtual std::string Name() const = 0;
};

}  // namespace brickyard::executors
