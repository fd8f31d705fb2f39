// The gluster-block role (spec provisioning §3.7, §6): block volumes as
// files on a block-hosting volume, exported over iSCSI by the nodes'
// gluster-block daemons. Errors follow executor.h; calls are synchronous and
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "executors/commands/gluster_block.h"

namespace brickyard::executors {

struct BlockVolumeRequest {
  std::string hosting_volume;       // gluster name of the block-hosting volume
  std::string name;                 // block volume name
  int64_t ha_count = 0;             // 1..hosts.size()
  bool auth = false;                // CHAP
  std::vector<std::string> hosts;   // storage hostnames that export it
  int64_t size_gib = 0;
};

// What a created block volume is exported as.
struct BlockVolumeExport {
  std::string iqn;
  std::string username;  // CHAP, "" without auth
  std::string password;
};

class BlockExecutor {
 public:
  virtual ~BlockExecutor() = default;
  // `gluster-block create` run on `host`.
  virtual Result<BlockVolumeExport> BlockVolumeCreate(const std::string& host,
                                                      const BlockVolumeRequest& req) = 0;
  // `gluster-block delete`. NotFound when the block volume or its hosting
  // volume does not exist (callers count that as deleted).
  virtual Status BlockVolumeDelete(const std::string& host, const std::string& hosting_volume,
                                   const std::string& name) = 0;
  // `gluster-block modify ... size`: grows the block volume to `size_gib`.
  virtual Status BlockVolumeExpand(const std::string& host, const std::string& hosting_volume,
                                   const std::string& name, int64_t size_gib) = 0;
  // `gluster-block info`: what the nodes report. NotFound when missing.
  virtual Result<commands::BlockState> BlockVolumeInfo(const std::string& host,
                                                       const std::string& hosting_volume,
                                                       const std::string& name) = 0;
};

}  // namespace brickyard::executors
