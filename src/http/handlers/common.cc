#include "http/handlers/common.h"

#include "api/requests.h"

namespace brickyard::http {

Result<model::State> DecodeStateChange(const std::string& body) {
  BY_ASSIGN_OR_RETURN(api::StateRequest req, api::StateRequest::Decode(body));
  BY_RETURN_IF_ERROR(req.Validate());
  auto state = model::ParseState(req.state);
  if (!state) return InvalidArgument("validation failed: state: must be a valid value.");
  return *state;
}

Result<std::pair<ops::TagChange, model::Tags>> DecodeTagChange(const std::string& body) {
  BY_ASSIGN_OR_RETURN(api::TagsRequest req, api::TagsRequest::Decode(body));
  BY_RETURN_IF_ERROR(req.Validate());
  ops::TagChange change = ops::TagChange::kSet;
  if (req.change_type == "update") change = ops::TagChange::kUpdate;
  else if (req.change_type == "delete") change = ops::TagChange::kDelete;
  return std::make_pair(change, req.tags);
}

}  // namespace brickyard::http
