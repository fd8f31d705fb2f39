// Response objects of the volume endpoints (spec heketi-api §7 VolumeInfo).
//
// Field order: size, name, durability, gid?, glustervolumeoptions?, block?,
// snapshot, id, cluster, mount, blockinfo, bricks (`?` = omitted when
// empty). `clusters` is never echoed. Nested objects are always present even
// when all their members are omitted ("disperse":{}, "blockinfo":{}).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "api/json_reader.h"
#include "model/volume.h"

namespace brickyard::api {

// {"glusterfs":{"hosts":[…],"device":"<hosts[0]>:<name>",
//  "options":{"backup-volfile-servers":"<hosts[1:] joined by ,>"}}}.
// `hosts` are the first storage hostnames of the cluster's nodes in
// ascending node-id order, kept in the order given. With no hosts, "device"
// is "".
Json EncodeMount(const std::string& volume_name, const std::vector<std::string>& hosts);

// {"type","replicate":{"replica"?},"disperse":{"data"?,"redundancy"?}} from
// the stored effective durability: only the chosen type's members are set.
Json EncodeDurability(const model::Durability& durability);

// VolumeInfo without "bricks": the dump's volume "Info".
Json EncodeVolumeInfo(const model::Volume& volume, const std::vector<std::string>& mount_hosts,
                      const std::vector<std::string>& blockvolume_ids);

// VolumeInfoResponse: EncodeVolumeInfo + "bricks" (ascending id, always an
// array). `blockvolume_ids` fill blockinfo.blockvolume (callers leave out
// pending block volumes); `snapshot.factor` is 1 when snapshots are off.
Json EncodeVolume(const model::Volume& volume, const std::vector<model::Brick>& bricks,
                  const std::vector<std::string>& mount_hosts,
                  const std::vector<std::string>& blockvolume_ids);

}  // namespace brickyard::api
