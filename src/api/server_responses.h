// Response objects of the list, operations, admin and logging endpoints
// (spec heketi-api §6.8, §6.10, §6.11, §7). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/json_reader.h"
#include "model/operation.h"

namespace brickyard::api {

// {"<key>":[ids ascending]}: {"clusters":…}, {"volumes":…}, {"blockvolumes":…}.
Json EncodeIdList(std::string_view key, const std::vector<std::string>& ids);

// AdminStatus {"state":"normal"}.
Json EncodeAdminState(std::string_view state);

// LogLevelInfo {"loglevel":{"glusterfs":"info"}}.
Json EncodeLogLevel(const std::map<std::string, std::string>& levels);

// GET /operations counts.
struct OperationsCounts {
  int64_t total = 0;      // pending-operation records in the store
  int64_t in_flight = 0;  // operations executing in this process now
  int64_t stale = 0;
  int64_t failed = 0;
  int64_t new_ops = 0;    // records with status "" (new)
};

// {"total","in_flight","stale","failed","new"}.
Json EncodeOperationsCounts(const OperationsCounts& counts);

// {"id","type_name","status","sub_status"}: PendingOperationInfo. sub_status
// is "in-flight" when the operation is executing now, else "".
Json EncodePendingOpInfo(const model::PendingOp& op, bool in_flight);

// GET /operations/pending: {"pendingoperations":[info…]} in ascending id
// order; an operation is in flight when its id is in `in_flight_ids`.
Json EncodePendingOpList(const std::vector<model::PendingOp>& ops,
                         const std::set<std::string>& in_flight_ids);

// GET /operations/pending/{id}: info + "changes":[{"id","description"}] in
// recorded order, described as model::ChangeDescription does ("Add brick").
Json EncodePendingOpDetails(const model::PendingOp& op, bool in_flight);

}  // namespace brickyard::api
