// Consistency check of the store (GET /db/check, spec provisioning §5.9):
// every link resolves, pending markers name existing operations, and for
// every device total == free + used and used == the space of its bricks, and
// every block-hosting volume's size == its block volumes + free + reserved.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "store/store.h"

namespace brickyard::ops {

struct BucketReport {
  int64_t total = 0;
  int64_t pending = 0;
  int64_t ok = 0;
  int64_t notok = 0;
  std::vector<std::string> inconsistencies;
};

struct ConsistencyReport {
  BucketReport clusters, volumes, bricks, nodes, devices, blockvolumes, dbattributes, pendingoperations;
  int64_t Total() const;
};

Result<ConsistencyReport> CheckConsistency(store::ReadTx& tx);

}  // namespace brickyard::ops
