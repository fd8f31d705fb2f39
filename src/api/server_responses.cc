#include "api/server_responses.h"

#include <algorithm>

#include "api/topology_responses.h"

namespace brickyard::api {

Json EncodeIdList(std::string_view key, const std::vector<std::string>& ids) {
  Json out = Json::object();
  out[std::string(key)] = SortedIdArray(ids);
  return out;
}

Json EncodeAdminState(std::string_view state) {
  Json out = Json::object();
  out["state"] = state;
  return out;
}

Json EncodeLogLevel(const std::map<std::string, std::string>& levels) {
  Json inner = Json::object();
  for (const auto& [logger, level] : levels) inner[logger] = level;
  Json out = Json::object();
  out["loglevel"] = std::move(inner);
  return out;
}

Json EncodeOperationsCounts(const OperationsCounts& counts) {
  Json out = Json::object();
  out["total"] = counts.total;
  out["in_flight"] = counts.in_flight;
  out["stale"] = counts.stale;
  out["failed"] = counts.failed;
  out["new"] = counts.new_ops;
  return out;
}

Json EncodePendingOpInfo(const model::PendingOp& op, bool in_flight) {
  Json out = Json::object();
  out["id"] = op.id;
  out["type_name"] = model::OpTypeName(op.type);
  out["status"] = model::OpStatusName(op.status);
  out["sub_status"] = in_flight ? "in-flight" : "";
  return out;
}

Json EncodePendingOpList(const std::vector<model::PendingOp>& ops,
                         const std::set<std::string>& in_flight_ids) {
  std::vector<const model::PendingOp*> sorted;
  for (const auto& op : ops) sorted.push_back(&op);
  std::sort(sorted.begin(), sorted.end(),
            [](const model::PendingOp* a, const model::PendingOp* b) { return a->id < b->id; });
  Json list = Json::array();
  for (const auto* op : sorted) {
    list.push_back(EncodePendingOpInfo(*op, in_flight_ids.count(op->id) > 0));
  }
  Json out = Json::object();
  out["pendingoperations"] = std::move(list);
  return out;
}

Json EncodePendingOpDetails(const model::PendingOp& op, bool in_flight) {
  Json out = EncodePendingOpInfo(op, in_flight);
  Json changes = Json::array();
  for (const auto& c : op.changes) {
    Json change = Json::object();
    change["id"] = c.id;
    change["description"] = model::ChangeDescription(c.change);
    changes.push_back(std::move(change));
  }
  out["changes"] = std::move(changes);
  return out;
}

}  // namespace brickyard::api
