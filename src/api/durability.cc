#include "api/durability.h"

namespace brickyard::api {

std::optional<model::DurabilityType> ParseDurabilityType(std::string_view type) {
  if (type.empty() || type == "none") return model::DurabilityType::kNone;
  if (type == "replicate") return model::DurabilityType::kReplicate;
  if (type == "disperse") return model::DurabilityType::kDisperse;
  return std::nullopt;
}

model::Durability DurabilityWithDefaults(std::string_view type, int64_t replica, int64_t data,
                                         int64_t redundancy) {
  model::Durability d;
  d.type = ParseDurabilityType(type).value_or(model::DurabilityType::kNone);
  switch (d.type) {
    case model::DurabilityType::kReplicate:
      d.replica = replica == 0 ? kDefaultReplica : replica;
      break;
    case model::DurabilityType::kDisperse:
      d.data = data == 0 ? kDefaultDisperseData : data;
      d.redundancy = redundancy == 0 ? kDefaultDisperseRedundancy : redundancy;
      break;
    case model::DurabilityType::kNone:
      break;
  }
  return d;
}

}  // namespace brickyard::api
