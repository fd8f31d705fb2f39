// DecodeDump (api/dump.h).
#include <algorithm>

#include "api/dump.h"
#include "api/durability.h"
#include "model/states.h"

namespace brickyard::api {
namespace {

constexpr int kMaxOpType = static_cast<int>(model::OpType::kExpandBlockVolume);
constexpr int kMaxChangeType = static_cast<int>(model::ChangeType::kExpandBlockVolume);

// Collects the entries of one export, remembering the first semantic error.
class DumpDecoder {
 public:
  explicit DumpDecoder(DumpData* out) : d_(out) {}

  void Read(ObjectReader& r) {
    r.ObjectMap("clusterentries", [&](const std::string& k, ObjectReader& e) { Cluster(k, e); })
        .ObjectMap("volumeentries", [&](const std::string& k, ObjectReader& e) { Volume(k, e); })
        .ObjectMap("brickentries", [&](const std::string& k, ObjectReader& e) { Brick(k, e); })
        .ObjectMap("nodeentries", [&](const std::string& k, ObjectReader& e) { Node(k, e); })
        .ObjectMap("deviceentries", [&](const std::string& k, ObjectReader& e) { Device(k, e); })
        .ObjectMap("blockvolumeentries",
                   [&](const std::string& k, ObjectReader& e) { BlockVolume(k, e); })
        .ObjectMap("dbattributeentries",
                   [&](const std::string& k, ObjectReader& e) { Attribute(k, e); })
        .ObjectMap("pendingoperations",
                   [&](const std::string& k, ObjectReader& e) { Operation(k, e); });
  }

  const Status& error() const { return error_; }

 private:
  void Invalid(const std::string& message) {
    if (error_.ok()) error_ = InvalidArgument(message);
  }

  model::State ParseEntryState(const std::string& what, const std::string& state) {
    if (state.empty()) return model::State::kOnline;
    auto s = model::ParseState(state);
    if (!s) Invalid(what + ": unknown state \"" + state + "\"");
    return s.value_or(model::State::kOnline);
  }

  // An entry's own id must be its map key; an entry without one takes it.
  void Keyed(const std::string& what, const std::string& key, std::string* id) {
    if (id->empty()) {
      *id = key;
    } else if (*id != key) {
      Invalid(what + " " + key + ": entry has id " + *id);
    }
  }

  static void Link(IdLinks* links, const std::string& owner, std::vector<std::string> ids) {
    if (!ids.empty()) (*links)[owner] = std::move(ids);
  }

  void Cluster(const std::string& key, ObjectReader& e) {
    model::Cluster c;
    std::vector<std::string> nodes, volumes, blockvolumes;
    e.Object("Info", [&](ObjectReader& i) {
      i.String("id", &c.id)
          .String("name", &c.name)
          .Strings("nodes", &nodes)
          .Strings("volumes", &volumes)
          .Bool("block", &c.block)
          .Bool("file", &c.file)
          .Strings("blockvolumes", &blockvolumes);
    });
    Keyed("cluster", key, &c.id);
    Link(&d_->cluster_nodes, c.id, std::move(nodes));
    Link(&d_->cluster_volumes, c.id, std::move(volumes));
    Link(&d_->cluster_blockvolumes, c.id, std::move(blockvolumes));
    d_->clusters.push_back(std::move(c));
  }

  void Node(const std::string& key, ObjectReader& e) {
    model::Node n;
    std::string state;
    std::vector<std::string> devices;
    e.String("State", &state)
        .Object("Info",
                [&](ObjectReader& i) {
                  i.Int("zone", &n.zone)
                      .Object("hostnames",
                              [&](ObjectReader& h) {
                                h.Strings("manage", &n.manage_hostnames)
                                    .Strings("storage", &n.storage_hostnames);
                              })
                      .String("cluster", &n.cluster_id)
                      .StringMap("tags", &n.tags)
                      .String("id", &n.id);
                })
        .Strings("Devices", &devices);
    Keyed("node", key, &n.id);
    n.state = ParseEntryState("node " + n.id, state);
    Link(&d_->node_devices, n.id, std::move(devices));
    d_->nodes.push_back(std::move(n));
  }

