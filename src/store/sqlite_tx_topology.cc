// Clusters, nodes (with their hostname registry) and devices.
#include <algorithm>
#include <set>
#include <string_view>

#include "store/query.h"
#include "store/row_codec.h"
#include "store/sqlite_tx.h"

namespace brickyard::store {
namespace {

Result<model::Cluster> ReadCluster(const Statement& q) {
  model::Cluster c;
  c.id = q.Text(0);
  c.name = q.Text(1);
  c.file = q.Bool(2);
  c.block = q.Bool(3);
  return c;
}

Result<model::Node> ReadNode(const Statement& q) {
  model::Node n;
  n.id = q.Text(0);
  n.cluster_id = q.Text(1);
  n.zone = q.Int(2);
  BY_ASSIGN_OR_RETURN(n.manage_hostnames, DecodeStrings(q.Text(3), "node manage hostnames"));
  BY_ASSIGN_OR_RETURN(n.storage_hostnames, DecodeStrings(q.Text(4), "node storage hostnames"));
  BY_ASSIGN_OR_RETURN(n.tags, DecodeTags(q.Text(5), "node tags"));
  BY_ASSIGN_OR_RETURN(n.state, DecodeState(q.Text(6)));
  return n;
}

Result<model::Device> ReadDevice(const Statement& q) {
  model::Device d;
  d.id = q.Text(0);
  d.node_id = q.Text(1);
  d.name = q.Text(2);
  BY_ASSIGN_OR_RETURN(d.tags, DecodeTags(q.Text(3), "device tags"));
  BY_ASSIGN_OR_RETURN(d.state, DecodeState(q.Text(4)));
  d.total_kib = q.Int(5);
  d.free_kib = q.Int(6);
  d.used_kib = q.Int(7);
  d.extent_kib = q.Int(8);
  d.pv_uuid = q.Text(9);
  BY_ASSIGN_OR_RETURN(d.paths, DecodeStrings(q.Text(10), "device paths"));
  return d;
}

}  // namespace

// ---- clusters ----

Result<model::Cluster> SqliteTx::GetCluster(const std::string& id) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("get cluster",
                                               "SELECT id, name, file, block FROM clusters "
                                               "WHERE id = ?"));
  q.BindText(1, id);
  return QueryOne(q, ReadCluster);
}

Result<model::Cluster> SqliteTx::FindClusterByName(const std::string& name) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("find cluster by name",
                                               "SELECT id, name, file, block FROM clusters "
                                               "WHERE name = ?"));
  q.BindText(1, name);
  return QueryOne(q, ReadCluster);
}

Result<std::vector<std::string>> SqliteTx::ListClusterIds() {
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("list clusters", "SELECT id FROM clusters ORDER BY id"));
  return QueryIds(q);
}

Status SqliteTx::PutCluster(const model::Cluster& c) {
  if (!c.name.empty()) {
    BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("put cluster",
                                                 "SELECT id FROM clusters "
                                                 "WHERE name = ? AND id <> ?"));
    q.BindText(1, c.name).BindText(2, c.id);
    BY_ASSIGN_OR_RETURN(std::optional<std::string> owner, QueryOptionalId(q));
    if (owner) {
      return Conflict("cluster name '" + c.name + "' is already used by cluster " + *owner);
    }
  }
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("put cluster",
                                               "INSERT INTO clusters (id, name, file, block) "
                                               "VALUES (?, ?, ?, ?) "
                                               "ON CONFLICT (id) DO UPDATE SET "
                                               "name = excluded.name, file = excluded.file, "
                                               "block = excluded.block"));
  q.BindText(1, c.id).BindTextOrNull(2, c.name).BindInt(3, c.file).BindInt(4, c.block);
  return q.Run();
}

Status SqliteTx::DeleteCluster(const std::string& id) {
  return RunWith("delete cluster", "DELETE FROM clusters WHERE id = ?", id);
}

// ---- nodes ----

Result<model::Node> SqliteTx::GetNode(const std::string& id) {
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("get node",
                                  "SELECT id, cluster_id, zone, manage_hostnames, "
                                  "storage_hostnames, tags, state FROM nodes WHERE id = ?"));
  q.BindText(1, id);
  return QueryOne(q, ReadNode);
}

