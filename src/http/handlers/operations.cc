// /operations: counts, pending list and details, cleanup (spec heketi-api §6.8).
#include "api/requests.h"
#include "http/services.h"
#include "ops/op_cleaner.h"

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
    std::vector<model::OpStep> steps;
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(op, tx.GetPendingOp(req.Param("id")));
      BY_ASSIGN_OR_RETURN(steps, tx.ListOpSteps(op.id));
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
    // Brickyard extension: why the last cleanup of a failed operation failed.
    if (std::string why = ops::OpCleaner::LastFailure(steps); !why.empty()) j["error"] = why;
    return JsonReply(200, j);
  });

  // Queues a cleanup of the stale and failed operations named (all when
  // none); unknown ids answer 404 before anything is queued. Not refused
  // with 429: it waits for a slot of the volume operations' queue.
  r.Add("POST", "/operations/pending/cleanup", [&s](const Request& req) {
    api::OpsCleanupRequest body;
    if (req.HasBody()) {
      auto decoded = api::OpsCleanupRequest::Decode(req.body);
      if (!decoded.ok()) return ErrorReply(decoded.status());
      if (Status v = decoded->Validate(); !v.ok()) return ErrorReply(v);
      body = std::move(decoded).value();
    }
    Status known = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      for (const auto& id : body.operations) {
        auto op = tx.GetPendingOp(id);
        if (op.status().code() == Code::kNotFound) return NotFound("Id not found: " + id);
        BY_RETURN_IF_ERROR(op.status());
      }
      return Status::Ok();
    });
    if (known.code() == Code::kNotFound) return TextError(404, known.message());
    if (!known.ok()) return ErrorReply(known);
    ops::OpCleaner& cleaner = s.cleaner;
    auto job = s.volume_jobs.Submit(
        req.Owner(),
        [&cleaner, ids = body.operations]() -> Result<std::string> {
          BY_ASSIGN_OR_RETURN(ops::CleanupReport report, cleaner.Clean(ids));
          BY_RETURN_IF_ERROR(report.ToStatus());
          return std::string();
        },
        /*bounded=*/false);
    if (!job.ok()) return ErrorReply(job.status());
    return Accepted(*job);
  });
}

}  // namespace brickyard::http
