// /devices: add, info, delete, state, resync, tags (spec heketi-api §6.4).
#include "api/requests.h"
#include "api/responses.h"
#include "http/handlers/common.h"
#include "http/services.h"
#include "ops/views.h"

namespace brickyard::http {

void RegisterDeviceRoutes(Router& r, Services& s) {
  r.Add("POST", "/devices", [&s](const Request& req) {
    auto body = api::DeviceAddRequest::Decode(req.body);
    if (!body.ok()) return ErrorReply(body.status());
    if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    ops::DeviceAddSpec spec{body->node, body->name, body->destroydata, body->tags};
    return Submit(s.topology_jobs, req, s.topology.PrepareDeviceAdd(spec), false);
  });

  r.Add("GET", "/devices/{id}", [&s](const Request& req) {
    ops::DeviceView view;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(view, ops::LoadDeviceView(tx, req.Param("id")));
      return Status::Ok();
    });
    if (!st.ok()) return ErrorReply(st);
    return JsonReply(200, api::EncodeDevice(view.device, view.bricks));
  });

  r.Add("DELETE", "/devices/{id}", [&s](const Request& req) {
    bool force = false;
    if (req.HasBody()) {
      auto body = api::DeviceDeleteRequest::Decode(req.body);
      if (!body.ok()) return ErrorReply(body.status());
      force = body->forceforget;
    }
    return Submit(s.topology_jobs, req, s.topology.PrepareDeviceDelete(req.Param("id"), force), false);
  });

  r.Add("POST", "/devices/{id}/state", [&s](const Request& req) {
    auto target = DecodeStateChange(req.body);
    if (!target.ok()) return ErrorReply(target.status());
    auto prepared = s.topology.PrepareDeviceState(req.Param("id"), *target);
    bool removal = *target == model::State::kFailed;
    return Submit(removal ? s.volume_jobs : s.topology_jobs, req, std::move(prepared), removal);
  });

  r.Add("GET", "/devices/{id}/resync", [&s](const Request& req) {
    Reply reply = Submit(s.topology_jobs, req, s.topology.PrepareDeviceResync(req.Param("id")), false);
    if (reply.status == 202) {
      reply.content_type = "text/html; charset=utf-8";
      reply.body = "<a href=\"" + reply.headers.front().second + "\">Accepted</a>.\n";
    }
    return reply;
  });

  r.Add("POST", "/devices/{id}/tags", [&s](const Request& req) {
    auto change = DecodeTagChange(req.body);
    if (!change.ok()) return ErrorReply(change.status());
    auto tags = s.topology.SetDeviceTags(req.Param("id"), change->first, change->second);
    if (!tags.ok()) return ErrorReply(tags.status());
    return JsonReply(200, nlohmann::ordered_json(*tags));
  });
}

}  // namespace brickyard::http
