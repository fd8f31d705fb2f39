// Store: the persistent state of Brickyard behind one interface.
//
// All access goes through transactions. View() runs `fn` against a consistent
// read snapshot; Update() runs `fn` in a single write transaction that commits
// when `fn` returns OK and rolls back otherwise (so a failed request changes
// nothing). Write transactions are serialised; reads run concurrently with
// them. Implementations must be thread-safe. Transaction objects must not
// escape `fn` and must not be used from another thread.
//
// Getters return NotFound("Id not found") for a missing object. Listing
// functions return ids sorted ascending (the API's order).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "model/block_volume.h"
#include "model/operation.h"
#include "model/topology.h"
#include "model/volume.h"

namespace brickyard::store {

// An asynchronous job as seen by GET /queue/{id} (spec heketi-api §3).
struct Job {
  enum class State { kRunning, kDone, kFailed };
  std::string id;
  State state = State::kRunning;
  std::string location;  // result path for 303 ("" => 204 on success)
  std::string error;     // message for 500 when kFailed
  std::string owner;     // JWT issuer that started it ("admin", "user", "")
  int64_t created_unix = 0;
  int64_t finished_unix = 0;
};

// LVM names of a brick that differ from the default tp_<id>/brick_<id>
// (bricks of snapshot clones, and bricks imported from Heketi that record
// their names). An empty `lv` means brick_<id>.
struct BrickLvmNames {
  std::string thin_pool;
  std::string lv;
  bool operator==(const BrickLvmNames&) const = default;
};

// What placement reads of a device: identity, state, tags and free space.
struct DeviceSpace {
  std::string id;
  std::string node_id;
  model::Tags tags;
  model::State state = model::State::kOnline;
  int64_t free_kib = 0;
  int64_t extent_kib = 4096;
};

class ReadTx {
 public:
  virtual ~ReadTx() = default;

  virtual Result<model::Cluster> GetCluster(const std::string& id) = 0;
  virtual Result<model::Cluster> FindClusterByName(const std::string& name) = 0;
  virtual Result<std::vector<std::string>> ListClusterIds() = 0;

  virtual Result<model::Node> GetNode(const std::string& id) = 0;
  virtual Result<std::vector<std::string>> ListNodeIds(const std::string& cluster_id) = 0;
  // Every node of the cluster, sorted by id, in one query.
  virtual Result<std::vector<model::Node>> ListClusterNodes(const std::string& cluster_id) = 0;
  // The first storage hostname of every node of the cluster, in node id
  // order; nodes without one are skipped. Reads only that column, so it is
  // cheaper than ListClusterNodes for per-request views.
  virtual Result<std::vector<std::string>> ListClusterMountHosts(const std::string& cluster_id) = 0;
  // Node id owning `hostname` as a manage or storage hostname, if any.
  virtual Result<std::optional<std::string>> FindNodeByHostname(const std::string& hostname) = 0;

  virtual Result<model::Device> GetDevice(const std::string& id) = 0;
  virtual Result<std::vector<std::string>> ListDeviceIds(const std::string& node_id) = 0;
  // Every device of every node of the cluster, in one query.
  virtual Result<std::vector<model::Device>> ListClusterDevices(const std::string& cluster_id) = 0;
  // The placement columns of every device of the cluster, sorted by id,
  // read from an index alone (no table lookups): the per-create read.
  virtual Result<std::vector<DeviceSpace>> ListClusterDeviceSpace(const std::string& cluster_id) = 0;

  virtual Result<model::Brick> GetBrick(const std::string& id) = 0;
  virtual Result<std::vector<model::Brick>> ListVolumeBricks(const std::string& volume_id) = 0;
  virtual Result<std::vector<model::Brick>> ListDeviceBricks(const std::string& device_id) = 0;

