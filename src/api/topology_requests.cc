#include "api/topology_requests.h"

#include "api/decode.h"
#include "api/rules.h"
#include "api/validation.h"
#include "common/ids.h"
#include "common/strings.h"
#include "model/states.h"

namespace brickyard::api {
namespace {

void AddTagsProblem(ValidationErrors& e, const model::Tags& tags) {
  if (auto p = TagsProblem(tags)) e.Add("tags", *p);
}

// Required list of hostnames under `hostnames.<kind>`.
void AddHostnamesProblem(ValidationErrors& e, const std::vector<std::string>& hosts,
                         std::string_view kind) {
  if (hosts.empty()) {
    e.Add(kind, kBlank);
  } else if (auto p = HostnamesProblem(hosts, kind)) {
    e.Add(kind, *p);
  }
}

}  // namespace

Result<ClusterCreateRequest> ClusterCreateRequest::Decode(std::string_view body) {
  return DecodeRequest<ClusterCreateRequest>(
      body, EmptyBody::kAccept, [](ObjectReader& r, ClusterCreateRequest& out) {
        r.Bool("file", &out.file).Bool("block", &out.block).String("name", &out.name);
      });
}

Status ClusterCreateRequest::Validate() const {
  ValidationErrors e;
  if (!name.empty()) {
    if (!IsClusterName(name)) {
      e.Add("name", kInvalidFormat);
    } else if (IsId(name)) {
      e.Add("name", "must not be an id");
    }
  }
  return e.ToStatus();
}

Result<ClusterFlagsRequest> ClusterFlagsRequest::Decode(std::string_view body) {
  return DecodeRequest<ClusterFlagsRequest>(
      body, EmptyBody::kReject, [](ObjectReader& r, ClusterFlagsRequest& out) {
        r.Bool("file", &out.file).Bool("block", &out.block);
      });
}

Status ClusterFlagsRequest::Validate() const { return Status::Ok(); }

Result<NodeAddRequest> NodeAddRequest::Decode(std::string_view body) {
  return DecodeRequest<NodeAddRequest>(
      body, EmptyBody::kReject, [](ObjectReader& r, NodeAddRequest& out) {
        r.Int("zone", &out.zone)
            .Object("hostnames",
                    [&](ObjectReader& h) {
                      h.Strings("manage", &out.manage).Strings("storage", &out.storage);
                    })
            .String("cluster", &out.cluster)
            .StringMap("tags", &out.tags);
      });
}

Status NodeAddRequest::Validate() const {
  ValidationErrors e;
  if (zone == 0) {
    e.Add("zone", kBlank);
  } else if (zone < 1) {
    e.Add("zone", NoLessThan(1));
  }
  ValidationErrors hostnames;
  AddHostnamesProblem(hostnames, manage, "manage");
  AddHostnamesProblem(hostnames, storage, "storage");
  e.AddNested("hostnames", hostnames);
  if (TrimSpace(cluster).empty()) e.Add("cluster", kBlank);
  AddTagsProblem(e, tags);
  return e.ToStatus();
}

Result<StateRequest> StateRequest::Decode(std::string_view body) {
  return DecodeRequest<StateRequest>(body, EmptyBody::kReject,
                                     [](ObjectReader& r, StateRequest& out) {
                                       r.String("state", &out.state)
                                           .String("healcheck", &out.healcheck);
                                     });
}

Status StateRequest::Validate() const {
  ValidationErrors e;
  if (state.empty()) {
    e.Add("state", kBlank);
  } else if (!model::ParseState(state)) {
    e.Add("state", state + " is not valid state");
  }
  if (auto p = HealCheckProblem(healcheck)) e.Add("healcheck", *p);
  return e.ToStatus();
}

Result<TagsRequest> TagsRequest::Decode(std::string_view body) {
  return DecodeRequest<TagsRequest>(body, EmptyBody::kReject,
                                    [](ObjectReader& r, TagsRequest& out) {
                                      r.String("change_type", &out.change_type)
                                          .StringMap("tags", &out.tags);
                                    });
}

Status TagsRequest::Validate() const {
  ValidationErrors e;
  if (change_type.empty()) {
    e.Add("change_type", kBlank);
  } else if (change_type != "set" && change_type != "update" && change_type != "delete") {
    e.Add("change_type", kInvalidValue);
  }
  AddTagsProblem(e, tags);
  return e.ToStatus();
}

Result<DeviceAddRequest> DeviceAddRequest::Decode(std::string_view body) {
  return DecodeRequest<DeviceAddRequest>(
      body, EmptyBody::kReject, [](ObjectReader& r, DeviceAddRequest& out) {
        r.String("node", &out.node)
            .String("name", &out.name)
            .Bool("destroydata", &out.destroydata)
            .StringMap("tags", &out.tags);
      });
}

Status DeviceAddRequest::Validate() const {
  ValidationErrors e;
  if (name.empty()) {
    e.Add("name", kBlank);
  } else if (!IsDeviceName(name)) {
    e.Add("name", kInvalidFormat);
  }
  if (node.empty()) {
    e.Add("node", kBlank);
  } else if (auto p = UuidProblem(node)) {
    e.Add("node", *p);
  }
  AddTagsProblem(e, tags);
  return e.ToStatus();
}

Result<DeviceDeleteRequest> DeviceDeleteRequest::Decode(std::string_view body) {
  return DecodeRequest<DeviceDeleteRequest>(
      body, EmptyBody::kAccept,
      [](ObjectReader& r, DeviceDeleteRequest& out) { r.Bool("forceforget", &out.forceforget); });
}

Status DeviceDeleteRequest::Validate() const { return Status::Ok(); }

}  // namespace brickyard::api
