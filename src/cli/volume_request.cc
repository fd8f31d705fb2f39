#include "cli/volume_request.h"

#include "common/strings.h"

namespace brickyard::cli {

Json VolumeCreateRequest(const VolumeCreateFlags& f) {
  Json req;
  req["size"] = f.size;
  if (!f.clusters.empty()) req["clusters"] = Split(f.clusters, ',');
  req["name"] = f.name;
  req["durability"] = {{"type", f.durability},
                       {"replicate", {{"replica", f.replica}}},
                       {"disperse", {{"data", f.disperse_data}, {"redundancy", f.redundancy}}}};
  if (f.gid != 0) req["gid"] = f.gid;
  if (!f.options.empty()) req["glustervolumeoptions"] = Split(f.options, ',');
  if (f.block) req["block"] = true;
  if (f.snapshot_factor > 1.0) {
    req["snapshot"] = {{"enable", true}, {"factor", f.snapshot_factor}};
  } else {
    req["snapshot"] = {{"enable", false}, {"factor", 0}};
  }
  return req;
}

}  // namespace brickyard::cli
