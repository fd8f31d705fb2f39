// Response objects of the block volume endpoints (spec heketi-api §7
// BlockVolumeInfo).
//
// Field order: size, name, hacount?, id, blockvolume {hosts, iqn, lun,
// username, password}, cluster?, blockhostingvolume?, usablesize? (`?` =
// omitted when empty or zero). `clusters` and `auth` are never echoed by the
// API (Heketi's behaviour); the dump's entry adds "auth" when set. Pure
// functions; thread-safe.
#pragma once

#include "api/json_reader.h"
#include "model/block_volume.h"

namespace brickyard::api {

// BlockVolumeInfo as GET /blockvolumes/{id} answers it: "usablesize" is the
// size when gluster-block has not reported one.
Json EncodeBlockVolume(const model::BlockVolume& bv);

// The dump's block volume "Info": the stored values as they are ("usablesize"
// omitted when unknown) plus "auth" when CHAP is on.
Json EncodeBlockVolumeDumpInfo(const model::BlockVolume& bv);

}  // namespace brickyard::api
