// Volumes and bricks.
#include "model/operation.h"
#include "store/query.h"
#include "store/row_codec.h"
#include "store/sqlite_tx.h"

namespace brickyard::store {
namespace {

#define BY_BRICK_COLUMNS                                                                  \
  "id, volume_id, device_id, node_id, path, size_kib, tp_size_kib, pool_meta_kib, role, " \
  "set_index, set_position, pending_op"

Result<model::Brick> ReadBrick(const Statement& q) {
  model::Brick b;
  b.id = q.Text(0);
  b.volume_id = q.Text(1);
  b.device_id = q.Text(2);
  b.node_id = q.Text(3);
  b.path = q.Text(4);
  b.size_kib = q.Int(5);
  b.tp_size_kib = q.Int(6);
  b.pool_meta_kib = q.Int(7);
  int64_t role = q.Int(8);
  if (role != static_cast<int64_t>(model::BrickRole::kData) &&
      role != static_cast<int64_t>(model::BrickRole::kArbiter)) {
    return Internal("store: corrupt brick role: " + std::to_string(role));
  }
  b.role = static_cast<model::BrickRole>(role);
  b.set_index = q.Int(9);
  b.set_position = q.Int(10);
  b.pending_op = q.Text(11);
  return b;
}

Result<model::Volume> ReadVolume(const Statement& q) {
  model::Volume v;
  v.id = q.Text(0);
  v.cluster_id = q.Text(1);
  v.name = q.Text(2);
  v.size_gib = q.Int(3);
  BY_ASSIGN_OR_RETURN(v.durability.type, DecodeDurability(q.Text(4)));
  v.durability.replica = q.Int(5);
  v.durability.data = q.Int(6);
  v.durability.redundancy = q.Int(7);
  v.gid = q.Int(8);
  BY_ASSIGN_OR_RETURN(v.options, DecodeStrings(q.Text(9), "volume options"));
  v.block = q.Bool(10);
  v.snapshot_enable = q.Bool(11);
  v.snapshot_factor = q.Real(12);
  v.block_info.free_size = q.Int(13);
  v.block_info.reserved_size = q.Int(14);
  v.block_info.restriction = q.Text(15);
  v.pending_op = q.Text(16);
  return v;
}

// Volumes whose pending operation is creating them (create or clone) are
// hidden from listings that exclude pending volumes.
#define BY_NOT_BEING_CREATED                                          \
  "(v.pending_op IS NULL OR NOT EXISTS (SELECT 1 FROM pending_ops p " \
  "WHERE p.id = v.pending_op AND p.type IN (1, 7)))"
static_assert(static_cast<int>(model::OpType::kCreateVolume) == 1);
static_assert(static_cast<int>(model::OpType::kCloneVolume) == 7);

}  // namespace

// ---- bricks ----

Result<model::Brick> SqliteTx::GetBrick(const std::string& id) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("get brick", "SELECT " BY_BRICK_COLUMNS
                                                            " FROM bricks WHERE id = ?"));
  q.BindText(1, id);
  return QueryOne(q, ReadBrick);
}

Result<std::vector<model::Brick>> SqliteTx::ListVolumeBricks(const std::string& volume_id) {
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("list volume bricks", "SELECT " BY_BRICK_COLUMNS " FROM bricks "
                                                        "WHERE volume_id = ? "
                                                        "ORDER BY id"));
  q.BindText(1, volume_id);
  return QueryAll<model::Brick>(q, ReadBrick);
}

Result<std::vector<model::Brick>> SqliteTx::ListDeviceBricks(const std::string& device_id) {
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("list device bricks", "SELECT " BY_BRICK_COLUMNS " FROM bricks "
                                                        "WHERE device_id = ? "
                                                        "ORDER BY id"));
  q.BindText(1, device_id);
  return QueryAll<model::Brick>(q, ReadBrick);
}

Status SqliteTx::PutBrick(const model::Brick& b) {
  BY_ASSIGN_OR_RETURN(
      Statement q,
      db_.Prepare("put brick",
                  "INSERT INTO bricks (id, volume_id, device_id, node_id, path, size_kib, "
                  "tp_size_kib, pool_meta_kib, role, set_index, set_position, pending_op) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET "
                  "volume_id = excluded.volume_id, device_id = excluded.device_id, "
                  "node_id = excluded.node_id, path = excluded.path, "
                  "size_kib = excluded.size_kib, tp_size_kib = excluded.tp_size_kib, "
                  "pool_meta_kib = excluded.pool_meta_kib, role = excluded.role, "
                  "set_index = excluded.set_index, set_position = excluded.set_position, "
                  "pending_op = excluded.pending_op"));
  q.BindText(1, b.id)
      .BindText(2, b.volume_id)
      .BindText(3, b.device_id)
      .BindText(4, b.node_id)
      .BindText(5, b.path)
      .BindInt(6, b.size_kib)
      .BindInt(7, b.tp_size_kib)
      .BindInt(8, b.pool_meta_kib)
      .BindInt(9, static_cast<int64_t>(b.role))
      .BindInt(10, b.set_index)
      .BindInt(11, b.set_position)
      .BindTextOrNull(12, b.pending_op);
  return q.Run();
}

Status SqliteTx::DeleteBrick(const std::string& id) {
  return RunWith("delete brick", "DELETE FROM bricks WHERE id = ?", id);
}

// ---- volumes ----

Result<model::Volume> SqliteTx::GetVolume(const std::string& id) {
  BY_ASSIGN_OR_RETURN(
      Statement q,
      db_.Prepare("get volume",
                  "SELECT id, cluster_id, name, size_gib, durability, replica, data, "
                  "redundancy, gid, options, block, snapshot_enable, snapshot_factor, "
                  "block_free_size, block_reserved_size, block_restriction, pending_op "
                  "FROM volumes WHERE id = ?"));
  q.BindText(1, id);
  return QueryOne(q, ReadVolume);
}

