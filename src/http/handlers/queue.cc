// GET /queue/{id}: the asynchronous job protocol (spec heketi-api §3.1).
// A finished job's outcome is returned once, then forgotten. A user-role
// caller may poll only jobs it started (DECISIONS #2).
#include "http/services.h"

namespace brickyard::http {

namespace {

// How long a poll of a running job waits for it to finish: short jobs are
// then answered with their outcome rather than "pending" and another poll.
constexpr std::chrono::milliseconds kPollWait{20};

}  // namespace

void RegisterQueueRoutes(Router& r, Services& s) {
  r.Add("GET", "/queue/{id}", [&s](const Request& req) {
    s.volume_jobs.WaitFinished(req.Param("id"), kPollWait);
    s.topology_jobs.WaitFinished(req.Param("id"), kPollWait);
    store::Job job;
    // Polls of running jobs only read; the one read that consumes a finished
    // job deletes it in a write transaction (a concurrent second poll gets 404).
    Status st = s.ctx.store.View([&](store::ReadTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(job, tx.GetJob(req.Param("id")));
      return Status::Ok();
    });
    if (st.ok() && !req.IsAdmin() && job.owner != req.Owner()) st = NotFound("Id not found");
    if (st.ok() && job.state != store::Job::State::kRunning) {
      st = s.ctx.store.Update([&](store::WriteTx& tx) -> Status {
        BY_RETURN_IF_ERROR(tx.GetJob(job.id).status());
        return tx.DeleteJob(job.id);
      });
    }
    if (!st.ok()) return ErrorReply(st);
    if (job.state == store::Job::State::kRunning) {
      Reply reply = Empty(200);
      reply.headers.emplace_back("X-Pending", "true");
      return reply;
    }
    if (job.state == store::Job::State::kFailed) return TextError(500, job.error);
    if (job.location.empty()) return Empty(204);
    Reply reply;
    reply.status = 303;
    reply.headers.emplace_back("Location", job.location);
    reply.content_type = "text/html; charset=utf-8";
    reply.body = "<a href=\"" + job.location + "\">See Other</a>.\n";
    return reply;
  });
}

}  // namespace brickyard::http
