// Node add, delete, state and tags (spec heketi-api §6.3, provisioning §5.4).
#include <spdlog/spdlog.h>

#include "common/ids.h"
#include "ops/evict.h"
#include "ops/resolve.h"
#include "ops/topology_ops.h"

namespace brickyard::ops {
namespace {

// The first online node of the cluster (id order) whose glusterd answers.
Result<model::Node> VerifiedNode(Context& ctx, const std::vector<model::Node>& nodes,
                                 const std::string& skip_id) {
  for (const auto& n : nodes) {
    if (n.id == skip_id || n.state != model::State::kOnline) continue;
    if (ctx.executor.GlusterdCheck(n.manage()).ok()) return n;
  }
  return InvalidArgument("None of the nodes in cluster has glusterd running");
}

Result<std::vector<model::Node>> ClusterNodes(store::ReadTx& tx, const std::string& cluster_id) {
  BY_ASSIGN_OR_RETURN(std::vector<std::string> ids, tx.ListNodeIds(cluster_id));
  std::vector<model::Node> out;
  for (const auto& id : ids) {
    BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(id));
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace

Result<PreparedOp> TopologyOps::PrepareNodeAdd(const NodeAddSpec& spec) {
  model::Node node;
  node.id = NewId();
  node.zone = spec.zone;
  node.manage_hostnames = spec.manage;
  node.storage_hostnames = spec.storage;
  node.tags = spec.tags;

  std::vector<model::Node> peers;
  BY_RETURN_IF_ERROR(ctx_.store.View([&](store::ReadTx& tx) -> Status {
    auto c = ResolveCluster(tx, spec.cluster);
    if (!c.ok()) return NotFound("Cluster id does not exist");
    node.cluster_id = c->id;
    for (const auto* list : {&spec.manage, &spec.storage}) {
      for (const auto& h : *list) {
        BY_ASSIGN_OR_RETURN(auto owner, tx.FindNodeByHostname(h));
        if (owner) return Conflict("Hostname " + h + " already used by node with id " + *owner);
      }
    }
    BY_ASSIGN_OR_RETURN(peers, ClusterNodes(tx, node.cluster_id));
    return Status::Ok();
  }));

  std::string probe_from;
  if (!peers.empty()) {
    BY_ASSIGN_OR_RETURN(model::Node verified, VerifiedNode(ctx_, peers, ""));
    probe_from = verified.manage();
  } else if (!ctx_.executor.GlusterdCheck(node.manage()).ok()) {
    return InvalidArgument("New Node doesn't have glusterd running");
  }

  // Register the node now so its hostnames are reserved; the job removes it
  // again if the peer probe fails.
  BY_RETURN_IF_ERROR(ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    for (const auto* list : {&spec.manage, &spec.storage}) {
      for (const auto& h : *list) {
        BY_ASSIGN_OR_RETURN(auto owner, tx.FindNodeByHostname(h));
        if (owner) return Conflict("Hostname " + h + " already used by node with id " + *owner);
      }
    }
    return tx.PutNode(node);
  }));

  Context& ctx = ctx_;
  auto forget = [&ctx, id = node.id] {
    Status st = ctx.store.Update([&](store::WriteTx& tx) { return tx.DeleteNode(id); });
    if (!st.ok()) spdlog::error("cannot remove node {} after failed add: {}", id, st.ToString());
  };
  PreparedOp prepared;
  prepared.run = [&ctx, node, probe_from, forget]() -> Result<std::string> {
    if (!probe_from.empty()) {
      Status st = ctx.executor.PeerProbe(probe_from, node.storage());
      if (!st.ok()) {
        forget();
        return st.Prefixed("peer probe of " + node.storage() + " from " + probe_from + " failed: ");
      }
    }
    return "/nodes/" + node.id;
  };
  prepared.abandon = forget;
  return prepared;
}

Result<PreparedOp> TopologyOps::PrepareNodeDelete(const std::string& node_id) {
  model::Node node;
  std::vector<model::Node> peers;
  BY_RETURN_IF_ERROR(ctx_.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(node, tx.GetNode(node_id));
    BY_ASSIGN_OR_RETURN(auto devices, tx.ListDeviceIds(node_id));
    if (!devices.empty()) {
      return Conflict("Unable to delete node [" + node_id + "] because it contains devices");
    }
    BY_ASSIGN_OR_RETURN(peers, ClusterNodes(tx, node.cluster_id));
    return Status::Ok();
  }));
  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, node, peers]() -> Result<std::string> {
    for (const auto& p : peers) {
      if (p.id == node.id) continue;
      Status st = ctx.executor.PeerDetach(p.manage(), node.storage());
      if (!st.ok()) spdlog::warn("peer detach of {} from {}: {}", node.storage(), p.manage(), st.message());
      break;
    }
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(auto devices, tx.ListDeviceIds(node.id));
      if (!devices.empty()) {
        return Conflict("Unable to delete node [" + node.id + "] because it contains devices");
      }
      return tx.DeleteNode(node.id);
    }));
    return std::string();
  };
  return prepared;
}

Result<PreparedOp> TopologyOps::PrepareNodeState(const std::string& node_id, model::State target) {
  model::Node node;
  std::vector<std::string> device_ids;
  BY_RETURN_IF_ERROR(ctx_.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(node, tx.GetNode(node_id));
    BY_ASSIGN_OR_RETURN(device_ids, tx.ListDeviceIds(node_id));
    return Status::Ok();
  }));
  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, node, device_ids, target]() -> Result<std::string> {
    using model::State;
    if (node.state == target) return std::string();
    if (node.state == State::kFailed) {
      return Conflict(std::string("Cannot move a failed/removed node to ") +
                      std::string(model::StateName(target)) + " state");
    }
    if (target == State::kFailed) {
      if (node.state != State::kOffline) {
        return Conflict("Node must be offline before remove operation is performed, node:" + node.id);
      }
      for (const auto& d : device_ids) {
        BY_RETURN_IF_ERROR(RemoveDevice(ctx, d, /*take_offline=*/true));
      }
    }
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(node.id));
      n.state = target;
      return tx.PutNode(n);
    }));
    return std::string();
  };
  return prepared;
}

Result<model::Tags> TopologyOps::SetNodeTags(const std::string& node_id, TagChange change,
                                             const model::Tags& tags) {
  model::Tags result;
  BY_RETURN_IF_ERROR(ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(node_id));
    n.tags = ApplyTagChange(n.tags, change, tags);
    result = n.tags;
    return tx.PutNode(n);
  }));
  return result;
}

}  // namespace brickyard::ops