Result<std::vector<std::string>> SqliteTx::ListNodeIds(const std::string& cluster_id) {
  return IdsWith("list nodes", "SELECT id FROM nodes WHERE cluster_id = ? ORDER BY id", cluster_id);
}

Result<std::vector<model::Node>> SqliteTx::ListClusterNodes(const std::string& cluster_id) {
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("list cluster nodes",
                                  "SELECT id, cluster_id, zone, manage_hostnames, "
                                  "storage_hostnames, tags, state FROM nodes "
                                  "WHERE cluster_id = ? ORDER BY id"));
  q.BindText(1, cluster_id);
  return QueryAll<model::Node>(q, ReadNode);
}

Result<std::vector<std::string>> SqliteTx::ListClusterMountHosts(const std::string& cluster_id) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("list cluster mount hosts",
                                               "SELECT storage_hostnames FROM nodes "
                                               "WHERE cluster_id = ? ORDER BY id"));
  q.BindText(1, cluster_id);
  std::vector<std::string> hosts;
  while (true) {
    BY_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return hosts;
    BY_ASSIGN_OR_RETURN(std::vector<std::string> storage,
                        DecodeStrings(q.Text(0), "node storage hostnames"));
    if (!storage.empty()) hosts.push_back(std::move(storage.front()));
  }
}

Result<std::optional<std::string>> SqliteTx::FindNodeByHostname(const std::string& hostname) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("find node by hostname",
                                               "SELECT node_id FROM node_hostnames "
                                               "WHERE hostname = ?"));
  q.BindText(1, hostname);
  return QueryOptionalId(q);
}

