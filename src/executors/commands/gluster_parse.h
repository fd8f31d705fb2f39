// Parsers for gluster CLI output (spec provisioning §3.5, §3.6, §3.1).
//
// Every `--xml` parser first checks the CLI verdict in
// cliOutput/{opRet, opErrno, opErrstr}: a non-zero opRet or a non-empty
// opErrstr is a failure carrying opErrstr (or the opRet/opErrno pair when
// opErrstr is empty). The failure is NotFound when opErrstr says
// "does not exist", Unavailable when the output is the CLI's
// "Connection failed" notice (glusterd is down), Internal otherwise,
// including output that is not XML. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace brickyard::executors::commands {

struct GlusterBrick {
  std::string name;       // "<host>:<path>"
  std::string host_uuid;
  bool is_arbiter = false;
};

struct GlusterOption {
  std::string name;
  std::string value;
  bool operator==(const GlusterOption&) const = default;
};

// One volume of `volume info --xml`. Counts absent from older gluster
// releases (arbiterCount...) read as 0.
struct GlusterVolume {
  std::string name;
  std::string id;  // gluster's UUID, with dashes
  int64_t status = 0;
  std::string status_str;  // "Created", "Started", "Stopped"
  int64_t brick_count = 0;
  int64_t dist_count = 0;
  int64_t stripe_count = 0;
  int64_t replica_count = 0;
  int64_t arbiter_count = 0;
  int64_t disperse_count = 0;
  int64_t redundancy_count = 0;
  int64_t type = 0;
  std::string type_str;  // "Distribute", "Replicate", "Disperse", "Distributed-Replicate"...
  int64_t transport = 0;
  std::vector<GlusterBrick> bricks;  // in gluster's (set) order
  int64_t opt_count = 0;
  std::vector<GlusterOption> options;
};

// The CLI verdict of any `--xml` output whose body is not needed (snapshot
// activate/deactivate/delete, volume start --xml).
Status ParseCliStatusXml(std::string_view xml);

// `volume info [<name>] --xml`: every volume, in output order. For a single
// volume callers take the first; an empty list means none.
Result<std::vector<GlusterVolume>> ParseVolumeInfoXml(std::string_view xml);

// `volume heal <name> info --xml`, per brick.
struct HealBrick {
  std::string name;
  std::string host_uuid;
  std::string status;        // "Connected", or why not
  int64_t entries = -1;      // numberOfEntries; -1 when gluster reports "-"
};
Result<std::vector<HealBrick>> ParseHealInfoXml(std::string_view xml);

// `snapshot list <volume> --xml`: cliOutput/snapList/count (0 when absent).
Result<int64_t> ParseSnapshotListCountXml(std::string_view xml);

struct GlusterObjectRef {
  std::string name;
  std::string uuid;
};
// `--xml snapshot create`: snapCreate/snapshot{name,uuid}.
Result<GlusterObjectRef> ParseSnapshotCreateXml(std::string_view xml);
// `--xml snapshot clone`: CloneCreate/volume{name,uuid}.
Result<GlusterObjectRef> ParseSnapshotCloneXml(std::string_view xml);

struct GlusterPeer {
  std::string uuid;
  std::string hostname;
  bool connected = false;
  std::string state;  // "Connected"/"Disconnected" (pool list), stateStr (peer status)
  // Every name the pool knows the peer by (peer status: hostnames/hostname;
  // gluster may show a resolved name as `hostname` and the probed address
  // only here). Includes `hostname`.
  std::vector<std::string> hostnames;
};
// `peer status --xml` (and `pool list --xml`): peerStatus/peer.
Result<std::vector<GlusterPeer>> ParsePeerStatusXml(std::string_view xml);
// Plain `pool list`: a "UUID Hostname State" header, then one peer a line.
Result<std::vector<GlusterPeer>> ParsePoolList(std::string_view text);

}  // namespace brickyard::executors::commands
