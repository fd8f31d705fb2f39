// Fuzz target: every request body decoder the HTTP handlers use
// (api/requests.h, api/reconcile_request.h), followed by its store-free validation and the values the
// handlers derive from a decoded request. The input is one request body,
// handed to every decoder in turn. Contract checked: no crash, leak, UB or
// exception, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/reconcile_request.h"
#include "api/requests.h"

namespace {

using namespace brickyard::api;

// Decodes `body` as T and validates what decoded.
template <typename T>
void DecodeAndValidate(std::string_view body) {
  auto decoded = T::Decode(body);
  if (decoded.ok()) (void)decoded->Validate();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);

  DecodeAndValidate<ClusterCreateRequest>(body);
  DecodeAndValidate<ClusterFlagsRequest>(body);
  DecodeAndValidate<NodeAddRequest>(body);
  DecodeAndValidate<StateRequest>(body);
  DecodeAndValidate<TagsRequest>(body);
  DecodeAndValidate<DeviceAddRequest>(body);
  DecodeAndValidate<DeviceDeleteRequest>(body);
  DecodeAndValidate<VolumeExpandRequest>(body);
  DecodeAndValidate<VolumeCloneRequest>(body);
  DecodeAndValidate<BlockRestrictionRequest>(body);
  DecodeAndValidate<BlockVolumeCreateRequest>(body);
  DecodeAndValidate<BlockVolumeExpandRequest>(body);
  DecodeAndValidate<BrickEvictRequest>(body);
  DecodeAndValidate<OpsCleanupRequest>(body);
  DecodeAndValidate<AdminStateRequest>(body);
  DecodeAndValidate<ReconcileRequest>(body);

  if (auto volume = VolumeCreateRequest::Decode(body); volume.ok() && volume->Validate().ok()) {
    (void)volume->EffectiveDurability();
    (void)volume->EffectiveSnapshotFactor();
  }
  if (auto level = LogLevelRequest::Decode(body); level.ok() && level->Validate().ok()) {
    (void)level->Level();
  }
  return 0;
}
