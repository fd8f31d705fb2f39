// /db/dump, /db/check, /backup/db and state examination (spec heketi-api §6.9).
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "api/dump.h"
#include "api/responses.h"
#include "http/services.h"
#include "ops/consistency.h"

namespace brickyard::http {
namespace {

nlohmann::ordered_json BucketJson(const ops::BucketReport& b) {
  nlohmann::ordered_json j;
  j["total"] = b.total;
  j["pending"] = b.pending;
  j["ok"] = b.ok;
  j["notok"] = b.notok;
  j["inconsistencies"] = b.inconsistencies;
  return j;
}

// Reads the whole store into the export structure.
Result<api::DumpData> CollectDump(store::ReadTx& tx) {
  api::DumpData d;
  BY_ASSIGN_OR_RETURN(auto cluster_ids, tx.ListClusterIds());
  for (const auto& cid : cluster_ids) {
    BY_ASSIGN_OR_RETURN(model::Cluster c, tx.GetCluster(cid));
    d.clusters.push_back(c);
    BY_ASSIGN_OR_RETURN(auto node_ids, tx.ListNodeIds(cid));
    for (const auto& nid : node_ids) {
      BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(nid));
      d.nodes.push_back(n);
      BY_ASSIGN_OR_RETURN(auto device_ids, tx.ListDeviceIds(nid));
      for (const auto& did : device_ids) {
        BY_ASSIGN_OR_RETURN(model::Device dev, tx.GetDevice(did));
        d.devices.push_back(dev);
      }
    }
  }
  BY_ASSIGN_OR_RETURN(auto volume_ids, tx.ListVolumeIds(/*include_pending=*/true));
  for (const auto& vid : volume_ids) {
    BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(vid));
    d.volumes.push_back(v);
    BY_ASSIGN_OR_RETURN(auto bricks, tx.ListVolumeBricks(vid));
    for (auto& b : bricks) d.bricks.push_back(std::move(b));
  }
  BY_ASSIGN_OR_RETURN(d.ops, tx.ListPendingOps());
  api::LinkByReferences(&d);
  return d;
}

Reply Indented(const nlohmann::ordered_json& j) {
  Reply r;
  r.content_type = "application/json; charset=UTF-8";
  r.body = api::ToWireIndented(j);
  return r;
}

}  // namespace

void RegisterDbRoutes(Router& r, Services& s) {
  r.Add("GET", "/db/dump", [&s](const Request&) {
    api::DumpData data;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(data, CollectDump(tx));
      return Status::Ok();
    });
    if (!st.ok()) return ErrorReply(st);
    return Indented(api::EncodeDump(data));
  });

  r.Add("GET", "/db/check", [&s](const Request&) {
    ops::ConsistencyReport rep;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(rep, ops::CheckConsistency(tx));
      return Status::Ok();
    });
    if (!st.ok()) return ErrorReply(st);
    nlohmann::ordered_json j;
    j["clusters"] = BucketJson(rep.clusters);
    j["volumes"] = BucketJson(rep.volumes);
    j["bricks"] = BucketJson(rep.bricks);
    j["nodes"] = BucketJson(rep.nodes);
    j["devices"] = BucketJson(rep.devices);
    j["blockvolumes"] = BucketJson(rep.blockvolumes);
    j["dbattributes"] = BucketJson(rep.dbattributes);
    j["pendingoperations"] = BucketJson(rep.pendingoperations);
    j["totalinconsistencies"] = rep.Total();
    return Indented(j);
  });

  r.Add("GET", "/backup/db", [&s](const Request&) {
    char tmpl[] = "/tmp/brickyard-backup-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) return ErrorReply(Internal("cannot create a temporary file for the backup"));
    close(fd);
    std::remove(tmpl);
    Status st = s.ctx.store.Backup(tmpl);
    if (!st.ok()) return ErrorReply(st);
    std::ifstream in(tmpl, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    std::remove(tmpl);
    Reply reply;
    reply.content_type = "application/octet-stream";
    reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"heketi.db\"");
    reply.body = buf.str();
    return reply;
  });

  r.Add("GET", "/internal/state/examine/gluster", [](const Request&) {
    return ErrorReply(NotImplemented(
        "Examining Gluster state is not implemented yet; use GET /db/check for the store"));
  });
}

}  // namespace brickyard::http