Status SqliteTx::PutNode(const model::Node& n) {
  // Every manage and storage hostname is registered once for the node.
  std::set<std::string_view> hostnames;
  for (const auto& h : n.manage_hostnames) hostnames.insert(h);
  for (const auto& h : n.storage_hostnames) hostnames.insert(h);
  hostnames.erase("");
  for (std::string_view h : hostnames) {
    BY_ASSIGN_OR_RETURN(std::optional<std::string> owner, FindNodeByHostname(std::string(h)));
    if (owner && *owner != n.id) {
      return Conflict("Hostname " + std::string(h) + " already used by node with id " + *owner);
    }
  }
  {
    BY_ASSIGN_OR_RETURN(Statement q,
                        db_.Prepare("put node",
                                    "INSERT INTO nodes (id, cluster_id, zone, manage_hostnames, "
                                    "storage_hostnames, tags, state) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                    "ON CONFLICT (id) DO UPDATE SET "
                                    "cluster_id = excluded.cluster_id, zone = excluded.zone, "
                                    "manage_hostnames = excluded.manage_hostnames, "
                                    "storage_hostnames = excluded.storage_hostnames, "
                                    "tags = excluded.tags, state = excluded.state"));
    q.BindText(1, n.id)
        .BindText(2, n.cluster_id)
        .BindInt(3, n.zone)
        .BindText(4, EncodeStrings(n.manage_hostnames))
        .BindText(5, EncodeStrings(n.storage_hostnames))
        .BindText(6, EncodeTags(n.tags))
        .BindText(7, model::StateName(n.state));
    BY_RETURN_IF_ERROR(q.Run());
  }
  BY_RETURN_IF_ERROR(
      RunWith("put node hostnames", "DELETE FROM node_hostnames WHERE node_id = ?", n.id));
  for (std::string_view h : hostnames) {
    BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("put node hostnames",
                                                 "INSERT INTO node_hostnames (hostname, node_id) "
                                                 "VALUES (?, ?)"));
    q.BindText(1, h).BindText(2, n.id);
    BY_RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Status SqliteTx::DeleteNode(const std::string& id) {
  BY_RETURN_IF_ERROR(RunWith("delete node", "DELETE FROM node_hostnames WHERE node_id = ?", id));
  return RunWith("delete node", "DELETE FROM nodes WHERE id = ?", id);
}

// ---- devices ----

Result<model::Device> SqliteTx::GetDevice(const std::string& id) {
  BY_ASSIGN_OR_RETURN(Statement q,
                      db_.Prepare("get device",
                                  "SELECT id, node_id, name, tags, state, total_kib, free_kib, "
                                  "used_kib, extent_kib, pv_uuid, paths FROM devices "
                                  "WHERE id = ?"));
  q.BindText(1, id);
  return QueryOne(q, ReadDevice);
}

Result<std::vector<std::string>> SqliteTx::ListDeviceIds(const std::string& node_id) {
  return IdsWith("list devices", "SELECT id FROM devices WHERE node_id = ? ORDER BY id", node_id);
}

Result<std::vector<model::Device>> SqliteTx::ListClusterDevices(const std::string& cluster_id) {
  BY_ASSIGN_OR_RETURN(
      Statement q,
      db_.Prepare("list cluster devices",
                  "SELECT d.id, d.node_id, d.name, d.tags, d.state, d.total_kib, d.free_kib, "
                  "d.used_kib, d.extent_kib, d.pv_uuid, d.paths "
                  "FROM nodes n JOIN devices d ON d.node_id = n.id "
                  "WHERE n.cluster_id = ? ORDER BY d.id"));
  q.BindText(1, cluster_id);
  return QueryAll<model::Device>(q, ReadDevice);
}

Result<std::vector<DeviceSpace>> SqliteTx::ListClusterDeviceSpace(const std::string& cluster_id) {
  // Every column is in devices_by_node, so SQLite never touches the table;
  // sorting a few hundred ids here is cheaper than its ORDER BY.
  BY_ASSIGN_OR_RETURN(
      Statement q,
      db_.Prepare("list cluster device space",
                  "SELECT d.id, d.node_id, d.tags, d.state, d.free_kib, d.extent_kib "
                  "FROM nodes n JOIN devices d ON d.node_id = n.id WHERE n.cluster_id = ?"));
  q.BindText(1, cluster_id);
  BY_ASSIGN_OR_RETURN(std::vector<DeviceSpace> out,
                      QueryAll<DeviceSpace>(q, [](const Statement& r) -> Result<DeviceSpace> {
                        DeviceSpace d;
                        d.id = r.Text(0);
                        d.node_id = r.Text(1);
                        BY_ASSIGN_OR_RETURN(d.tags, DecodeTags(r.Text(2), "device tags"));
                        BY_ASSIGN_OR_RETURN(d.state, DecodeState(r.Text(3)));
                        d.free_kib = r.Int(4);
                        d.extent_kib = r.Int(5);
                        return d;
                      }));
  std::sort(out.begin(), out.end(), [](const DeviceSpace& a, const DeviceSpace& b) { return a.id < b.id; });
  return out;
}

Status SqliteTx::PutDevice(const model::Device& d) {
  BY_ASSIGN_OR_RETURN(
      Statement q,
      db_.Prepare("put device",
                  "INSERT INTO devices (id, node_id, name, tags, state, total_kib, free_kib, "
                  "used_kib, extent_kib, pv_uuid, paths) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (id) DO UPDATE SET "
                  "node_id = excluded.node_id, name = excluded.name, tags = excluded.tags, "
                  "state = excluded.state, total_kib = excluded.total_kib, "
                  "free_kib = excluded.free_kib, used_kib = excluded.used_kib, "
                  "extent_kib = excluded.extent_kib, pv_uuid = excluded.pv_uuid, "
                  "paths = excluded.paths"));
  q.BindText(1, d.id)
      .BindText(2, d.node_id)
      .BindText(3, d.name)
      .BindText(4, EncodeTags(d.tags))
      .BindText(5, model::StateName(d.state))
      .BindInt(6, d.total_kib)
      .BindInt(7, d.free_kib)
      .BindInt(8, d.used_kib)
      .BindInt(9, d.extent_kib)
      .BindText(10, d.pv_uuid)
      .BindText(11, EncodeStrings(d.paths));
  return q.Run();
}

Status SqliteTx::DeleteDevice(const std::string& id) {
  return RunWith("delete device", "DELETE FROM devices WHERE id = ?", id);
}

// ---- shared helpers ----

Status SqliteTx::RunWith(const char* what, const char* sql, const std::string& arg) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare(what, sql));
  q.BindText(1, arg);
  return q.Run();
}

Result<std::vector<std::string>> SqliteTx::IdsWith(const char* what, const char* sql,
                                                   const std::string& arg) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare(what, sql));
  q.BindText(1, arg);
  return QueryIds(q);
}

}  // namespace brickyard::store
