// SqliteTx: the ReadTx/WriteTx queries over one SQLite connection.
//
// SqliteTx only runs statements; the caller (SqliteStore) opens and ends the
// transaction around it. For a View it is handed out as a ReadTx& on a
// read-only connection. Not thread-safe, like its Db.
//
// Beyond the Store contract:
// * Delete* of a missing id is not an error (so cleanup can be repeated).
// * PutCluster returns Conflict("cluster name '<n>' is already used by
//   cluster <id>") and PutNode Conflict("Hostname <h> already used by node
//   with id <id>") when the name or a hostname belongs to another object.
// * ListVolumeBricks and ListDeviceBricks are sorted by brick id.
// * CountClusterVolumes counts pending volumes too (they hold space).
// * AppendOpStep assigns the next sequence number when step.seq is 0; it
//   returns NotFound("Id not found") for an unknown operation.
// * Links (node -> cluster, brick -> volume/device/node, ...) are checked at
//   commit: Update fails with Internal "FOREIGN KEY constraint failed" if the
//   transaction leaves one dangling. Pending markers are not links.
#pragma once

#include <string>
#include <vector>

#include "store/sqlite_db.h"
#include "store/store.h"

namespace brickyard::store {

class SqliteTx final : public WriteTx {
 public:
  explicit SqliteTx(Db& db) : db_(db) {}

  // Topology (sqlite_tx_topology.cc).
  Result<model::Cluster> GetCluster(const std::string& id) override;
  Result<model::Cluster> FindClusterByName(const std::string& name) override;
  Result<std::vector<std::string>> ListClusterIds() override;
  Result<model::Node> GetNode(const std::string& id) override;
  Result<std::vector<std::string>> ListNodeIds(const std::string& cluster_id) override;
  Result<std::vector<model::Node>> ListClusterNodes(const std::string& cluster_id) override;
  Result<std::vector<std::string>> ListClusterMountHosts(const std::string& cluster_id) override;
  Result<std::optional<std::string>> FindNodeByHostname(const std::string& hostname) override;
  Result<model::Device> GetDevice(const std::string& id) override;
  Result<std::vector<std::string>> ListDeviceIds(const std::string& node_id) override;
  Result<std::vector<model::Device>> ListClusterDevices(const std::string& cluster_id) override;
  Result<std::vector<DeviceSpace>> ListClusterDeviceSpace(const std::string& cluster_id) override;
  Status PutCluster(const model::Cluster& c) override;
  Status DeleteCluster(const std::string& id) override;
  Status PutNode(const model::Node& n) override;
  Status DeleteNode(const std::string& id) override;
  Status PutDevice(const model::Device& d) override;
  Status DeleteDevice(const std::string& id) override;

  // Volumes and bricks (sqlite_tx_volumes.cc).
  Result<model::Brick> GetBrick(const std::string& id) override;
  Result<std::vector<model::Brick>> ListVolumeBricks(const std::string& volume_id) override;
  Result<std::vector<model::Brick>> ListDeviceBricks(const std::string& device_id) override;
  Result<model::Volume> GetVolume(const std::string& id) override;
  Result<std::vector<std::string>> ListVolumeIds(bool include_pending) override;
  Result<std::vector<std::string>> ListClusterVolumeIds(const std::string& cluster_id,
                                                        bool include_pending) override;
  Result<std::optional<std::string>> FindVolumeByName(const std::string& cluster_id,
                                                      const std::string& name) override;
  Result<int64_t> CountClusterVolumes(const std::string& cluster_id) override;
  Result<bool> GidInUse(int64_t gid) override;
  Result<int64_t> NextFreeGid(int64_t min, int64_t max) override;
  Status PutBrick(const model::Brick& b) override;
  Status DeleteBrick(const std::string& id) override;
  Status PutVolume(const model::Volume& v) override;
  Status DeleteVolume(const std::string& id) override;

  // Block volumes, db attributes, brick LVM names (sqlite_tx_block.cc).
  Result<model::BlockVolume> GetBlockVolume(const std::string& id) override;
  Result<std::vector<std::string>> ListBlockVolumeIds(bool include_pending) override;
  Result<std::vector<std::string>> ListClusterBlockVolumeIds(const std::string& cluster_id,
                                                            bool include_pending) override;
  Result<std::vector<std::string>> ListHostedBlockVolumeIds(const std::string& volume_id,
                                                           bool include_pending) override;
  Result<std::optional<std::string>> FindBlockVolumeByName(const std::string& volume_id,
                                                           const std::string& name) override;
  Result<std::map<std::string, std::string>> ListDbAttributes() override;
  Result<std::map<std::string, BrickLvmNames>> ListBrickLvmNames() override;
  Status PutBlockVolume(const model::BlockVolume& bv) override;
  Status DeleteBlockVolume(const std::string& id) override;
  Status PutDbAttribute(const std::string& key, const std::string& value) override;
  Status PutBrickLvmNames(const std::string& brick_id, const BrickLvmNames& names) override;

  // Pending operations and jobs (sqlite_tx_ops.cc).
  Result<model::PendingOp> GetPendingOp(const std::string& id) override;
  Result<std::vector<model::PendingOp>> ListPendingOps() override;
  Result<std::vector<model::OpStep>> ListOpSteps(const std::string& op_id) override;
  Result<Job> GetJob(const std::string& id) override;
  Result<std::vector<Job>> ListRunningJobs() override;
  Status PutPendingOp(const model::PendingOp& op) override;
  Status DeletePendingOp(const std::string& id) override;
  Status AppendOpStep(const std::string& op_id, const model::OpStep& step) override;
  Status PutJob(const Job& job) override;
  Status DeleteJob(const std::string& id) override;
  Result<int64_t> DeleteJobsFinishedBefore(int64_t cutoff_unix) override;

 private:
  // Runs `sql` with `arg` bound to parameter 1, ignoring any rows.
  Status RunWith(const char* what, const char* sql, const std::string& arg);
  // Runs `sql` with `arg` bound to parameter 1 and collects column 0.
  Result<std::vector<std::string>> IdsWith(const char* what, const char* sql,
                                           const std::string& arg);

  Db& db_;
};

}  // namespace brickyard::store
