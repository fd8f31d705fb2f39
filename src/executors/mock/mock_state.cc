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
  for (const auto& b : v.bricks) {
    bricks.push_back(b.name);
    arbiters.push_back(b.is_arbiter);
  }
  return {{"id", v.id},
          {"status", v.status},
          {"status_str", v.status_str},
          {"replica_count", v.replica_count},
          {"arbiter_count", v.arbiter_count},
          {"disperse_count", v.disperse_count},
          {"redundancy_count", v.redundancy_count},
          {"dist_count", v.dist_count},
          {"bricks", bricks},
          {"arbiters", arbiters}};
}

commands::GlusterVolume VolumeFromJson(const std::string& name, const json& j) {
  commands::GlusterVolume v;
  v.name = name;
  v.id = j.value("id", "");
  v.status = j.value("status", int64_t{0});
  v.status_str = j.value("status_str", "");
  v.replica_count = j.value("replica_count", int64_t{0});
  v.arbiter_count = j.value("arbiter_count", int64_t{0});
  v.disperse_count = j.value("disperse_count", int64_t{0});
  v.redundancy_count = j.value("redundancy_count", int64_t{0});
  v.dist_count = j.value("dist_count", int64_t{0});
  const json& bricks = j.at("bricks");
  const json arbiters = j.value("arbiters", json::array());
  for (size_t i = 0; i < bricks.size(); ++i) {
    bool arbiter = i < arbiters.size() && arbiters[i].get<bool>();
    v.bricks.push_back({bricks[i].get<std::string>(), "", arbiter});
  }
  v.brick_count = static_cast<int64_t>(v.bricks.size());
  return v;
}

}  // namespace

Result<MockNodeState> LoadMockState(const std::string& path) {
  MockNodeState state;
  std::ifstream in(path);
  if (!in) return state;
  std::stringstream text;
  text << in.rdbuf();
  try {
    json j = json::parse(text.str());
    for (const auto& d : j.at("devices")) state.devices.insert(d.get<std::string>());
    for (const auto& b : j.at("bricks")) state.bricks.insert(b.get<std::string>());
    for (const auto& [name, v] : j.at("volumes").items()) state.volumes[name] = VolumeFromJson(name, v);
  } catch (const json::exception& e) {
    return Internal("mock state " + path + " is unreadable: " + e.what());
  }
  return state;
}

Status SaveMockState(const std::string& path, const MockNodeState& state) {
  json volumes = json::object();
  for (const auto& [name, v] : state.volumes) volumes[name] = VolumeToJson(v);
  json j = {{"devices", state.devices}, {"bricks", state.bricks}, {"volumes", volumes}};
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << j.dump(1);
    out.flush();
    if (!out) return Internal("cannot write mock state " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Internal("cannot replace mock state " + path);
  }
  return Status::Ok();
}

}  // namespace brickyard::executors
