// The body heketi-cli sends for `volume create`, built from its flags
// (spec §10.2 "What the CLI sends"). Pure.
#pragma once

#include <cstdint>
#include <string>

#include "cli/json_fields.h"

namespace brickyard::cli {

// `volume create` flags with heketi-cli's defaults.
struct VolumeCreateFlags {
  int size = 0;
  std::string name;
  int64_t gid = 0;
  std::string durability = "replicate";
  int replica = 3;
  int disperse_data = 4;
  int redundancy = 2;
  double snapshot_factor = 1.0;
  std::string clusters;  // comma list
  std::string options;   // comma list
  bool block = false;
  bool pv = false;
  std::string pv_file;
  std::string pv_endpoint;
};

// Always "name" (possibly ""), full durability from the flags whatever the
// type, snapshot {"enable":false,"factor":0} unless the factor is > 1;
// clusters / options split on ',', gid and block only when set.
Json VolumeCreateRequest(const VolumeCreateFlags& flags);

}  // namespace brickyard::cli
