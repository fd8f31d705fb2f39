// /clusters: create, list, info, delete, flags (spec heketi-api §6.2).
// Cluster paths accept an id or a cluster name (Brickyard extension).
#include "api/requests.h"
#include "api/responses.h"
#include "http/services.h"
#include "ops/views.h"

namespace brickyard::http {
namespace {

Reply ClusterInfo(Services& s, const std::string& ref, int status) {
  ops::ClusterView view;
  Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(view, ops::LoadClusterView(tx, ref));
    return Status::Ok();
  });
  if (!st.ok()) return ErrorReply(st);
  return JsonReply(status, api::EncodeCluster(view.cluster, view.node_ids, view.volume_ids,
                                              view.blockvolume_ids));
}

}  // namespace

void RegisterClusterRoutes(Router& r, Services& s) {
  r.Add("POST", "/clusters", [&s](const Request& req) {
    auto body = api::ClusterCreateRequest::Decode(req.body);
    if (!body.ok()) return ErrorReply(body.status());
    if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    auto c = s.topology.CreateCluster(body->file, body->block, body->name);
    if (!c.ok()) return ErrorReply(c.status());
    return ClusterInfo(s, c->id, 201);
  });

  r.Add("GET", "/clusters", [&s](const Request&) {
    std::vector<std::string> ids;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(ids, tx.ListClusterIds());
      return Status::Ok();
    });
    if (!st.ok()) return ErrorReply(st);
    return JsonReply(200, api::EncodeIdList("clusters", ids));
  });

  r.Add("GET", "/clusters/{ref}", [&s](const Request& req) { return ClusterInfo(s, req.Param("id"), 200); });

  r.Add("DELETE", "/clusters/{ref}", [&s](const Request& req) {
    Status st = s.topology.DeleteCluster(req.Param("id"));
    if (!st.ok()) return ErrorReply(st);
    return Empty(200);
  });

  r.Add("POST", "/clusters/{ref}/flags", [&s](const Request& req) {
    auto body = api::ClusterFlagsRequest::Decode(req.body);
    if (!body.ok()) return ErrorReply(body.status());
    Status st = s.topology.SetClusterFlags(req.Param("id"), body->file, body->block);
    if (!st.ok()) return ErrorReply(st);
    Reply reply = Empty(200);
    reply.content_type = "application/json; charset=UTF-8";
    return reply;
  });
}

}  // namespace brickyard::http
