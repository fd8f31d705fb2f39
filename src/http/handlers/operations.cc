// /operations: counts, pending list and details, cleanup (spec heketi-api §6.8).
#include "api/requests.h"
#include "http/services.h"

namespace brickyard::http {
namespace {

nlohmann::ordered_json OpSummary(const model::PendingOp& op) {
  nlohmann::ordered_json j;
  j["id"] = op.id;
  j["type_name"] = std::string(model::OpTypeName(op.type));
  j["status"] = std::string(model::OpStatusName(op.status));
  // Operations of this process that are not stale or failed are running now.
  j["sub_status"] = op.status == model::OpStatus::kNew ? "in-flight" : "";
  return j;
}

}  // namespace

void RegisterOperationRoutes(Router& r, Services& s) {
  r.Add("GET", "/operations", [&s](const Request&) {
    std::vector<model::PendingOp> ops;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(ops, tx.ListPendingOps());
      return Status::Ok();
    });
    if (!st.ok()) return ErrorReply(st);
    int64_t stale = 0, failed = 0, fresh = 0;
    for (const auto& op : ops) {
      if (op.status == model::OpStatus::kStale) ++stale;
      else if (op.status == model::OpStatus::kFailed) ++failed;
      else ++fresh;
    }
    nlohmann::ordered_json j;
    j["total"] = ops.size();
    j["in_flight"] = s.volume_jobs.InFlight() + s.topology_jobs.InFlight();
    j["stale"] = stale;
    j["failed"] = failed;
    j["new"] = fresh;
    return JsonReply(200, j);
  });

  r.Add("GET", "/operations/pending", [&s](const Request&) {
    std::vector<model::PendingOp> ops;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(ops, tx.ListPendingOps());
      return Status::Ok();
    });
    if (!st.ok()) return ErrorReply(st);
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& op : ops) list.push_back(OpSummary(op));
    nlohmann::ordered_json j;
    j["pendingoperations"] = list;
    return JsonReply(200, j);
  });

  r.Add("GET", "/operations/pending/{id}", [&s](const Request& req) {
    model::PendingOp op;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(op, tx.GetPendingOp(req.Param("id")));
      return Status::Ok();
    });
    if (st.code() == Code::kNotFound) return TextError(404, "Id not found: " + req.Param("id"));
    if (!st.ok()) return ErrorReply(st);
    nlohmann::ordered_json j = OpSummary(op);
    nlohmann::ordered_json changes = nlohmann::ordered_json::array();
    for (const auto& c : op.changes) {
      nlohmann::ordered_json cj;
      cj["id"] = c.id;
      cj["description"] = std::string(model::ChangeDescription(c.change));
      changes.push_back(cj);
    }
    j["changes"] = changes;
    return JsonReply(200, j);
  });

  r.Add("POST", "/operations/pending/cleanup", [](const Request& req) {
    if (req.HasBody()) {
      auto body = api::OpsCleanupRequest::Decode(req.body);
      if (!body.ok()) return ErrorReply(body.status());
      if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    }
    return ErrorReply(NotImplemented(
        "Cleanup of stale operations is not implemented yet; see GET /operations/pending"));
  });
}

}  // namespace brickyard::http
