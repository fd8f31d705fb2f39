#include "store/schema.h"

#include <string>

namespace brickyard::store {
namespace {

// Version 1. Conventions:
// * Ids are TEXT primary keys of WITHOUT ROWID tables. An index on a link
//   names the id as its last column (e.g. bricks(volume_id, id)), so it
//   serves "WHERE volume_id = ? ORDER BY id" without a sort, and the planner
//   picks it with or without ANALYZE statistics.
// * Links between objects are deferred foreign keys: checked at COMMIT, so a
//   transaction may write in any order, but cannot commit a dangling link.
// * Optional references and names are NULL when unset ("" in the model).
// * Ordered lists and maps that are never searched are JSON text; searched
//   values (hostnames) get their own indexed table.
// * Enums persisted by number (op type, change, brick role) use the model's
//   fixed numbering; the others are stored by their wire name.
constexpr const char* kInitialSchema = R"sql(
CREATE TABLE clusters (
  id    TEXT PRIMARY KEY NOT NULL,
  name  TEXT UNIQUE,
  file  INTEGER NOT NULL,
  block INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE nodes (
  id                TEXT PRIMARY KEY NOT NULL,
  cluster_id        TEXT NOT NULL REFERENCES clusters(id) DEFERRABLE INITIALLY DEFERRED,
  zone              INTEGER NOT NULL,
  manage_hostnames  TEXT NOT NULL,
  storage_hostnames TEXT NOT NULL,
  tags              TEXT NOT NULL,
  state             TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX nodes_by_cluster ON nodes(cluster_id, id);

CREATE TABLE node_hostnames (
  hostname TEXT PRIMARY KEY NOT NULL,
  node_id  TEXT NOT NULL REFERENCES nodes(id) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX node_hostnames_by_node ON node_hostnames(node_id, hostname);

CREATE TABLE devices (
  id         TEXT PRIMARY KEY NOT NULL,
  node_id    TEXT NOT NULL REFERENCES nodes(id) DEFERRABLE INITIALLY DEFERRED,
  name       TEXT NOT NULL,
  tags       TEXT NOT NULL,
  state      TEXT NOT NULL,
  total_kib  INTEGER NOT NULL,
  free_kib   INTEGER NOT NULL,
  used_kib   INTEGER NOT NULL,
  extent_kib INTEGER NOT NULL,
  pv_uuid    TEXT NOT NULL,
  paths      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX devices_by_node ON devices(node_id, id);

CREATE TABLE pending_ops (
  id        TEXT PRIMARY KEY NOT NULL,
  type      INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  status    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE op_changes (
  op_id     TEXT NOT NULL REFERENCES pending_ops(id) DEFERRABLE INITIALLY DEFERRED,
  seq       INTEGER NOT NULL,
  change    INTEGER NOT NULL,
  target_id TEXT NOT NULL,
  delta     INTEGER NOT NULL,
  PRIMARY KEY (op_id, seq)
) WITHOUT ROWID;

CREATE TABLE op_steps (
  op_id   TEXT NOT NULL REFERENCES pending_ops(id) DEFERRABLE INITIALLY DEFERRED,
  seq     INTEGER NOT NULL,
  name    TEXT NOT NULL,
  target  TEXT NOT NULL,
  at_unix INTEGER NOT NULL,
  PRIMARY KEY (op_id, seq)
) WITHOUT ROWID;

CREATE TABLE volumes (
  id                  TEXT PRIMARY KEY NOT NULL,
  cluster_id          TEXT NOT NULL REFERENCES clusters(id) DEFERRABLE INITIALLY DEFERRED,
  name                TEXT NOT NULL,
  size_gib            INTEGER NOT NULL,
  durability          TEXT NOT NULL,
  replica             INTEGER NOT NULL,
  data                INTEGER NOT NULL,
  redundancy          INTEGER NOT NULL,
  gid                 INTEGER NOT NULL,
  options             TEXT NOT NULL,
  block               INTEGER NOT NULL,
  snapshot_enable     INTEGER NOT NULL,
  snapshot_factor     REAL NOT NULL,
  block_free_size     INTEGER NOT NULL,
  block_reserved_size INTEGER NOT NULL,
  block_restriction   TEXT NOT NULL,
  pending_op          TEXT
) WITHOUT ROWID;
CREATE INDEX volumes_by_cluster ON volumes(cluster_id, id);
CREATE INDEX volumes_by_cluster_name ON volumes(cluster_id, name, id);
CREATE INDEX volumes_by_gid ON volumes(gid, id);

CREATE TABLE bricks (
  id            TEXT PRIMARY KEY NOT NULL,
  volume_id     TEXT NOT NULL REFERENCES volumes(id) DEFERRABLE INITIALLY DEFERRED,
  device_id     TEXT NOT NULL REFERENCES devices(id) DEFERRABLE INITIALLY DEFERRED,
  node_id       TEXT NOT NULL REFERENCES nodes(id) DEFERRABLE INITIALLY DEFERRED,
  path          TEXT NOT NULL,
  size_kib      INTEGER NOT NULL,
  tp_size_kib   INTEGER NOT NULL,
  pool_meta_kib INTEGER NOT NULL,
  role          INTEGER NOT NULL,
  set_index     INTEGER NOT NULL,
  set_position  INTEGER NOT NULL,
  pending_op    TEXT
) WITHOUT ROWID;
CREATE INDEX bricks_by_volume ON bricks(volume_id, id);
CREATE INDEX bricks_by_device ON bricks(device_id, id);
CREATE INDEX bricks_by_node ON bricks(node_id, id);

CREATE TABLE jobs (
  id            TEXT PRIMARY KEY NOT NULL,
  state         TEXT NOT NULL,
  location      TEXT NOT NULL,
  error         TEXT NOT NULL,
  owner         TEXT NOT NULL,
  created_unix  INTEGER NOT NULL,
  finished_unix INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX jobs_finished ON jobs(finished_unix) WHERE state <> 'running';
)sql";

// Version 2: cheaper per-cluster volume queries and the restart job scan.
// * volumes_by_cluster also carries pending_op, so listing a cluster's
//   settled volumes reads only the index.
// * cluster_volume_counts holds the number of volumes per cluster, kept by
//   triggers, so CountClusterVolumes is one lookup at any volume count.
// * jobs_running finds the jobs a restart interrupted without a scan.
// Written with IF NOT EXISTS and a full recount because development builds
// created some databases at version 1 with these objects already present.
constexpr const char* kVolumeCounts = R"sql(
DROP INDEX IF EXISTS volumes_by_cluster;
CREATE INDEX volumes_by_cluster ON volumes(cluster_id, id, pending_op);

CREATE TABLE IF NOT EXISTS cluster_volume_counts (
  cluster_id TEXT PRIMARY KEY NOT NULL,
  volumes    INTEGER NOT NULL
) WITHOUT ROWID;
DELETE FROM cluster_volume_counts;
INSERT INTO cluster_volume_counts (cluster_id, volumes)
  SELECT cluster_id, count(*) FROM volumes GROUP BY cluster_id;

CREATE TRIGGER IF NOT EXISTS volumes_counted_on_insert AFTER INSERT ON volumes BEGIN
  INSERT INTO cluster_volume_counts (cluster_id, volumes) VALUES (NEW.cluster_id, 1)
    ON CONFLICT (cluster_id) DO UPDATE SET volumes = volumes + 1;
END;
CREATE TRIGGER IF NOT EXISTS volumes_counted_on_delete AFTER DELETE ON volumes BEGIN
  UPDATE cluster_volume_counts SET volumes = volumes - 1 WHERE cluster_id = OLD.cluster_id;
  DELETE FROM cluster_volume_counts WHERE cluster_id = OLD.cluster_id AND volumes = 0;
END;
CREATE TRIGGER IF NOT EXISTS volumes_counted_on_move AFTER UPDATE OF cluster_id ON volumes
    WHEN OLD.cluster_id <> NEW.cluster_id BEGIN
  UPDATE cluster_volume_counts SET volumes = volumes - 1 WHERE cluster_id = OLD.cluster_id;
  DELETE FROM cluster_volume_counts WHERE cluster_id = OLD.cluster_id AND volumes = 0;
  INSERT INTO cluster_volume_counts (cluster_id, volumes) VALUES (NEW.cluster_id, 1)
    ON CONFLICT (cluster_id) DO UPDATE SET volumes = volumes + 1;
END;

CREATE INDEX IF NOT EXISTS jobs_running ON jobs(id) WHERE state = 'running';
)sql";

// Version 3: block volumes (spec provisioning §6) and what a Heketi export
// carries beyond the topology, so an import serves and exports it again.
// * block_volumes: one row per gluster-block LUN, linked to its hosting
//   volume and cluster; hosts as JSON text. Names are unique per hosting
//   volume, searched through block_volumes_by_volume.
// * db_attributes: Heketi's DbAttribute entries, key -> value.
// * brick_lvm_names: bricks whose thin pool or LV is not tp_<id>/brick_<id>;
//   a trigger drops the row with its brick.
constexpr const char* kBlockVolumes = R"sql(
CREATE TABLE block_volumes (
  id                TEXT PRIMARY KEY NOT NULL,
  hosting_volume_id TEXT NOT NULL REFERENCES volumes(id) DEFERRABLE INITIALLY DEFERRED,
  cluster_id        TEXT NOT NULL REFERENCES clusters(id) DEFERRABLE INITIALLY DEFERRED,
  name              TEXT NOT NULL,
  size_gib          INTEGER NOT NULL,
  usable_size_gib   INTEGER NOT NULL,
  ha_count          INTEGER NOT NULL,
  auth              INTEGER NOT NULL,
  hosts             TEXT NOT NULL,
  iqn               TEXT NOT NULL,
  lun               INTEGER NOT NULL,
  username          TEXT NOT NULL,
  password          TEXT NOT NULL,
  pending_op        TEXT
) WITHOUT ROWID;
CREATE INDEX block_volumes_by_volume ON block_volumes(hosting_volume_id, name, id);
CREATE INDEX block_volumes_by_cluster ON block_volumes(cluster_id, id);

CREATE TABLE db_attributes (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE brick_lvm_names (
  brick_id  TEXT PRIMARY KEY NOT NULL REFERENCES bricks(id) DEFERRABLE INITIALLY DEFERRED,
  thin_pool TEXT NOT NULL,
  lv        TEXT NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER brick_lvm_names_follow_brick AFTER DELETE ON bricks BEGIN
  DELETE FROM brick_lvm_names WHERE brick_id = OLD.id;
END;
)sql";

// Version 4: devices_by_node also carries what placement reads of a device
// (state, free space, extent size, tags), so the per-create read of every
// device of a cluster is served by the index alone. Still a prefix index on
// (node_id, id) for the lookups the old one served.
constexpr const char* kDeviceSpaceIndex = R"sql(
DROP INDEX IF EXISTS devices_by_node;
CREATE INDEX devices_by_node ON devices(node_id, id, state, free_kib, extent_kib, tags);
)sql";

constexpr Migration kMigrations[] = {
    {1, "initial schema", kInitialSchema},
    {2, "volume counts per cluster", kVolumeCounts},
    {3, "block volumes, db attributes, brick LVM names", kBlockVolumes},
    {4, "placement columns in the device index", kDeviceSpaceIndex},
};

constexpr const char* kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "  version      INTEGER PRIMARY KEY NOT NULL,"
    "  applied_unix INTEGER NOT NULL)";

Status NewerThanBuild(int found, int latest) {
  return Internal("database schema version " + std::to_string(found) +
                  " is newer than this build supports (" + std::to_string(latest) + ")");
}

// Applies `m` inside an open write transaction and records it.
Status ApplyOne(Db& db, const Migration& m) {
  std::string what = "migration " + std::to_string(m.version) + " (" + m.description + ")";
  BY_RETURN_IF_ERROR(db.Exec(what.c_str(), m.sql));
  BY_ASSIGN_OR_RETURN(Statement q,
                      db.Prepare("record schema version",
                                 "INSERT INTO schema_version(version, applied_unix) "
                                 "VALUES (?, CAST(strftime('%s', 'now') AS INTEGER))"));
  q.BindInt(1, m.version);
  return q.Run();
}

void Rollback(Db& db) { (void)db.Exec("rollback", "ROLLBACK"); }

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

Result<int> ReadSchemaVersion(Db& db) {
  BY_ASSIGN_OR_RETURN(
      Statement exists,
      db.Prepare("read schema version",
                 "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"));
  BY_ASSIGN_OR_RETURN(bool has_table, exists.Step());
  if (!has_table) return 0;
  BY_ASSIGN_OR_RETURN(
      Statement q,
      db.Prepare("read schema version", "SELECT COALESCE(MAX(version), 0) FROM schema_version"));
  BY_ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? static_cast<int>(q.Int(0)) : 0;
}

Result<int> Migrate(Db& db, std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Internal("store: migrations must be numbered 1, 2, 3, ...");
    }
  }
  const int latest = static_cast<int>(migrations.size());
  while (true) {
    BY_RETURN_IF_ERROR(db.Exec("begin migration", "BEGIN IMMEDIATE"));
    Status st = db.Exec("create schema_version", kCreateVersionTable);
    Result<int> version = st.ok() ? ReadSchemaVersion(db) : Result<int>(st);
    if (!version.ok()) {
      Rollback(db);
      return version.status();
    }
    if (*version > latest) {
      Rollback(db);
      return NewerThanBuild(*version, latest);
    }
    if (*version < latest) st = ApplyOne(db, migrations[static_cast<size_t>(*version)]);
    if (st.ok()) st = db.Exec("commit migration", "COMMIT");
    if (!st.ok()) {
      Rollback(db);
      return st;
    }
    if (*version == latest) return latest;
  }
}

Status CheckSchemaVersion(int found, int latest) {
  if (found > latest) return NewerThanBuild(found, latest);
  if (found < latest) {
    return Internal("database schema version " + std::to_string(found) +
                    " is older than this build (" + std::to_string(latest) +
                    "); open it read-write once to upgrade it");
  }
  return Status::Ok();
}

}  // namespace brickyard::store
