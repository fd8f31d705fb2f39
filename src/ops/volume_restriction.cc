// Block-hosting restriction (spec heketi-api §6.5): a store-only change that
// decides whether new block volumes may be placed on the volume. Unlocking a
// volume locked by an update needs room for its 2 % reserve again.
#include "ops/volume_load.h"
#include "ops/volume_ops.h"

namespace brickyard::ops {

Result<PreparedOp> VolumeOps::PrepareBlockRestriction(const std::string& volume_id,
                                                      const std::string& restriction) {
  BY_RETURN_IF_ERROR(ctx_.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(LoadedVolume lv, LoadVisibleVolume(tx, volume_id));
    if (!lv.volume.block) {
      return InvalidArgument("Block restrictions can only be set on block hosting volumes");
    }
    return Status::Ok();
  }));
  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, volume_id, restriction]() -> Result<std::string> {
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::Volume v, tx.GetVolume(volume_id));
      if (!v.pending_op.empty()) return Conflict("Volume " + volume_id + " has an operation in progress");
      if (restriction.empty() && v.block_info.restriction == "locked-by-update") {
        int64_t reserve = v.size_gib - v.size_gib * 98 / 100;
        if (v.block_info.free_size < reserve) {
          return Conflict("Can not unlock volume. " + std::to_string(reserve) +
                          "GiB free space is required, but found " +
                          std::to_string(v.block_info.free_size) + "GiB");
        }
      }
      v.block_info.restriction = restriction;
      return tx.PutVolume(v);
    }));
    return "/volumes/" + volume_id;
  };
  return prepared;
}

}  // namespace brickyard::ops
