// /bricks/to-evict/{id} (spec heketi-api §6.7).
#include "api/requests.h"
#include "http/services.h"
#include "ops/evict.h"

namespace brickyard::http {

void RegisterBrickRoutes(Router& r, Services& s) {
  r.Add("POST", "/bricks/to-evict/{id}", [&s](const Request& req) {
    if (req.HasBody()) {
      auto body = api::BrickEvictRequest::Decode(req.body);
      if (!body.ok()) return ErrorReply(body.status());
      if (Status v = body->Validate(); !v.ok()) return ErrorReply(v);
    }
    return Submit(s.volume_jobs, req, ops::PrepareEvict(s.ctx, req.Param("id")), true);
  });
}

}  // namespace brickyard::http
