// GET /internal/state/examine/gluster (spec heketi-api §6.9) and Brickyard's
// POST /internal/state/reconcile.
#include <memory>

#include "api/reconcile_request.h"
#include "api/wire.h"
#include "http/services.h"
#include "ops/examine.h"
#include "ops/reconcile.h"

namespace brickyard::http {
namespace {

using Json = nlohmann::ordered_json;

Json FindingJson(const ops::Finding& f) {
  Json j;
  j["id"] = f.id;
  j["kind"] = std::string(ops::FindingKindName(f.kind));
  j["cluster"] = f.cluster_id;
  j["node"] = f.node_id;
  j["host"] = f.host;
  j["volume"] = f.volume_id;
  j["volume_name"] = f.volume;
  j["brick"] = f.brick_id;
  j["device"] = f.device_id;
  j["detail"] = f.detail;
  j["repair"] = {{"action", std::string(ops::RepairActionName(f.repair))},
                 {"description", f.repair_detail}};
  return j;
}

Json FindingsJson(const std::vector<ops::Finding>& findings) {
  Json list = Json::array();
  for (const auto& f : findings) list.push_back(FindingJson(f));
  return list;
}

// Heketi's "report" (one line per difference) beside the typed findings.
Json ReportJson(const ops::ExamineReport& rep) {
  Json lines = Json::array();
  for (const auto& f : rep.findings) lines.push_back(f.detail);
  Json clusters = Json::array();
  for (const auto& c : rep.clusters) {
    Json nodes = Json::array();
    for (const auto& n : c.nodes) {
      Json nj = {{"id", n.id}, {"manage", n.manage}, {"reachable", n.reachable}};
      if (!n.error.empty()) nj["error"] = n.error;
      nodes.push_back(nj);
    }
    clusters.push_back({{"id", c.id}, {"nodes", nodes}, {"gluster_volumes", c.gluster_volumes}});
  }
  Json j;
  j["report"] = lines;
  j["findings"] = FindingsJson(rep.findings);
  j["clusters"] = clusters;
  j["totalfindings"] = rep.findings.size();
  return j;
}

Reply Indented(const Json& j) {
  Reply r;
  r.content_type = "application/json; charset=UTF-8";
  r.body = api::ToWireIndented(j);
  return r;
}

}  // namespace

void RegisterStateRoutes(Router& r, Services& s) {
  r.Add("GET", "/internal/state/examine/gluster", [&s](const Request&) {
    auto rep = ops::ExamineGluster(s.ctx);
    if (!rep.ok()) return ErrorReply(rep.status());
    return Indented(ReportJson(*rep));
  });

  // One apply at a time: a second one while a job holds the gate is 409.
  auto gate = std::make_shared<ops::ReconcileGate>();
  r.Add("POST", "/internal/state/reconcile", [&s, gate](const Request& req) {
    auto body = api::ReconcileRequest::Decode(req.body);
    if (!body.ok()) return ErrorReply(body.status());
    if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    if (body->apply) {
      return Submit(s.volume_jobs, req, ops::PrepareReconcile(s.ctx, body->findings, body->adopt, *gate),
                    /*bounded=*/true);
    }
    auto plan = ops::PlanReconcile(s.ctx, body->findings, body->adopt);
    if (!plan.ok()) return ErrorReply(plan.status());
    return JsonReply(200, Json{{"apply", false}, {"repairs", FindingsJson(*plan)}});
  });
}

}  // namespace brickyard::http