Result<std::vector<std::string>> SqliteTx::ListVolumeIds(bool include_pending) {
  const char* sql = include_pending ? "SELECT id FROM volumes ORDER BY id"
                                    : "SELECT v.id FROM volumes v WHERE " BY_NOT_BEING_CREATED
                                      " ORDER BY v.id";
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("list volumes", sql));
  return QueryIds(q);
}

Result<std::vector<std::string>> SqliteTx::ListClusterVolumeIds(const std::string& cluster_id,
                                                                bool include_pending) {
  const char* sql =
      include_pending
          ? "SELECT id FROM volumes WHERE cluster_id = ? ORDER BY id"
          : "SELECT v.id FROM volumes v WHERE v.cluster_id = ? AND " BY_NOT_BEING_CREATED
            " ORDER BY v.id";
  return IdsWith("list cluster volumes", sql, cluster_id);
}

Result<std::optional<std::string>> SqliteTx::FindVolumeByName(const std::string& cluster_id,
                                                              const std::string& name) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("find volume by name",
                                               "SELECT id FROM volumes "
                                               "WHERE cluster_id = ? AND name = ? "
                                               "ORDER BY id LIMIT 1"));
  q.BindText(1, cluster_id).BindText(2, name);
  return QueryOptionalId(q);
}

Result<int64_t> SqliteTx::CountClusterVolumes(const std::string& cluster_id) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("count cluster volumes",
                                               "SELECT volumes FROM cluster_volume_counts "
                                               "WHERE cluster_id = ?"));
  q.BindText(1, cluster_id);
  BY_ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

Result<bool> SqliteTx::GidInUse(int64_t gid) {
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("gid in use", "SELECT 1 FROM volumes WHERE gid = ? LIMIT 1"));
  q.BindInt(1, gid);
  return q.Step();
}

Result<int64_t> SqliteTx::NextFreeGid(int64_t min, int64_t max) {
  if (min > max) return NotFound("the gid range " + std::to_string(min) + " to " + std::to_string(max) + " is empty");
  BY_ASSIGN_OR_RETURN(Statement highest,
                      db_.Prepare("highest gid in range",
                                  "SELECT gid FROM volumes WHERE gid >= ? AND gid <= ? "
                                  "ORDER BY gid DESC LIMIT 1"));
  highest.BindInt(1, min).BindInt(2, max);
  BY_ASSIGN_OR_RETURN(bool row, highest.Step());
  if (!row) return min;
  if (const int64_t top = highest.Int(0); top < max) return top + 1;
  // The range's end is taken: the first used gid whose successor is free,
  // in one pass over the gid index from `min`.
  BY_ASSIGN_OR_RETURN(bool min_used, GidInUse(min));
  if (!min_used) return min;
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("lowest free gid",
                                  "SELECT v.gid + 1 FROM volumes v WHERE v.gid >= ? AND v.gid < ? "
                                  "AND NOT EXISTS (SELECT 1 FROM volumes w WHERE w.gid = v.gid + 1) "
                                  "ORDER BY v.gid LIMIT 1"));
  q.BindInt(1, min).BindInt(2, max);
  BY_ASSIGN_OR_RETURN(row, q.Step());
  if (!row) return NotFound("every gid from " + std::to_string(min) + " to " + std::to_string(max) + " is in use");
  return q.Int(0);
}

Status SqliteTx::PutVolume(const model::Volume& v) {
  BY_ASSIGN_OR_RETURN(
      Statement q,
      db_.Prepare("put volume",
                  "INSERT INTO volumes (id, cluster_id, name, size_gib, durability, replica, "
                  "data, redundancy, gid, options, block, snapshot_enable, snapshot_factor, "
                  "block_free_size, block_reserved_size, block_restriction, pending_op) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET "
                  "cluster_id = excluded.cluster_id, name = excluded.name, "
                  "size_gib = excluded.size_gib, durability = excluded.durability, "
                  "replica = excluded.replica, data = excluded.data, "
                  "redundancy = excluded.redundancy, gid = excluded.gid, "
                  "options = excluded.options, block = excluded.block, "
                  "snapshot_enable = excluded.snapshot_enable, "
                  "snapshot_factor = excluded.snapshot_factor, "
                  "block_free_size = excluded.block_free_size, "
                  "block_reserved_size = excluded.block_reserved_size, "
                  "block_restriction = excluded.block_restriction, "
                  "pending_op = excluded.pending_op"));
  q.BindText(1, v.id)
      .BindText(2, v.cluster_id)
      .BindText(3, v.name)
      .BindInt(4, v.size_gib)
      .BindText(5, model::DurabilityName(v.durability.type))
      .BindInt(6, v.durability.replica)
      .BindInt(7, v.durability.data)
      .BindInt(8, v.durability.redundancy)
      .BindInt(9, v.gid)
      .BindText(10, EncodeStrings(v.options))
      .BindInt(11, v.block)
      .BindInt(12, v.snapshot_enable)
      .BindReal(13, v.snapshot_factor)
      .BindInt(14, v.block_info.free_size)
      .BindInt(15, v.block_info.reserved_size)
      .BindText(16, v.block_info.restriction)
      .BindTextOrNull(17, v.pending_op);
  return q.Run();
}

Status SqliteTx::DeleteVolume(const std::string& id) {
  return RunWith("delete volume", "DELETE FROM volumes WHERE id = ?", id);
}

}  // namespace brickyard::store