  virtual Result<model::Volume> GetVolume(const std::string& id) = 0;
  // With include_pending false, volumes whose create is still pending are left out.
  virtual Result<std::vector<std::string>> ListVolumeIds(bool include_pending) = 0;
  virtual Result<std::vector<std::string>> ListClusterVolumeIds(const std::string& cluster_id,
                                                               bool include_pending) = 0;
  virtual Result<std::optional<std::string>> FindVolumeByName(const std::string& cluster_id,
                                                              const std::string& name) = 0;
  virtual Result<int64_t> CountClusterVolumes(const std::string& cluster_id) = 0;
  // True if some volume (pending or not) uses `gid`.
  virtual Result<bool> GidInUse(int64_t gid) = 0;
  // A gid in [min, max] no volume uses: the one after the highest used in
  // the range (min when none is), or once max is used the lowest free one;
  // NotFound when all are used. Two index seeks while max is free, so the
  // cost does not grow with the number of volumes until the range wraps.
  virtual Result<int64_t> NextFreeGid(int64_t min, int64_t max) = 0;

  // Block volumes (spec provisioning §6). With include_pending false, block
  // volumes whose create is still pending are left out.
  virtual Result<model::BlockVolume> GetBlockVolume(const std::string& id) = 0;
  virtual Result<std::vector<std::string>> ListBlockVolumeIds(bool include_pending) = 0;
  virtual Result<std::vector<std::string>> ListClusterBlockVolumeIds(const std::string& cluster_id,
                                                                    bool include_pending) = 0;
  // The block volumes a block-hosting volume holds.
  virtual Result<std::vector<std::string>> ListHostedBlockVolumeIds(const std::string& volume_id,
                                                                   bool include_pending) = 0;
  virtual Result<std::optional<std::string>> FindBlockVolumeByName(const std::string& volume_id,
                                                                   const std::string& name) = 0;

  // Heketi's DbAttribute entries, key -> value (kept for export).
  virtual Result<std::map<std::string, std::string>> ListDbAttributes() = 0;
  // Every brick with non-default LVM names, by brick id.
  virtual Result<std::map<std::string, BrickLvmNames>> ListBrickLvmNames() = 0;

  virtual Result<model::PendingOp> GetPendingOp(const std::string& id) = 0;
  virtual Result<std::vector<model::PendingOp>> ListPendingOps() = 0;
  virtual Result<std::vector<model::OpStep>> ListOpSteps(const std::string& op_id) = 0;

  virtual Result<Job> GetJob(const std::string& id) = 0;
  // Jobs still marked running, sorted by id (after a restart: interrupted ones).
  virtual Result<std::vector<Job>> ListRunningJobs() = 0;
};

class WriteTx : public ReadTx {
 public:
  // Put* inserts or replaces by id.
  virtual Status PutCluster(const model::Cluster& c) = 0;
  virtual Status DeleteCluster(const std::string& id) = 0;
  virtual Status PutNode(const model::Node& n) = 0;
  virtual Status DeleteNode(const std::string& id) = 0;
  virtual Status PutDevice(const model::Device& d) = 0;
  virtual Status DeleteDevice(const std::string& id) = 0;
  virtual Status PutBrick(const model::Brick& b) = 0;
  virtual Status DeleteBrick(const std::string& id) = 0;
  virtual Status PutVolume(const model::Volume& v) = 0;
  virtual Status DeleteVolume(const std::string& id) = 0;

  virtual Status PutBlockVolume(const model::BlockVolume& bv) = 0;
  virtual Status DeleteBlockVolume(const std::string& id) = 0;
  virtual Status PutDbAttribute(const std::string& key, const std::string& value) = 0;
  // Records non-default LVM names of an existing brick; they go when the
  // brick is deleted.
  virtual Status PutBrickLvmNames(const std::string& brick_id, const BrickLvmNames& names) = 0;

  virtual Status PutPendingOp(const model::PendingOp& op) = 0;
  // Deletes the operation and its recorded steps.
  virtual Status DeletePendingOp(const std::string& id) = 0;
  virtual Status AppendOpStep(const std::string& op_id, const model::OpStep& step) = 0;

  virtual Status PutJob(const Job& job) = 0;
  virtual Status DeleteJob(const std::string& id) = 0;
  // Deletes finished jobs that finished before `cutoff_unix`; returns how many.
  virtual Result<int64_t> DeleteJobsFinishedBefore(int64_t cutoff_unix) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Status View(const std::function<Status(ReadTx&)>& fn) = 0;
  virtual Status Update(const std::function<Status(WriteTx&)>& fn) = 0;
  // Writes a consistent copy of the whole store to `path` while serving.
  virtual Status Backup(const std::string& path) = 0;
  // The schema version the store is at.
  virtual int SchemaVersion() const = 0;
};

}  // namespace brickyard::store
