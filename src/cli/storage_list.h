// The Kubernetes List written by setup-openshift-heketi-storage: a Secret
// holding the database, Endpoints + Service for the database volume and a
// Job copying the database into it. Pure.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/json_fields.h"

namespace brickyard::cli {

inline constexpr char kDbVolumeName[] = "heketidbstorage";

// The volume options heketi-cli sets on the database volume.
std::vector<std::string> DefaultDbVolumeOptions();

// Builds the List. `volume` is the created VolumeInfo, `db` the raw
// /backup/db bytes, `image` the copy job's image, `node_selector` optional.
Json HeketiStorageList(const Json& volume, const std::string& db, const std::string& image,
                       const std::map<std::string, std::string>& node_selector);

// Standard base64 (the encoding of Kubernetes Secret data).
std::string Base64(const std::string& bytes);

}  // namespace brickyard::cli
