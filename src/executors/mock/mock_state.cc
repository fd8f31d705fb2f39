#include "executors/mock/mock_state.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace brickyard::executors {
namespace {

using nlohmann::json;

json VolumeToJson(const commands::GlusterVolume& v) {
  json bricks = json::array();
  json arbiters = json::array();
  json uuids = json::array();
  for (const auto& b : v.bricks) {
    bricks.push_back(b.name);
    arbiters.push_back(b.is_arbiter);
    uuids.push_back(b.host_uuid);
  }
  json options = json::array();
  for (const auto& o : v.options) options.push_back({o.name, o.value});
  return {{"id", v.id},
          {"status", v.status},
          {"status_str", v.status_str},
          {"brick_count", v.brick_count},
          {"stripe_count", v.stripe_count},
          {"replica_count", v.replica_count},
          {"arbiter_count", v.arbiter_count},
          {"disperse_count", v.disperse_count},
          {"redundancy_count", v.redundancy_count},
          {"dist_count", v.dist_count},
          {"type", v.type},
          {"type_str", v.type_str},
          {"transport", v.transport},
          {"bricks", bricks},
          {"arbiters", arbiters},
          {"host_uuids", uuids},
          {"opt_count", v.opt_count},
          {"options", options}};
}

// Fields absent from version 1 files read as their defaults.
commands::GlusterVolume VolumeFromJson(const std::string& name, const json& j) {
  commands::GlusterVolume v;
  v.name = name;
  v.id = j.value("id", "");
  v.status = j.value("status", int64_t{0});
  v.status_str = j.value("status_str", "");
  v.stripe_count = j.value("stripe_count", int64_t{0});
  v.replica_count = j.value("replica_count", int64_t{0});
  v.arbiter_count = j.value("arbiter_count", int64_t{0});
  v.disperse_count = j.value("disperse_count", int64_t{0});
  v.redundancy_count = j.value("redundancy_count", int64_t{0});
  v.dist_count = j.value("dist_count", int64_t{0});
  v.type = j.value("type", int64_t{0});
  v.type_str = j.value("type_str", "");
  v.transport = j.value("transport", int64_t{0});
  const json& bricks = j.at("bricks");
  const json arbiters = j.value("arbiters", json::array());
  const json uuids = j.value("host_uuids", json::array());
  for (size_t i = 0; i < bricks.size(); ++i) {
    bool arbiter = i < arbiters.size() && arbiters[i].get<bool>();
    std::string uuid = i < uuids.size() ? uuids[i].get<std::string>() : "";
    v.bricks.push_back({bricks[i].get<std::string>(), std::move(uuid), arbiter});
  }
  v.brick_count = j.value("brick_count", static_cast<int64_t>(v.bricks.size()));
  for (const auto& o : j.value("options", json::array())) {
    v.options.push_back({o.at(0).get<std::string>(), o.at(1).get<std::string>()});
  }
  v.opt_count = j.value("opt_count", static_cast<int64_t>(v.options.size()));
  return v;
}

json PlacedToJson(const MockPlacedBrick& b) {
  const BrickRequest& r = b.req;
  return {{"host", b.host},           {"device_id", r.device_id},
          {"tp_name", r.tp_name},     {"lv_name", r.lv_name},
          {"size_kib", r.size_kib},   {"tp_size_kib", r.tp_size_kib},
          {"pool_meta_kib", r.pool_meta_kib}, {"gid", r.gid},
          {"path", r.path},           {"arbiter", r.arbiter},
          {"lv", b.lv},               {"mounted", b.mounted},
          {"fstab", b.fstab},         {"dir", b.dir},
          {"process", b.process}};
}

MockPlacedBrick PlacedFromJson(const std::string& brick_id, const json& j) {
  MockPlacedBrick b;
  b.host = j.value("host", "");
  BrickRequest& r = b.req;
  r.brick_id = brick_id;
  r.device_id = j.value("device_id", "");
  r.tp_name = j.value("tp_name", "");
  r.lv_name = j.value("lv_name", "");
  r.size_kib = j.value("size_kib", int64_t{0});
  r.tp_size_kib = j.value("tp_size_kib", int64_t{0});
  r.pool_meta_kib = j.value("pool_meta_kib", int64_t{0});
  r.gid = j.value("gid", int64_t{0});
  r.path = j.value("path", "");
  r.arbiter = j.value("arbiter", false);
  b.lv = j.value("lv", true);
  b.mounted = j.value("mounted", true);
  b.fstab = j.value("fstab", true);
  b.dir = j.value("dir", true);
  b.process = j.value("process", true);
  return b;
}

json BlockToJson(const commands::BlockState& s) {
  return {{"name", s.name},         {"hosting_volume", s.hosting_volume},
          {"gbid", s.gbid},         {"size_gib", s.size_gib},
          {"ha_count", s.ha_count}, {"password", s.password},
          {"exported_on", s.exported_on},
          {"resize_failed_min_gib", s.resize_failed_min_gib}};
}

commands::BlockState BlockFromJson(const json& j) {
  commands::BlockState s;
  s.name = j.value("name", "");
  s.hosting_volume = j.value("hosting_volume", "");
  s.gbid = j.value("gbid", "");
  s.size_gib = j.value("size_gib", int64_t{0});
  s.ha_count = j.value("ha_count", int64_t{0});
  s.password = j.value("password", "");
  s.exported_on = j.value("exported_on", std::vector<std::string>{});
  s.resize_failed_min_gib = j.value("resize_failed_min_gib", int64_t{0});
  return s;
}

// The section `key` of `j`, or an empty one of the same kind when absent.
const json& Section(const json& j, const char* key, const json& empty) {
  auto it = j.find(key);
  return it == j.end() ? empty : *it;
}

// Throws json::exception on a malformed section.
MockNodeState StateFromJson(const json& j) {
  static const json kNoList = json::array();
  static const json kNoMap = json::object();
  MockNodeState state;
  for (const auto& d : Section(j, "devices", kNoList)) state.devices.insert(d.get<std::string>());
  for (const auto& b : Section(j, "bricks", kNoList)) state.bricks.insert(b.get<std::string>());
  for (const auto& [name, v] : Section(j, "volumes", kNoMap).items()) {
    state.volumes[name] = VolumeFromJson(name, v);
  }
  for (const auto& [id, b] : Section(j, "placed", kNoMap).items()) {
    state.placed[id] = PlacedFromJson(id, b);
  }
  for (const auto& p : Section(j, "pool", kNoList)) state.pool.insert(p.get<std::string>());
  state.heals = j.value("heals", int64_t{0});
  for (const auto& [key, s] : Section(j, "block_volumes", kNoMap).items()) {
    state.block_volumes[key] = BlockFromJson(s);
  }
  return state;
}

json StateToJson(const MockNodeState& state) {
  json volumes = json::object();
  for (const auto& [name, v] : state.volumes) volumes[name] = VolumeToJson(v);
  json placed = json::object();
  for (const auto& [id, b] : state.placed) placed[id] = PlacedToJson(b);
  json blocks = json::object();
  for (const auto& [key, s] : state.block_volumes) blocks[key] = BlockToJson(s);
  return {{"version", kMockStateVersion},
          {"devices", state.devices},
          {"bricks", state.bricks},
          {"volumes", volumes},
          {"placed", placed},
          {"pool", state.pool},
          {"heals", state.heals},
          {"block_volumes", blocks}};
}

}  // namespace

Result<MockNodeState> LoadMockState(const std::string& path) {
  std::ifstream in(path);
  if (!in) return MockNodeState{};
  std::stringstream text;
  text << in.rdbuf();
  try {
    json j = json::parse(text.str());
    if (!j.is_object()) return Internal("mock state " + path + " is not a JSON object");
    const int64_t version = j.value("version", int64_t{1});
    if (version > kMockStateVersion) {
      return Internal("mock state " + path + " has format version " + std::to_string(version) +
                      ", newer than " + std::to_string(kMockStateVersion));
    }
    return StateFromJson(j);
  } catch (const json::exception& e) {
    return Internal("mock state " + path + " is unreadable: " + e.what());
  }
}

Status SaveMockState(const std::string& path, const MockNodeState& state) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << StateToJson(state).dump(1);
    out.flush();
    if (!out) return Internal("cannot write mock state " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Internal("cannot replace mock state " + path);
  }
  return Status::Ok();
}

}  // namespace brickyard::executors
