// /blockvolumes (spec heketi-api §6.6): create, list, info, delete, expand.
#include "api/requests.h"
#include "api/responses.h"
#include "http/services.h"
#include "ops/block_volume_ops.h"
#include "ops/views.h"

namespace brickyard::http {

void RegisterBlockVolumeRoutes(Router& r, Services& s) {
  r.Add("POST", "/blockvolumes", [&s](const Request& req) {
    auto body = api::BlockVolumeCreateRequest::Decode(req.body);
    if (!body.ok()) return ErrorReply(body.status());
    if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    ops::BlockVolumeCreateSpec spec;
    spec.size_gib = body->size;
    spec.name = body->name;
    spec.clusters = body->clusters;
    spec.ha_count = body->hacount;
    spec.auth = body->auth;
    return Submit(s.volume_jobs, req, ops::BlockVolumeOps(s.ctx, s.volumes).PrepareCreate(spec),
                  true);
  });

  r.Add("GET", "/blockvolumes", [&s](const Request&) {
    std::vector<std::string> ids;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(ids, tx.ListBlockVolumeIds(/*include_pending=*/false));
      return Status::Ok();
    });
    if (!st.ok()) return ErrorReply(st);
    return JsonReply(200, api::EncodeIdList("blockvolumes", ids));
  });

  r.Add("GET", "/blockvolumes/{id}", [&s](const Request& req) {
    model::BlockVolume bv;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(bv, ops::LoadBlockVolumeView(tx, req.Param("id")));
      return Status::Ok();
    });
    if (!st.ok()) return ErrorReply(st);
    return JsonReply(200, api::EncodeBlockVolume(bv));
  });

  r.Add("DELETE", "/blockvolumes/{id}", [&s](const Request& req) {
    return Submit(s.volume_jobs, req,
                  ops::BlockVolumeOps(s.ctx, s.volumes).PrepareDelete(req.Param("id")), true);
  });

  r.Add("POST", "/blockvolumes/{id}/expand", [&s](const Request& req) {
    auto body = api::BlockVolumeExpandRequest::Decode(req.body);
    if (!body.ok()) return ErrorReply(body.status());
    if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    return Submit(s.volume_jobs, req,
                  ops::BlockVolumeOps(s.ctx, s.volumes).PrepareExpand(req.Param("id"),
                                                                      body->new_size),
                  true);
  });
}

}  // namespace brickyard::http
