// Block volumes: gluster-block LUNs stored as files on a block-hosting volume
// (BHV), exported over iSCSI (spec provisioning §6). Sizes are GiB.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "model/volume.h"

namespace brickyard::model {

struct BlockVolume {
  std::string id;
  std::string name;
  std::string cluster_id;
  std::string hosting_volume_id;
  int64_t size_gib = 0;
  int64_t usable_size_gib = 0;  // what gluster-block reports; 0 = not known yet
  int64_t ha_count = 0;
  bool auth = false;                // CHAP enabled
  std::vector<std::string> hosts;   // storage hostnames exporting the LUN
  std::string iqn;
  int64_t lun = 0;
  std::string username;  // CHAP credentials, kept as Heketi keeps them
  std::string password;
  std::string pending_op;  // id of the operation that owns it, "" when settled
};

// The accounting of a new block-hosting volume of `size_gib`: 98% free for
// block volumes, the rest reserved.
BlockInfo NewBlockInfo(int64_t size_gib);

// True when `bhv` may receive a new block volume of `size_gib`: it is a
// block-hosting volume, settled, unrestricted and has the free space.
bool CanHost(const Volume& bhv, int64_t size_gib);

// Takes `size_gib` from the BHV's free space. NoSpace naming both sizes when
// it has less free; InvalidArgument for a volume that is not block-hosting.
Status TakeBlockSpace(Volume* bhv, int64_t size_gib);

// Gives `size_gib` back to the BHV's free space.
void ReturnBlockSpace(Volume* bhv, int64_t size_gib);

// The BHV invariant size == Σ hosted block sizes + free + reserved.
bool BlockSpaceBalances(const Volume& bhv, int64_t hosted_gib);

}  // namespace brickyard::model
