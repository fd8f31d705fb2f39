// /volumes: create, list, info, delete, expand, clone, block-restriction
// (spec heketi-api §6.5).
#include "api/requests.h"
#include "api/responses.h"
#include "http/services.h"
#include "model/sizing.h"
#include "ops/views.h"

namespace brickyard::http {
namespace {

Status CheckMinimumSize(const Services& s, const api::VolumeCreateRequest& body,
                        const model::Durability& d) {
  int64_t min_kib = s.ctx.config.glusterfs.brick_min_size_gb * model::kGiB;
  if (d.type == model::DurabilityType::kDisperse) min_kib *= d.data;
  if (body.size * model::kGiB < min_kib) {
    return InvalidArgument("Requested volume size (" + std::to_string(body.size) +
                           " GB) is smaller than the minimum supported volume size (" +
                           std::to_string(min_kib) + ")");
  }
  return Status::Ok();
}

}  // namespace

Reply VolumeInfoReply(Services& s, const std::string& id) {
  ops::VolumeView view;
  Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(view, ops::LoadVolumeView(tx, id));
    return Status::Ok();
  });
  if (!st.ok()) return ErrorReply(st);
  return JsonReply(200, api::EncodeVolume(view.volume, view.bricks, view.mount_hosts,
                                          view.blockvolume_ids));
}

void RegisterVolumeRoutes(Router& r, Services& s) {
  r.Add("POST", "/volumes", [&s](const Request& req) {
    auto body = api::VolumeCreateRequest::Decode(req.body);
    if (!body.ok()) return ErrorReply(body.status());
    if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    model::Durability d = body->EffectiveDurability();
    if (Status v = CheckMinimumSize(s, *body, d); !v.ok()) return ErrorReply(v);
    ops::VolumeCreateSpec spec;
    spec.size_gib = body->size;
    spec.name = body->name;
    spec.clusters = body->clusters;
    spec.durability = d;
    spec.gid = body->gid;
    spec.options = body->glustervolumeoptions;
    spec.block = body->block;
    spec.snapshot_enable = body->snapshot.enable;
    spec.snapshot_factor = body->snapshot.enable ? body->snapshot.factor : 1.0;
    return Submit(s.volume_jobs, req, s.volumes.PrepareCreate(spec), true);
  });

  r.Add("GET", "/volumes", [&s](const Request&) {
    std::vector<std::string> ids;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(ids, tx.ListVolumeIds(/*include_pending=*/false));
      return Status::Ok();
    });
    if (!st.ok()) return ErrorReply(st);
    return JsonReply(200, api::EncodeIdList("volumes", ids));
  });

  r.Add("GET", "/volumes/{id}", [&s](const Request& req) { return VolumeInfoReply(s, req.Param("id")); });

  r.Add("DELETE", "/volumes/{id}", [&s](const Request& req) {
    return Submit(s.volume_jobs, req, s.volumes.PrepareDelete(req.Param("id")), true);
  });

  r.Add("POST", "/volumes/{id}/expand", [&s](const Request& req) {
    auto body = api::VolumeExpandRequest::Decode(req.body);
    if (!body.ok()) return ErrorReply(body.status());
    if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    ops::ExpandMethod method = ops::ExpandMethod::kAddBricks;
    if (body->method == "grow-bricks") method = ops::ExpandMethod::kGrowBricks;
    if (body->method == "auto") method = ops::ExpandMethod::kAuto;
    return Submit(s.volume_jobs, req,
                  s.volumes.PrepareExpand(req.Param("id"), body->expand_size, method), true);
  });

  r.Add("POST", "/volumes/{id}/clone", [&s](const Request& req) {
    api::VolumeCloneRequest body;
    if (req.HasBody()) {
      auto decoded = api::VolumeCloneRequest::Decode(req.body);
      if (!decoded.ok()) return ErrorReply(decoded.status());
      body = *decoded;
    }
    if (Status v = body.Validate(); !v.ok()) return ErrorReply(v);
    return Submit(s.volume_jobs, req, s.volumes.PrepareClone(req.Param("id"), body.name), true);
  });

  r.Add("POST", "/volumes/{id}/block-restriction", [&s](const Request& req) {
    auto body = api::BlockRestrictionRequest::Decode(req.body);
    if (!body.ok()) return ErrorReply(body.status());
    if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    return Submit(s.volume_jobs, req,
                  s.volumes.PrepareBlockRestriction(req.Param("id"), body->restriction), true);
  });
}

}  // namespace brickyard::http
