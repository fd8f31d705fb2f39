// Request bodies of the cluster, node and device endpoints
// (spec heketi-api §6.2–§6.4). See api/requests.h for the Decode/Validate
// contract shared by every request type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "model/topology.h"

namespace brickyard::api {

// POST /clusters {"file","block","name"}. Brickyard fix of Heketi quirk §12.2:
// absent flags default to true and a blank body is accepted. `name` is
// optional (Brickyard extension); when set it must match
// ^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$ (`name: must be in a valid format.`) and
// must not be an id (`name: must not be an id.`).
struct ClusterCreateRequest {
  bool file = true;
  bool block = true;
  std::string name;

  static Result<ClusterCreateRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /clusters/{id}/flags {"file","block"}: absent flags are false; a body
// is required. Every decoded value is valid.
struct ClusterFlagsRequest {
  bool file = false;
  bool block = false;

  static Result<ClusterFlagsRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /nodes {"zone","hostnames":{"manage","storage"},"cluster","tags"}.
// Validation: zone required and >= 1; hostnames.manage and .storage
// required, each entry an IP address or DNS name; cluster required (an id or
// a cluster name, resolved by the handler); tags per the tag rules.
struct NodeAddRequest {
  int64_t zone = 0;
  std::vector<std::string> manage;
  std::vector<std::string> storage;
  std::string cluster;
  model::Tags tags;

  static Result<NodeAddRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /nodes/{id}/state and /devices/{id}/state {"state","healcheck"}.
// state: required, online|offline|failed (`state: x is not valid state.`);
// healcheck: "", enable or disable.
struct StateRequest {
  std::string state;
  std::string healcheck;

  static Result<StateRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /nodes/{id}/tags and /devices/{id}/tags {"change_type","tags"}.
// change_type: required, set|update|delete; tags per the tag rules.
struct TagsRequest {
  std::string change_type;
  model::Tags tags;

  static Result<TagsRequest> Decode(std::string_view body);
  Status Validate() const;
};

// POST /devices {"node","name","destroydata","tags"}. node: required UUID;
// name: required, ^/[a-zA-Z0-9_.:/-]+$; tags per the tag rules.
struct DeviceAddRequest {
  std::string node;
  std::string name;
  bool destroydata = false;
  model::Tags tags;

  static Result<DeviceAddRequest> Decode(std::string_view body);
  Status Validate() const;
};

// DELETE /devices/{id} with optional {"forceforget"}; a blank body is
// accepted. Every decoded value is valid.
struct DeviceDeleteRequest {
  bool forceforget = false;

  static Result<DeviceDeleteRequest> Decode(std::string_view body);
  Status Validate() const;
};

}  // namespace brickyard::api