  void Device(const std::string& key, ObjectReader& e) {
    model::Device dev;
    std::string state;
    std::vector<std::string> bricks;
    e.String("State", &state)
        .Object("Info",
                [&](ObjectReader& i) {
                  i.String("name", &dev.name)
                      .StringMap("tags", &dev.tags)
                      .Object("storage",
                              [&](ObjectReader& s) {
                                s.Int("total", &dev.total_kib)
                                    .Int("free", &dev.free_kib)
                                    .Int("used", &dev.used_kib);
                              })
                      .String("id", &dev.id)
                      .Strings("paths", &dev.paths)
                      .String("pv_uuid", &dev.pv_uuid);
                })
        .Strings("Bricks", &bricks)
        .String("NodeId", &dev.node_id)
        .Int("ExtentSize", &dev.extent_kib);
    Keyed("device", key, &dev.id);
    dev.state = ParseEntryState("device " + dev.id, state);
    Link(&d_->device_bricks, dev.id, std::move(bricks));
    d_->devices.push_back(std::move(dev));
  }

  void Brick(const std::string& key, ObjectReader& e) {
    model::Brick b;
    BrickLvNames lv;
    int64_t subtype = 0;
    e.Object("Info",
             [&](ObjectReader& i) {
               i.String("id", &b.id)
                   .String("path", &b.path)
                   .String("device", &b.device_id)
                   .String("node", &b.node_id)
                   .String("volume", &b.volume_id)
                   .Int("size", &b.size_kib);
             })
        .Int("TpSize", &b.tp_size_kib)
        .Int("PoolMetadataSize", &b.pool_meta_kib)
        .Object("Pending", [&](ObjectReader& p) { p.String("Id", &b.pending_op); })
        .String("LvmThinPool", &lv.thin_pool)
        .String("LvmLv", &lv.lv)
        .Int("SubType", &subtype)
        .Int("SetIndex", &b.set_index)
        .Int("SetPosition", &b.set_position);
    Keyed("brick", key, &b.id);
    // SubType 0 comes from databases older than the field; those bricks
    // were all data bricks.
    if (subtype == 0 || subtype == 1) {
      b.role = model::BrickRole::kData;
    } else if (subtype == 2) {
      b.role = model::BrickRole::kArbiter;
    } else {
      Invalid("brick " + b.id + ": unknown SubType " + std::to_string(subtype));
    }
    bool default_pool = lv.thin_pool.empty() || lv.thin_pool == "tp_" + b.id;
    if (!default_pool || !lv.lv.empty()) {
      if (lv.thin_pool.empty()) lv.thin_pool = "tp_" + b.id;
      d_->brick_lv_names[b.id] = lv;
    }
    d_->bricks.push_back(std::move(b));
  }

  void Volume(const std::string& key, ObjectReader& e) {
    model::Volume v;
    std::string type;
    int64_t replica = 0, data = 0, redundancy = 0;
    std::vector<std::string> bricks, blockvolumes;
    e.Object("Info",
             [&](ObjectReader& i) {
               i.Int("size", &v.size_gib)
                   .String("name", &v.name)
                   .Object("durability",
                           [&](ObjectReader& dr) {
                             dr.String("type", &type)
                                 .Object("replicate",
                                         [&](ObjectReader& r) { r.Int("replica", &replica); })
                                 .Object("disperse", [&](ObjectReader& r) {
                                   r.Int("data", &data).Int("redundancy", &redundancy);
                                 });
                           })
                   .Int("gid", &v.gid)
                   .Strings("glustervolumeoptions", &v.options)
                   .Bool("block", &v.block)
                   .Object("snapshot",
                           [&](ObjectReader& s) {
                             s.Bool("enable", &v.snapshot_enable)
                                 .Number("factor", &v.snapshot_factor);
                           })
                   .String("id", &v.id)
                   .String("cluster", &v.cluster_id)
                   .Object("blockinfo", [&](ObjectReader& b) {
                     b.Int("freesize", &v.block_info.free_size)
                         .Int("reservedsize", &v.block_info.reserved_size)
                         .Strings("blockvolume", &blockvolumes)
                         .String("restriction", &v.block_info.restriction);
                   });
             })
        .Strings("Bricks", &bricks)
        .Strings("GlusterVolumeOptions", &v.options)  // the stored list wins
        .Object("Pending", [&](ObjectReader& p) { p.String("Id", &v.pending_op); });
    Keyed("volume", key, &v.id);
    if (!ParseDurabilityType(type)) {
      Invalid("volume " + v.id + ": unknown durability type \"" + type + "\"");
    }
    v.durability = DurabilityWithDefaults(type, replica, data, redundancy);
    if (!v.snapshot_enable) v.snapshot_factor = 1.0;
    Link(&d_->volume_bricks, v.id, std::move(bricks));
    Link(&d_->volume_blockvolumes, v.id, std::move(blockvolumes));
    d_->volumes.push_back(std::move(v));
  }

