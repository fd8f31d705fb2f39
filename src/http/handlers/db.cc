// /db/dump, /db/check and /backup/db (spec heketi-api §6.9).
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "api/dump.h"
#include "api/responses.h"
#include "http/services.h"
#include "ops/consistency.h"
#include "ops/dump_collect.h"

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
      BY_ASSIGN_OR_RETURN(data, ops::CollectDump(tx));
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
}

}  // namespace brickyard::http
