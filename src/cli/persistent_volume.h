// The Kubernetes objects heketi-cli derives from a volume (spec §10.5):
// a PersistentVolume for `volume create --persistent-volume[-file]` and the
// Endpoints patch of `volume endpoint patch`. Pure functions.
#pragma once

#include <string>

#include "cli/json_fields.h"

namespace brickyard::cli {

// Placeholder heketi-cli writes when no endpoint name was given.
inline constexpr char kEndpointPlaceholder[] = "TYPE ENDPOINT HERE";

// A v1 PersistentVolume for `volume` (a VolumeInfo): name
// "glusterfs-<first 8 id chars>", gid annotation ("0" if none), capacity
// "<size>Gi", glusterfs endpoints/path, ReadWriteMany, Retain.
Json PersistentVolume(const Json& volume, const std::string& endpoint);

// The PV as heketi-cli writes it: 2-space indented, no trailing newline.
std::string RenderPersistentVolume(const Json& pv);

// {"subsets":[{"addresses":[{"ip":h}],"ports":[{"port":1}]}...]}, one
// subset per mount host of `volume`.
Json EndpointPatch(const Json& volume);

}  // namespace brickyard::cli
