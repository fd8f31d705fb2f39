#include "model/volume.h"

namespace brickyard::model {

std::string_view DurabilityName(DurabilityType t) {
  switch (t) {
    case DurabilityType::kNone: return "none";
    case DurabilityType::kReplicate: return "replicate";
    case DurabilityType::kDisperse: return "disperse";
  }
  return "none";
}

int64_t Durability::SetSize() const {
  switch (type) {
    case DurabilityType::kNone: return 1;
    case DurabilityType::kReplicate: return replica;
    case DurabilityType::kDisperse: return data + redundancy;
  }
  return 1;
}

}  // namespace brickyard::model
