// Reading the whole store into the export format (GET /db/dump and
// `brickyard db export`, spec provisioning §5.9).
#pragma once

#include "api/dump.h"
#include "common/status.h"
#include "store/store.h"

namespace brickyard::ops {

// Every cluster, node, device, volume (pending ones included), brick, block
// volume, pending operation, db attribute and non-default brick LVM name in
// one read transaction, with every membership list rebuilt from the
// objects' own references. Store errors are returned unchanged.
Result<api::DumpData> CollectDump(store::ReadTx& tx);

}  // namespace brickyard::ops
