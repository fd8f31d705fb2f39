#include "http/status_map.h"

namespace brickyard::http {

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kInvalidArgument: return 400;
    case Code::kUnparsable: return 422;
    case Code::kNotFound: return 404;
    case Code::kConflict: return 409;
    case Code::kNoSpace: return 500;  // Heketi's status; clients match on it (DECISIONS #10)
    case Code::kBusy: return 429;
    case Code::kUnauthenticated: return 401;
    case Code::kPermissionDenied: return 401;  // Heketi answers 401 "Administrator access required"
    case Code::kUnavailable: return 503;
    case Code::kNotImplemented: return 501;
    case Code::kInternal: return 500;
  }
  return 500;
}

}  // namespace brickyard::http
