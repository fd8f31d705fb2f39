#include "cli/format.h"

namespace brickyard::cli {

namespace {

// "" (a new operation) reads "New".
std::string StatusText(const Json& op) {
  std::string status = Str(op, "status");
  if (status.empty()) status = "New";
  std::string sub = Str(op, "sub_status");
  return sub.empty() ? status : status + " " + sub;
}

}  // namespace

std::string FormatOperationCounts(const Json& counts) {
  return "Operation Counts:\n  Total: " + std::to_string(Int(counts, "total")) +
         "\n  In-Flight: " + std::to_string(Int(counts, "in_flight")) +
         "\n  New: " + std::to_string(Int(counts, "new")) +
         "\n  Failed: " + std::to_string(Int(counts, "failed")) +
         "\n  Stale: " + std::to_string(Int(counts, "stale")) + "\n";
}

std::string FormatOperationDetails(const Json& op) {
  std::string out = "Id: " + Str(op, "id") + "\nType: " + Str(op, "type_name") +
                    "\nStatus: " + StatusText(op) + "\nChanges:\n";
  for (const auto& c : Arr(op, "changes"))
    out += "    " + Str(c, "description") + ": " + Str(c, "id") + "\n";
  return out;
}

std::string FormatOperationList(const Json& list) {
  std::string out;
  for (const auto& op : Arr(list, "pendingoperations"))
    out += "Id:" + Str(op, "id") + "  Type:" + Str(op, "type_name") + "  Status:" + StatusText(op) + "\n";
  return out;
}

}  // namespace brickyard::cli
