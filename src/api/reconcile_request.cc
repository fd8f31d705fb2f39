#include "api/reconcile_request.h"

#include "api/decode.h"
#include "api/rules.h"
#include "api/validation.h"

namespace brickyard::api {

Result<ReconcileRequest> ReconcileRequest::Decode(std::string_view body) {
  return DecodeRequest<ReconcileRequest>(
      body, EmptyBody::kAccept,
      [](ObjectReader& r, ReconcileRequest& out) {
        r.Bool("apply", &out.apply);
        r.Bool("adopt", &out.adopt);
        r.Strings("findings", &out.findings);
      },
      ParseErrorText::kDetailed);
}

Status ReconcileRequest::Validate() const {
  ValidationErrors e;
  if (auto p = IdsProblem(findings)) e.Add("findings", *p);
  return e.ToStatus();
}

}  // namespace brickyard::api
