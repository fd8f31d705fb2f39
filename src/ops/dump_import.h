// Importing an export of Heketi (or of Brickyard) into a new store
// (`brickyard db import`, spec provisioning §5.9, heketi-api Appendix A).
//
// The export is checked as a whole before anything is written: ids, names,
// hostnames and paths are ones Brickyard would accept from a client (they
// end up in node commands); every link is checked both ways (a cluster's
// node list against the nodes' cluster, a device's bricks against the
// bricks' device, a hosting volume's block volumes against their hosting
// volume, ...); device and block-hosting-volume space balances; volumes have
// whole brick sets of their durability; pending markers name operations of
// the export; attribute keys are Heketi's; no hostname belongs to two nodes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "api/dump.h"
#include "common/status.h"
#include "store/store.h"

namespace brickyard::ops {

struct ImportReport {
  std::vector<std::pair<std::string, int64_t>> counts;  // kind -> entries, in export order
  std::vector<std::string> warnings;  // imported anyway
  std::vector<std::string> errors;    // any one stops the import
  bool ok() const { return errors.empty(); }
};

// Checks `dump` and completes what Heketi does not export: the brick set
// order (Heketi re-reads it from gluster), assigned in brick id order with a
// warning when a volume has none. Does not touch any store.
ImportReport PrepareImport(api::DumpData* dump);

// Writes every object of a prepared dump, and `generation_id` as
// DB_GENERATION_ID. Store errors are returned unchanged; run it in one
// Update so a failure writes nothing.
Status WriteImport(store::WriteTx& tx, const api::DumpData& dump,
                   const std::string& generation_id);

}  // namespace brickyard::ops
