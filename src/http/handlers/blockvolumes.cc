// /blockvolumes (spec heketi-api §6.6). Block volumes (gluster-block) are not
// implemented yet: reads answer truthfully (there are none) and mutations
// answer 501 with a clear message rather than a fake success.
#include "api/responses.h"
#include "http/services.h"

namespace brickyard::http {
namespace {

Reply NotYet(const Request&) {
  return ErrorReply(NotImplemented("Block volumes are not implemented yet"));
}

}  // namespace

void RegisterBlockVolumeRoutes(Router& r, Services&) {
  r.Add("POST", "/blockvolumes", NotYet);
  r.Add("GET", "/blockvolumes", [](const Request&) {
    return JsonReply(200, api::EncodeIdList("blockvolumes", {}));
  });
  r.Add("GET", "/blockvolumes/{id}", [](const Request&) { return ErrorReply(NotFound("Id not found")); });
  r.Add("DELETE", "/blockvolumes/{id}", [](const Request&) { return ErrorReply(NotFound("Id not found")); });
  r.Add("POST", "/blockvolumes/{id}/expand", [](const Request&) {
    return ErrorReply(NotFound("Id not found"));
  });
}

}  // namespace brickyard::http
