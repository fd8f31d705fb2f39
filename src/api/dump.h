// The database export format shared with Heketi's `GET /db/dump`,
// `heketi db export` and `heketi db import` (spec heketi-api Appendix A,
// provisioning §5.9). Decoding a real Heketi export is the migration path.
//
// Top level: {"clusterentries","volumeentries","brickentries","nodeentries",
// "deviceentries","blockvolumeentries","dbattributeentries",
// "pendingoperations"}, each a map from id to entry, entries in ascending id
// order. Entry field names are Heketi's (capitalised Go names):
//   cluster   {"Info":ClusterInfo}
//   node      {"State","Info":{zone,hostnames,cluster,tags?,id},"Devices"}
//   device    {"State","Info":{name,tags?,storage,id,paths?,pv_uuid?},
//              "Bricks","NodeId","ExtentSize"}
//   brick     {"Info":BrickInfo,"TpSize","PoolMetadataSize","Pending":{"Id"},
//              "LvmThinPool","LvmLv","SubType"(1 data, 2 arbiter),
//              "SetIndex","SetPosition"}
//   volume    {"Info":VolumeInfo without bricks,"Bricks",
//              "GlusterVolumeOptions","Pending":{"Id"}}
//   block vol {"Info":BlockVolumeInfo (+"auth"),"Pending":{"Id"}}
//   attribute {"Key","Value"}
//   operation {"Id","Timestamp","Type","Actions":[{"Change","Id","Delta"}],
//              "Status"}
// Brickyard additions, ignored by Heketi's importer: cluster Info "name"
// (only when named) and the brick set position "SetIndex"/"SetPosition".
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/json_reader.h"
#include "common/status.h"
#include "model/block_volume.h"
#include "model/operation.h"
#include "model/topology.h"
#include "model/volume.h"

namespace brickyard::api {

// Owner id -> ids of the objects it lists.
using IdLinks = std::map<std::string, std::vector<std::string>>;

// LVM names of a brick whose thin pool or LV is not the default
// tp_<brick id> / brick_<brick id> (bricks of snapshot clones).
struct BrickLvNames {
  std::string thin_pool;  // LvmThinPool
  std::string lv;         // LvmLv; "" = brick_<brick id>
};

struct DumpData {
  std::vector<model::Cluster> clusters;
  std::vector<model::Node> nodes;
  std::vector<model::Device> devices;
  std::vector<model::Brick> bricks;
  std::vector<model::Volume> volumes;
  std::vector<model::PendingOp> ops;
  std::vector<model::BlockVolume> blockvolumes;

  // The membership lists each entry records, keyed by the owner's id. The
  // encoder writes an empty list for an owner missing here.
  IdLinks cluster_nodes;         // cluster Info.nodes
  IdLinks cluster_volumes;       // cluster Info.volumes
  IdLinks cluster_blockvolumes;  // cluster Info.blockvolumes
  IdLinks node_devices;          // node Devices
  IdLinks device_bricks;         // device Bricks
  IdLinks volume_bricks;         // volume Bricks
  IdLinks volume_blockvolumes;   // volume Info.blockinfo.blockvolume

  // dbattributeentries: Key -> Value.
  std::map<std::string, std::string> db_attributes;
  // Bricks with non-default LVM names, by brick id.
  std::map<std::string, BrickLvNames> brick_lv_names;
};

// Rebuilds every IdLinks member from the objects' own references (node
// cluster_id, device node_id, brick device_id/volume_id, volume cluster_id,
// block volume Info.cluster/Info.blockhostingvolume), each list ascending.
// Owners without members get no entry.
void LinkByReferences(DumpData* dump);

// The export object. Volume "mount" is computed from the cluster's nodes as
// listed in cluster_nodes (first storage hostname, ascending node id). Write
// it with ToWireIndented.
Json EncodeDump(const DumpData& dump);

// Reads an export written by Heketi or by EncodeDump. Only the shape is
// checked here; links and sizes are the importer's business. Missing members keep
// the model defaults (a cluster without "block"/"file" flags allows both, as
// Heketi's upgrade does). Stored "mount" sections are ignored (recomputed on
// read). Durability becomes the effective durability (replica 0 -> 2,
// disperse 0+0 -> 4+2); snapshot factor is 1 when snapshots are off.
// Errors: Unparsable for malformed JSON or a type mismatch; InvalidArgument
// naming the entry for an unknown state, durability type, brick SubType,
// operation Type, change or status.
Result<DumpData> DecodeDump(std::string_view text);

}  // namespace brickyard::api
