// /nodes: add, info, delete, state, tags (spec heketi-api §6.3).
#include "api/requests.h"
#include "api/responses.h"
#include "http/handlers/common.h"
#include "http/services.h"
#include "ops/views.h"

namespace brickyard::http {

Reply NodeInfoReply(Services& s, const std::string& id) {
  ops::NodeView view;
  Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(view, ops::LoadNodeView(tx, id));
    return Status::Ok();
  });
  if (!st.ok()) return ErrorReply(st);
  std::vector<api::DeviceWithBricks> devices;
  for (auto& d : view.devices) devices.push_back({std::move(d.device), std::move(d.bricks)});
  return JsonReply(200, api::EncodeNode(view.node, devices));
}

void RegisterNodeRoutes(Router& r, Services& s) {
  r.Add("POST", "/nodes", [&s](const Request& req) {
    auto body = api::NodeAddRequest::Decode(req.body);
    if (!body.ok()) return ErrorReply(body.status());
    if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    ops::NodeAddSpec spec{body->cluster, body->zone, body->manage, body->storage, body->tags};
    return Submit(s.topology_jobs, req, s.topology.PrepareNodeAdd(spec), /*bounded=*/false);
  });

  r.Add("GET", "/nodes/{id}", [&s](const Request& req) { return NodeInfoReply(s, req.Param("id")); });

  r.Add("DELETE", "/nodes/{id}", [&s](const Request& req) {
    return Submit(s.topology_jobs, req, s.topology.PrepareNodeDelete(req.Param("id")), false);
  });

  r.Add("POST", "/nodes/{id}/state", [&s](const Request& req) {
    auto target = DecodeStateChange(req.body);
    if (!target.ok()) return ErrorReply(target.status());
    auto prepared = s.topology.PrepareNodeState(req.Param("id"), *target);
    // Only removal (→ failed) is a throttled operation (spec §3.3).
    bool removal = *target == model::State::kFailed;
    return Submit(removal ? s.volume_jobs : s.topology_jobs, req, std::move(prepared), removal);
  });

  r.Add("POST", "/nodes/{id}/tags", [&s](const Request& req) {
    auto change = DecodeTagChange(req.body);
    if (!change.ok()) return ErrorReply(change.status());
    auto tags = s.topology.SetNodeTags(req.Param("id"), change->first, change->second);
    if (!tags.ok()) return ErrorReply(tags.status());
    return JsonReply(200, nlohmann::ordered_json(*tags));
  });
}

}  // namespace brickyard::http
