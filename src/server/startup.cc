#include "server/startup.h"

#include <spdlog/spdlog.h>

namespace brickyard::server {

Status ResetLeftovers(store::Store& store, const Clock& clock) {
  return store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(auto ops, tx.ListPendingOps());
    for (auto op : ops) {
      if (op.status != model::OpStatus::kNew) continue;
      spdlog::warn("operation {} ({}) was interrupted by a restart; marked stale", op.id,
                   model::OpTypeName(op.type));
      op.status = model::OpStatus::kStale;
      BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
    }
    BY_ASSIGN_OR_RETURN(auto running, tx.ListRunningJobs());
    for (auto job : running) {
      job.state = store::Job::State::kFailed;
      job.error = "The server restarted while this operation was running; see GET /operations/pending";
      job.finished_unix = clock.NowUnix();
      BY_RETURN_IF_ERROR(tx.PutJob(job));
    }
    return Status::Ok();
  });
}

}  // namespace brickyard::server
