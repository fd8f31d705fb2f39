#include "common/status.h"

namespace brickyard {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kUnparsable: return "unparsable";
    case Code::kNotFound: return "not_found";
    case Code::kConflict: return "conflict";
    case Code::kNoSpace: return "no_space";
    case Code::kBusy: return "busy";
    case Code::kUnauthenticated: return "unauthenticated";
    case Code::kPermissionDenied: return "permission_denied";
    case Code::kUnavailable: return "unavailable";
    case Code::kNotImplemented: return "not_implemented";
    case Code::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName(code_)) + ": " + message_;
}

}  // namespace brickyard
