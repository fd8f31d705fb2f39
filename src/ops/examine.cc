// Examine: reads the store and the nodes, then compares (examine_compare.cc).
#include "ops/examine.h"

#include <algorithm>
#include <future>

#include "ops/examine_input.h"

namespace brickyard::ops {
namespace {

Result<Ownership> ReadOwnership(store::ReadTx& tx) {
  Ownership own;
  BY_ASSIGN_OR_RETURN(std::vector<model::PendingOp> ops, tx.ListPendingOps());
  for (const auto& op : ops) {
    own.owned.insert(op.id);
    for (const auto& c : op.changes) own.owned.insert(c.id);
  }
  return own;
}

Result<DbCluster> ReadCluster(store::ReadTx& tx, const std::string& id, Ownership& own) {
  DbCluster c;
  c.id = id;
  BY_ASSIGN_OR_RETURN(std::vector<std::string> node_ids, tx.ListNodeIds(id));
  for (const auto& nid : node_ids) {
    BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(nid));
    c.nodes.push_back(std::move(n));
  }
  BY_ASSIGN_OR_RETURN(c.devices, tx.ListClusterDevices(id));
  BY_ASSIGN_OR_RETURN(std::vector<std::string> volume_ids,
                      tx.ListClusterVolumeIds(id, /*include_pending=*/true));
  for (const auto& vid : volume_ids) {
    BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(vid));
    own.known_volumes.insert(v.id);
    if (!v.pending_op.empty()) own.owned.insert(v.id);
    BY_ASSIGN_OR_RETURN(std::vector<model::Brick> bricks, tx.ListVolumeBricks(vid));
    for (const auto& b : bricks) {
      own.known_bricks.insert(b.id);
      if (!b.pending_op.empty()) own.owned.insert(b.id);
    }
    c.bricks[vid] = std::move(bricks);
    c.volumes.push_back(std::move(v));
  }
  return c;
}

// A node's glusterd and storage. Storage is read even when glusterd is down
// (the node may still answer over SSH).
NodeSeen SeeNode(executors::Executor& ex, const model::Node& n) {
  NodeSeen s;
  const std::string& host = n.manage();
  Status up = ex.GlusterdCheck(host);
  s.reachable = up.ok();
  if (!up.ok()) s.error = up.message();
  auto lvs = ex.BrickLvs(host);
  auto mounts = lvs.ok() ? ex.BrickMounts(host) : Result<std::vector<executors::commands::MountEntry>>(lvs.status());
  auto fstab = mounts.ok() ? ex.FstabBricks(host) : mounts;
  auto dirs = fstab.ok() ? ex.BrickDirs(host) : Result<std::vector<std::string>>(fstab.status());
  if (!dirs.ok()) {
    if (s.error.empty()) s.error = dirs.status().message();
    return s;
  }
  s.storage_read = true;
  s.lvs = std::move(*lvs);
  s.mounts = std::move(*mounts);
  s.fstab = std::move(*fstab);
  s.dirs = std::move(*dirs);
  return s;
}

// The pool as the first node whose glusterd answers sees it.
void SeeGluster(executors::Executor& ex, const DbCluster& db, ClusterSeen& seen) {
  for (const auto& n : db.nodes) {
    auto it = seen.nodes.find(n.id);
    if (it == seen.nodes.end() || !it->second.reachable) continue;
    auto volumes = ex.VolumesInfo(n.manage());
    if (!volumes.ok()) {
      it->second.error = volumes.status().message();
      continue;
    }
    seen.working_node_id = n.id;
    seen.volumes = std::move(*volumes);
    auto peers = ex.PeerStatus(n.manage());
    seen.peers_read = peers.ok();
    if (peers.ok()) seen.peers = std::move(*peers);
    for (const auto& v : db.volumes) {
      auto gv = std::find_if(seen.volumes.begin(), seen.volumes.end(),
                             [&](const auto& g) { return g.name == v.name; });
      if (gv == seen.volumes.end() || gv->status_str != "Started") continue;
      auto status = ex.VolumeStatus(n.manage(), v.name);
      if (status.ok()) seen.status[v.name] = std::move(*status);
    }
    return;
  }
}

// What the nodes of `db` report: storage of every node in parallel, then
// gluster through the first node that answers.
ClusterSeen SeeCluster(Context& ctx, const DbCluster& db) {
  ClusterSeen seen;
  std::vector<std::future<NodeSeen>> futures;
  for (const auto& n : db.nodes) {
    futures.push_back(std::async(std::launch::async, [&ctx, &n] { return SeeNode(ctx.executor, n); }));
  }
  for (size_t i = 0; i < db.nodes.size(); ++i) seen.nodes[db.nodes[i].id] = futures[i].get();
  SeeGluster(ctx.executor, db, seen);
  return seen;
}

// Every cluster of the store and the ownership over all of them, in one snapshot.
Status ReadStore(Context& ctx, std::vector<DbCluster>& clusters, Ownership& own) {
  return ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(own, ReadOwnership(tx));
    BY_ASSIGN_OR_RETURN(std::vector<std::string> ids, tx.ListClusterIds());
    for (const auto& id : ids) {
      BY_ASSIGN_OR_RETURN(DbCluster c, ReadCluster(tx, id, own));
      clusters.push_back(std::move(c));
    }
    return Status::Ok();
  });
}

bool FindingOrder(const Finding& a, const Finding& b) {
  if (a.cluster_id != b.cluster_id) return a.cluster_id < b.cluster_id;
  if (a.kind != b.kind) return a.kind < b.kind;
  return a.id < b.id;
}

}  // namespace

Result<ExamineReport> ExamineGluster(Context& ctx) {
  std::vector<DbCluster> clusters;
  Ownership own;
  BY_RETURN_IF_ERROR(ReadStore(ctx, clusters, own));
  ExamineReport report;
  for (const auto& db : clusters) {
    ClusterSeen seen = SeeCluster(ctx, db);
    for (auto& f : CompareCluster(db, seen, own)) report.findings.push_back(std::move(f));
    ClusterExamined ce;
    ce.id = db.id;
    for (const auto& n : db.nodes) {
      const NodeSeen& s = seen.nodes[n.id];
      ce.nodes.push_back({n.id, n.manage(), s.reachable, s.error});
    }
    for (const auto& v : seen.volumes) ce.gluster_volumes.push_back(v.name);
    std::sort(ce.gluster_volumes.begin(), ce.gluster_volumes.end());
    report.clusters.push_back(std::move(ce));
  }
  std::sort(report.findings.begin(), report.findings.end(), FindingOrder);
  return report;
}

Result<ClusterState> ReadClusterState(Context& ctx, const std::string& cluster_id) {
  std::vector<DbCluster> clusters;
  ClusterState state;
  BY_RETURN_IF_ERROR(ReadStore(ctx, clusters, state.own));
  auto it = std::find_if(clusters.begin(), clusters.end(),
                         [&](const DbCluster& c) { return c.id == cluster_id; });
  if (it == clusters.end()) return NotFound("cluster " + cluster_id + " is not in the database");
  state.db = std::move(*it);
  state.seen = SeeCluster(ctx, state.db);
  return state;
}

}  // namespace brickyard::ops
