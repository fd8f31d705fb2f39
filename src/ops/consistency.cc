#include "ops/consistency.h"

#include <set>

#include "model/block_volume.h"

namespace brickyard::ops {
namespace {

void Tally(BucketReport& b, bool pending, std::vector<std::string> problems) {
  ++b.total;
  if (pending) ++b.pending;
  if (problems.empty()) {
    ++b.ok;
  } else {
    ++b.notok;
    for (auto& p : problems) b.inconsistencies.push_back(std::move(p));
  }
}

}  // namespace

int64_t ConsistencyReport::Total() const {
  int64_t n = 0;
  for (const BucketReport* b : {&clusters, &volumes, &bricks, &nodes, &devices, &blockvolumes,
                                &dbattributes, &pendingoperations}) {
    n += static_cast<int64_t>(b->inconsistencies.size());
  }
  return n;
}

Result<ConsistencyReport> CheckConsistency(store::ReadTx& tx) {
  ConsistencyReport r;
  std::set<std::string> op_ids;
  BY_ASSIGN_OR_RETURN(auto ops, tx.ListPendingOps());
  for (const auto& op : ops) {
    op_ids.insert(op.id);
    Tally(r.pendingoperations, false, {});
  }
  auto check_pending = [&](const std::string& what, const std::string& id, const std::string& op,
                           std::vector<std::string>& problems) {
    if (!op.empty() && !op_ids.count(op)) {
      problems.push_back(what + " " + id + " is pending on missing operation " + op);
    }
  };

  BY_ASSIGN_OR_RETURN(auto cluster_ids, tx.ListClusterIds());
  for (const auto& cid : cluster_ids) {
    Tally(r.clusters, false, {});
    BY_ASSIGN_OR_RETURN(auto node_ids, tx.ListNodeIds(cid));
    for (const auto& nid : node_ids) {
      BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(nid));
      std::vector<std::string> node_problems;
      if (n.manage_hostnames.empty() || n.storage_hostnames.empty()) {
        node_problems.push_back("node " + nid + " has no hostnames");
      }
      Tally(r.nodes, false, std::move(node_problems));
      BY_ASSIGN_OR_RETURN(auto device_ids, tx.ListDeviceIds(nid));
      for (const auto& did : device_ids) {
        BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(did));
        std::vector<std::string> problems;
        if (d.total_kib != d.free_kib + d.used_kib) {
          problems.push_back("device " + did + ": total " + std::to_string(d.total_kib) +
                             " != free " + std::to_string(d.free_kib) + " + used " +
                             std::to_string(d.used_kib));
        }
        BY_ASSIGN_OR_RETURN(auto bricks, tx.ListDeviceBricks(did));
        int64_t sum = 0;
        for (const auto& b : bricks) {
          sum += b.AccountedKib();
          std::vector<std::string> bp;
          if (b.node_id != nid) bp.push_back("brick " + b.id + " names node " + b.node_id + " but is on " + nid);
          auto v = tx.GetVolume(b.volume_id);
          if (!v.ok()) bp.push_back("brick " + b.id + " belongs to missing volume " + b.volume_id);
          check_pending("brick", b.id, b.pending_op, bp);
          Tally(r.bricks, !b.pending_op.empty(), std::move(bp));
        }
        if (sum != d.used_kib) {
          problems.push_back("device " + did + ": used " + std::to_string(d.used_kib) +
                             " != sum of its bricks " + std::to_string(sum));
        }
        if (d.free_kib < 0) problems.push_back("device " + did + " is overcommitted");
        Tally(r.devices, false, std::move(problems));
      }
    }
  }

  BY_ASSIGN_OR_RETURN(auto volume_ids, tx.ListVolumeIds(/*include_pending=*/true));
  for (const auto& vid : volume_ids) {
    BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(vid));
    std::vector<std::string> problems;
    if (!tx.GetCluster(v.cluster_id).ok()) {
      problems.push_back("volume " + vid + " belongs to missing cluster " + v.cluster_id);
    }
    BY_ASSIGN_OR_RETURN(auto bricks, tx.ListVolumeBricks(vid));
    if (bricks.empty()) problems.push_back("volume " + vid + " has no bricks");
    for (const auto& b : bricks) {
      if (!tx.GetDevice(b.device_id).ok()) {
        problems.push_back("brick " + b.id + " of volume " + vid + " is on missing device " + b.device_id);
      }
    }
    BY_ASSIGN_OR_RETURN(auto hosted, tx.ListHostedBlockVolumeIds(vid, /*include_pending=*/true));
    int64_t hosted_gib = 0;
    for (const auto& bid : hosted) {
      BY_ASSIGN_OR_RETURN(model::BlockVolume bv, tx.GetBlockVolume(bid));
      hosted_gib += bv.size_gib;
    }
    if (!v.block && !hosted.empty()) {
      problems.push_back("volume " + vid + " hosts block volumes but is not a block hosting volume");
    }
    if (v.block && !model::BlockSpaceBalances(v, hosted_gib)) {
      problems.push_back("block hosting volume " + vid + ": size " + std::to_string(v.size_gib) +
                         " != block volumes " + std::to_string(hosted_gib) + " + free " +
                         std::to_string(v.block_info.free_size) + " + reserved " +
                         std::to_string(v.block_info.reserved_size));
    }
    check_pending("volume", vid, v.pending_op, problems);
    Tally(r.volumes, !v.pending_op.empty(), std::move(problems));
  }

  BY_ASSIGN_OR_RETURN(auto blockvolume_ids, tx.ListBlockVolumeIds(/*include_pending=*/true));
  for (const auto& bid : blockvolume_ids) {
    BY_ASSIGN_OR_RETURN(model::BlockVolume bv, tx.GetBlockVolume(bid));
    std::vector<std::string> problems;
    auto host = tx.GetVolume(bv.hosting_volume_id);
    if (!host.ok()) {
      problems.push_back("block volume " + bid + " is on missing volume " + bv.hosting_volume_id);
    } else if (host->cluster_id != bv.cluster_id) {
      problems.push_back("block volume " + bid + " names cluster " + bv.cluster_id +
                         " but its hosting volume is in cluster " + host->cluster_id);
    }
    check_pending("block volume", bid, bv.pending_op, problems);
    Tally(r.blockvolumes, !bv.pending_op.empty(), std::move(problems));
  }
  BY_ASSIGN_OR_RETURN(auto attributes, tx.ListDbAttributes());
  for (size_t i = 0; i < attributes.size(); ++i) Tally(r.dbattributes, false, {});
  return r;
}

}  // namespace brickyard::ops
