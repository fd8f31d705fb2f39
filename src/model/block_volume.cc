#include "model/block_volume.h"

namespace brickyard::model {

BlockInfo NewBlockInfo(int64_t size_gib) {
  BlockInfo info;
  info.free_size = size_gib * 98 / 100;
  info.reserved_size = size_gib - info.free_size;
  return info;
}

bool CanHost(const Volume& bhv, int64_t size_gib) {
  return bhv.block && bhv.pending_op.empty() && bhv.block_info.restriction.empty() &&
         bhv.block_info.free_size >= size_gib;
}

Status TakeBlockSpace(Volume* bhv, int64_t size_gib) {
  if (!bhv->block) return InvalidArgument("volume " + bhv->id + " is not a block hosting volume");
  if (bhv->block_info.free_size < size_gib) {
    return NoSpace("block hosting volume " + bhv->id + " has " +
                   std::to_string(bhv->block_info.free_size) + "GiB free, " +
                   std::to_string(size_gib) + "GiB needed");
  }
  bhv->block_info.free_size -= size_gib;
  return Status::Ok();
}

void ReturnBlockSpace(Volume* bhv, int64_t size_gib) { bhv->block_info.free_size += size_gib; }

bool BlockSpaceBalances(const Volume& bhv, int64_t hosted_gib) {
  return bhv.size_gib == hosted_gib + bhv.block_info.free_size + bhv.block_info.reserved_size;
}

}  // namespace brickyard::model