  void BlockVolume(const std::string& key, ObjectReader& e) {
    model::BlockVolume bv;
    e.Object("Info",
             [&](ObjectReader& i) {
               i.Int("size", &bv.size_gib)
                   .String("name", &bv.name)
                   .Int("hacount", &bv.ha_count)
                   .Bool("auth", &bv.auth)
                   .String("id", &bv.id)
                   .Object("blockvolume",
                           [&](ObjectReader& x) {
                             x.Strings("hosts", &bv.hosts)
                                 .String("iqn", &bv.iqn)
                                 .Int("lun", &bv.lun)
                                 .String("username", &bv.username)
                                 .String("password", &bv.password);
                           })
                   .String("cluster", &bv.cluster_id)
                   .String("blockhostingvolume", &bv.hosting_volume_id)
                   .Int("usablesize", &bv.usable_size_gib);
             })
        .Object("Pending", [&](ObjectReader& p) { p.String("Id", &bv.pending_op); });
    Keyed("block volume", key, &bv.id);
    d_->blockvolumes.push_back(std::move(bv));
  }

  void Attribute(const std::string& key, ObjectReader& e) {
    std::string k, value;
    e.String("Key", &k).String("Value", &value);
    d_->db_attributes[k.empty() ? key : k] = value;
  }

  void Operation(const std::string& key, ObjectReader& e) {
    model::PendingOp op;
    int64_t type = 0;
    std::string status;
    e.String("Id", &op.id)
        .Int("Timestamp", &op.timestamp)
        .Int("Type", &type)
        .ObjectList("Actions",
                    [&](ObjectReader& a) {
                      int64_t change = 0;
                      model::OpChange c;
                      a.Int("Change", &change).String("Id", &c.id).Int("Delta", &c.delta);
                      if (change < 0 || change > kMaxChangeType) {
                        Invalid("pending operation " + key + ": unknown change " +
                                std::to_string(change));
                      }
                      c.change = static_cast<model::ChangeType>(change);
                      op.changes.push_back(std::move(c));
                    })
        .String("Status", &status);
    Keyed("pending operation", key, &op.id);
    if (type < 0 || type > kMaxOpType) {
      Invalid("pending operation " + op.id + ": unknown type " + std::to_string(type));
    }
    op.type = static_cast<model::OpType>(type);
    if (status.empty()) {
      op.status = model::OpStatus::kNew;
    } else if (status == "stale") {
      op.status = model::OpStatus::kStale;
    } else if (status == "failed") {
      op.status = model::OpStatus::kFailed;
    } else {
      Invalid("pending operation " + op.id + ": unknown status \"" + status + "\"");
    }
    d_->ops.push_back(std::move(op));
  }

  DumpData* d_;
  Status error_;
};

template <typename T>
void SortById(std::vector<T>* items) {
  std::sort(items->begin(), items->end(), [](const T& a, const T& b) { return a.id < b.id; });
}

}  // namespace

Result<DumpData> DecodeDump(std::string_view text) {
  BY_ASSIGN_OR_RETURN(Json root, ParseJson(text));
  DumpData out;
  DumpDecoder decoder(&out);
  ObjectReader reader(root);
  if (reader.ok()) decoder.Read(reader);
  if (!reader.ok()) return reader.status();
  if (!decoder.error().ok()) return decoder.error();
  SortById(&out.clusters);
  SortById(&out.nodes);
  SortById(&out.devices);
  SortById(&out.bricks);
  SortById(&out.volumes);
  SortById(&out.ops);
  SortById(&out.blockvolumes);
  return out;
}

}  // namespace brickyard::api
