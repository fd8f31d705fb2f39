// GET /metrics: Prometheus text exposition of the topology (spec heketi-api
// §6.1), served without authentication.
#include <sstream>

#include "http/services.h"

namespace brickyard::http {
namespace {

std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}


Status Collect(Services& s, std::ostringstream& out) {
  return s.ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(auto cluster_ids, tx.ListClusterIds());
    std::ostringstream volumes, nodes, device_count, devices;
    for (const auto& cid : cluster_ids) {
      BY_ASSIGN_OR_RETURN(auto vids, tx.ListClusterVolumeIds(cid, false));
      volumes << "heketi_volumes_count{cluster=\"" << cid << "\"} " << vids.size() << "\n";
      BY_ASSIGN_OR_RETURN(auto nids, tx.ListNodeIds(cid));
      nodes << "heketi_nodes_count{cluster=\"" << cid << "\"} " << nids.size() << "\n";
      for (const auto& nid : nids) {
        BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(nid));
        BY_ASSIGN_OR_RETURN(auto dids, tx.ListDeviceIds(nid));
        std::string host = Escape(n.manage()), storage = Escape(n.storage());
        device_count << "heketi_device_count{cluster=\"" << cid << "\",hostname=\"" << host
                     << "\",storage_hostname=\"" << storage << "\"} " << dids.size() << "\n";
        for (const auto& did : dids) {
          BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(did));
          BY_ASSIGN_OR_RETURN(auto bricks, tx.ListDeviceBricks(did));
          std::string labels = "{cluster=\"" + cid + "\",hostname=\"" + host +
                               "\",storage_hostname=\"" + storage + "\",id=\"" + d.id +
                               "\",device=\"" + Escape(d.name) + "\",pv_uuid=\"" +
                               Escape(d.pv_uuid) + "\"}";
          devices << "heketi_device_size" << labels << ' ' << d.total_kib << "\n"
                  << "heketi_device_free" << labels << ' ' << d.free_kib << "\n"
                  << "heketi_device_used" << labels << ' ' << d.used_kib << "\n"
                  << "heketi_device_size_bytes" << labels << ' ' << d.total_kib * 1024 << "\n"
                  << "heketi_device_free_bytes" << labels << ' ' << d.free_kib * 1024 << "\n"
                  << "heketi_device_used_bytes" << labels << ' ' << d.used_kib * 1024 << "\n"
                  << "heketi_device_brick_count" << labels << ' ' << bricks.size() << "\n";
        }
      }
    }
    BY_ASSIGN_OR_RETURN(auto ops, tx.ListPendingOps());
    int64_t stale = 0, failed = 0, fresh = 0;
    for (const auto& op : ops) {
      if (op.status == model::OpStatus::kStale) ++stale;
      else if (op.status == model::OpStatus::kFailed) ++failed;
      else ++fresh;
    }
    out << "# TYPE heketi_up gauge\nheketi_up 1\n"
        << "# TYPE heketi_cluster_count gauge\nheketi_cluster_count " << cluster_ids.size() << "\n"
        << "# TYPE heketi_volumes_count gauge\n" << volumes.str()
        << "# TYPE heketi_block_volumes_count gauge\n"
        << "# TYPE heketi_nodes_count gauge\n" << nodes.str()
        << "# TYPE heketi_device_count gauge\n" << device_count.str()
        << devices.str()
        << "# TYPE heketi_operations_total_count gauge\nheketi_operations_total_count " << ops.size() << "\n"
        << "# TYPE heketi_operations_new_count gauge\nheketi_operations_new_count " << fresh << "\n"
        << "# TYPE heketi_operations_stale_count gauge\nheketi_operations_stale_count " << stale << "\n"
        << "# TYPE heketi_operations_failed_count gauge\nheketi_operations_failed_count " << failed << "\n"
        << "# TYPE heketi_operations_inFlight_count gauge\nheketi_operations_inFlight_count "
        << s.volume_jobs.InFlight() + s.topology_jobs.InFlight() << "\n"
        << "# TYPE brickyard_jobs_queued gauge\nbrickyard_jobs_queued "
        << s.volume_jobs.Queued() + s.topology_jobs.Queued() << "\n";
    return Status::Ok();
  });
}

}  // namespace

Handler MetricsHandler(Services& s) {
  return [&s](const Request&) {
    std::ostringstream out;
    Reply r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    if (!Collect(s, out).ok()) {
      r.body = "# TYPE heketi_up gauge\nheketi_up 0\n";
      return r;
    }
    r.body = out.str();
    return r;
  };
}

}  // namespace brickyard::http
