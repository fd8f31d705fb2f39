#include "http/services.h"

namespace brickyard::http {

Reply Submit(ops::JobQueue& queue, const Request& req, Result<ops::PreparedOp> prepared,
             bool bounded) {
  if (!prepared.ok()) return ErrorReply(prepared.status());
  auto job = queue.Submit(req.Owner(), prepared->run, bounded);
  if (!job.ok()) {
    prepared->abandon();
    return ErrorReply(job.status());
  }
  return Accepted(*job);
}

}  // namespace brickyard::http
