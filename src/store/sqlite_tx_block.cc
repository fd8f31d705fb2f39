// Block volumes, db attributes and brick LVM names.
#include "model/operation.h"
#include "store/query.h"
#include "store/row_codec.h"
#include "store/sqlite_tx.h"

namespace brickyard::store {
namespace {

#define BY_BLOCK_VOLUME_COLUMNS                                                          \
  "b.id, b.hosting_volume_id, b.cluster_id, b.name, b.size_gib, b.usable_size_gib, " \
  "b.ha_count, b.auth, b.hosts, b.iqn, b.lun, b.username, b.password, b.pending_op"

Result<model::BlockVolume> ReadBlockVolume(const Statement& q) {
  model::BlockVolume bv;
  bv.id = q.Text(0);
  bv.hosting_volume_id = q.Text(1);
  bv.cluster_id = q.Text(2);
  bv.name = q.Text(3);
  bv.size_gib = q.Int(4);
  bv.usable_size_gib = q.Int(5);
  bv.ha_count = q.Int(6);
  bv.auth = q.Bool(7);
  BY_ASSIGN_OR_RETURN(bv.hosts, DecodeStrings(q.Text(8), "block volume hosts"));
  bv.iqn = q.Text(9);
  bv.lun = q.Int(10);
  bv.username = q.Text(11);
  bv.password = q.Text(12);
  bv.pending_op = q.Text(13);
  return bv;
}

// Block volumes whose pending operation is creating them are hidden from
// listings that exclude pending block volumes.
#define BY_BLOCK_NOT_BEING_CREATED                                    \
  "(b.pending_op IS NULL OR NOT EXISTS (SELECT 1 FROM pending_ops p " \
  "WHERE p.id = b.pending_op AND p.type = 4))"
static_assert(static_cast<int>(model::OpType::kCreateBlockVolume) == 4);

}  // namespace

Result<model::BlockVolume> SqliteTx::GetBlockVolume(const std::string& id) {
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("get block volume", "SELECT " BY_BLOCK_VOLUME_COLUMNS
                                                      " FROM block_volumes b WHERE b.id = ?"));
  q.BindText(1, id);
  return QueryOne(q, ReadBlockVolume);
}

Result<std::vector<std::string>> SqliteTx::ListBlockVolumeIds(bool include_pending) {
  const char* sql = include_pending ? "SELECT id FROM block_volumes ORDER BY id"
                                    : "SELECT b.id FROM block_volumes b WHERE "
                                      BY_BLOCK_NOT_BEING_CREATED " ORDER BY b.id";
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("list block volumes", sql));
  return QueryIds(q);
}

Result<std::vector<std::string>> SqliteTx::ListClusterBlockVolumeIds(const std::string& cluster_id,
                                                                     bool include_pending) {
  const char* sql =
      include_pending
          ? "SELECT id FROM block_volumes WHERE cluster_id = ? ORDER BY id"
          : "SELECT b.id FROM block_volumes b WHERE b.cluster_id = ? AND "
            BY_BLOCK_NOT_BEING_CREATED " ORDER BY b.id";
  return IdsWith("list cluster block volumes", sql, cluster_id);
}

Result<std::vector<std::string>> SqliteTx::ListHostedBlockVolumeIds(const std::string& volume_id,
                                                                    bool include_pending) {
  const char* sql =
      include_pending
          ? "SELECT id FROM block_volumes WHERE hosting_volume_id = ? ORDER BY id"
          : "SELECT b.id FROM block_volumes b WHERE b.hosting_volume_id = ? AND "
            BY_BLOCK_NOT_BEING_CREATED " ORDER BY b.id";
  return IdsWith("list hosted block volumes", sql, volume_id);
}

Result<std::optional<std::string>> SqliteTx::FindBlockVolumeByName(const std::string& volume_id,
                                                                   const std::string& name) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("find block volume by name",
                                               "SELECT id FROM block_volumes "
                                               "WHERE hosting_volume_id = ? AND name = ? "
                                               "ORDER BY id LIMIT 1"));
  q.BindText(1, volume_id).BindText(2, name);
  return QueryOptionalId(q);
}

Status SqliteTx::PutBlockVolume(const model::BlockVolume& bv) {
  BY_ASSIGN_OR_RETURN(
      Statement q,
      db_.Prepare("put block volume",
                  "INSERT INTO block_volumes (id, hosting_volume_id, cluster_id, name, size_gib, "
                  "usable_size_gib, ha_count, auth, hosts, iqn, lun, username, password, "
                  "pending_op) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET "
                  "hosting_volume_id = excluded.hosting_volume_id, "
                  "cluster_id = excluded.cluster_id, name = excluded.name, "
                  "size_gib = excluded.size_gib, usable_size_gib = excluded.usable_size_gib, "
                  "ha_count = excluded.ha_count, auth = excluded.auth, hosts = excluded.hosts, "
                  "iqn = excluded.iqn, lun = excluded.lun, username = excluded.username, "
                  "password = excluded.password, pending_op = excluded.pending_op"));
  q.BindText(1, bv.id)
      .BindText(2, bv.hosting_volume_id)
      .BindText(3, bv.cluster_id)
      .BindText(4, bv.name)
      .BindInt(5, bv.size_gib)
      .BindInt(6, bv.usable_size_gib)
      .BindInt(7, bv.ha_count)
      .BindInt(8, bv.auth)
      .BindText(9, EncodeStrings(bv.hosts))
      .BindText(10, bv.iqn)
      .BindInt(11, bv.lun)
      .BindText(12, bv.username)
      .BindText(13, bv.password)
      .BindTextOrNull(14, bv.pending_op);
  return q.Run();
}

Status SqliteTx::DeleteBlockVolume(const std::string& id) {
  return RunWith("delete block volume", "DELETE FROM block_volumes WHERE id = ?", id);
}

Result<std::map<std::string, std::string>> SqliteTx::ListDbAttributes() {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("list db attributes",
                                               "SELECT key, value FROM db_attributes ORDER BY key"));
  std::map<std::string, std::string> out;
  while (true) {
    BY_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    out[q.Text(0)] = q.Text(1);
  }
}

Status SqliteTx::PutDbAttribute(const std::string& key, const std::string& value) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("put db attribute",
                                               "INSERT INTO db_attributes (key, value) "
                                               "VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                                               "value = excluded.value"));
  q.BindText(1, key).BindText(2, value);
  return q.Run();
}

Result<std::map<std::string, BrickLvmNames>> SqliteTx::ListBrickLvmNames() {
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("list brick lvm names",
                                  "SELECT brick_id, thin_pool, lv FROM brick_lvm_names "
                                  "ORDER BY brick_id"));
  std::map<std::string, BrickLvmNames> out;
  while (true) {
    BY_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    out[q.Text(0)] = BrickLvmNames{q.Text(1), q.Text(2)};
  }
}

Status SqliteTx::PutBrickLvmNames(const std::string& brick_id, const BrickLvmNames& names) {
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("put brick lvm names",
                                  "INSERT INTO brick_lvm_names (brick_id, thin_pool, lv) "
                                  "VALUES (?, ?, ?) ON CONFLICT (brick_id) DO UPDATE SET "
                                  "thin_pool = excluded.thin_pool, lv = excluded.lv"));
  q.BindText(1, brick_id).BindText(2, names.thin_pool).BindText(3, names.lv);
  return q.Run();
}

}  // namespace brickyard::store
