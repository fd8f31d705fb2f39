#include "api/volume_requests.h"

#include "api/decode.h"
#include "api/durability.h"
#include "api/rules.h"
#include "api/validation.h"

namespace brickyard::api {
namespace {

// A required size-like integer: 0 is blank, below 1 too small.
void AddSizeProblem(ValidationErrors& e, std::string_view field, int64_t v) {
  if (v == 0) {
    e.Add(field, kBlank);
  } else if (v < 1) {
    e.Add(field, NoLessThan(1));
  }
}

void AddNameProblem(ValidationErrors& e, const std::string& name) {
  if (!name.empty() && !IsVolumeName(name)) e.Add("name", kInvalidFormat);
}

bool IsSupportedDispersion(int64_t data, int64_t redundancy) {
  return (data == 2 && redundancy == 1) || (data == 4 && redundancy == 2) ||
         (data == 8 && redundancy == 3) || (data == 8 && redundancy == 4);
}

}  // namespace

Result<VolumeCreateRequest> VolumeCreateRequest::Decode(std::string_view body) {
  return DecodeRequest<VolumeCreateRequest>(
      body, EmptyBody::kReject, [](ObjectReader& r, VolumeCreateRequest& out) {
        auto& d = out.durability;
        r.Int("size", &out.size)
            .String("name", &out.name)
            .Strings("clusters", &out.clusters)
            .Object("durability",
                    [&](ObjectReader& dr) {
                      dr.String("type", &d.type)
                          .Object("replicate",
                                  [&](ObjectReader& rr) { rr.Int("replica", &d.replica); })
                          .Object("disperse", [&](ObjectReader& er) {
                            er.Int("data", &d.data).Int("redundancy", &d.redundancy);
                          });
                    })
            .Int("gid", &out.gid)
            .Strings("glustervolumeoptions", &out.glustervolumeoptions)
            .Bool("block", &out.block)
            .Object("snapshot", [&](ObjectReader& sr) {
              sr.Bool("enable", &out.snapshot.enable).Number("factor", &out.snapshot.factor);
            });
      });
}

Status VolumeCreateRequest::Validate() const {
  ValidationErrors e;
  AddSizeProblem(e, "size", size);
  AddNameProblem(e, name);
  if (!e.empty()) return e.ToStatus();

  if (gid < 0) return InvalidArgument("Bad group id less than zero");
  if (gid >= kMaxGid) return InvalidArgument("Bad group id equal or greater than 2**32");

  auto type = ParseDurabilityType(durability.type);
  if (!type) return InvalidArgument("Unknown durability type");

  if (snapshot.enable) {
    // Heketi holds the factor as a float32; compare at that precision.
    auto factor = static_cast<float>(snapshot.factor);
    if (factor < 1 || factor > kMaxSnapshotFactor) {
      return InvalidArgument("Invalid snapshot factor");
    }
  }

  if (*type == model::DurabilityType::kReplicate &&
      (durability.replica > kMaxReplica || durability.replica < 0)) {
    return InvalidArgument("Invalid replica value");
  }
  if (*type == model::DurabilityType::kDisperse &&
      !IsSupportedDispersion(durability.data, durability.redundancy)) {
    return InvalidArgument("Invalid dispersion combination: " + std::to_string(durability.data) +
                           "+" + std::to_string(durability.redundancy));
  }

  if (auto p = VolumeOptionsProblem(glustervolumeoptions)) {
    return ValidationErrors().Add("glustervolumeoptions", *p).ToStatus();
  }
  return Status::Ok();
}

model::Durability VolumeCreateRequest::EffectiveDurability() const {
  return DurabilityWithDefaults(durability.type, durability.replica, durability.data,
                                durability.redundancy);
}

double VolumeCreateRequest::EffectiveSnapshotFactor() const {
  return snapshot.enable ? snapshot.factor : 1.0;
}

Result<VolumeExpandRequest> VolumeExpandRequest::Decode(std::string_view body) {
  return DecodeRequest<VolumeExpandRequest>(
      body, EmptyBody::kReject,
      [](ObjectReader& r, VolumeExpandRequest& out) {
        r.Int("expand_size", &out.expand_size);
        r.String("method", &out.method);
      });
}

Status VolumeExpandRequest::Validate() const {
  ValidationErrors e;
  AddSizeProblem(e, "expand_size", expand_size);
  if (!method.empty() && method != "add-bricks" && method != "grow-bricks" && method != "auto") {
    e.Add("method", kInvalidValue);
  }
  return e.ToStatus();
}

Result<VolumeCloneRequest> VolumeCloneRequest::Decode(std::string_view body) {
  return DecodeRequest<VolumeCloneRequest>(
      body, EmptyBody::kAccept,
      [](ObjectReader& r, VolumeCloneRequest& out) { r.String("name", &out.name); });
}

Status VolumeCloneRequest::Validate() const {
  ValidationErrors e;
  AddNameProblem(e, name);
  return e.ToStatus();
}

Result<BlockRestrictionRequest> BlockRestrictionRequest::Decode(std::string_view body) {
  return DecodeRequest<BlockRestrictionRequest>(
      body, EmptyBody::kReject, [](ObjectReader& r, BlockRestrictionRequest& out) {
        r.String("restriction", &out.restriction);
      });
}

Status BlockRestrictionRequest::Validate() const {
  ValidationErrors e;
  if (!restriction.empty() && restriction != "locked") e.Add("restriction", kInvalidValue);
  return e.ToStatus();
}

Result<BlockVolumeCreateRequest> BlockVolumeCreateRequest::Decode(std::string_view body) {
  return DecodeRequest<BlockVolumeCreateRequest>(
      body, EmptyBody::kReject, [](ObjectReader& r, BlockVolumeCreateRequest& out) {
        r.Int("size", &out.size)
            .String("name", &out.name)
            .Strings("clusters", &out.clusters)
            .Int("hacount", &out.hacount)
            .Bool("auth", &out.auth);
      });
}

Status BlockVolumeCreateRequest::Validate() const {
  ValidationErrors e;
  AddSizeProblem(e, "size", size);
  AddNameProblem(e, name);
  if (hacount < 0) e.Add("hacount", NoLessThan(1));
  return e.ToStatus();
}

Result<BlockVolumeExpandRequest> BlockVolumeExpandRequest::Decode(std::string_view body) {
  return DecodeRequest<BlockVolumeExpandRequest>(
      body, EmptyBody::kReject,
      [](ObjectReader& r, BlockVolumeExpandRequest& out) { r.Int("new_size", &out.new_size); });
}

Status BlockVolumeExpandRequest::Validate() const {
  ValidationErrors e;
  AddSizeProblem(e, "new_size", new_size);
  return e.ToStatus();
}

}  // namespace brickyard::api
