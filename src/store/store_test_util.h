// Test helpers for the store: a temporary directory and fully populated
// sample objects (every field differs from its default, so a round trip that
// drops a field is caught).
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "model/operation.h"
#include "model/topology.h"
#include "model/volume.h"
#include "store/store.h"

namespace brickyard::store::test_util {

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "brickyard-store-XXXXXX").string();
    char* p = mkdtemp(tmpl.data());
    if (p == nullptr) std::abort();
    path_ = p;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The value of `r`, or a default T after recording a test failure.
template <typename T>
T Must(Result<T> r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : T{};
}

// A 32-hex-digit id whose order follows `n`.
inline std::string Id(int n) {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%032x", n);
  return buf;
}

inline model::Cluster SampleCluster(const std::string& id, const std::string& name = "") {
  model::Cluster c;
  c.id = id;
  c.name = name;
  c.file = false;
  c.block = true;
  return c;
}

inline model::Node SampleNode(const std::string& id, const std::string& cluster_id,
                              const std::string& host) {
  model::Node n;
  n.id = id;
  n.cluster_id = cluster_id;
  n.zone = 3;
  n.manage_hostnames = {host + ".manage", host + ".manage-alt"};
  n.storage_hostnames = {host + ".storage"};
  n.tags = {{"rack", "r1"}, {"arbiter", "supported"}};
  n.state = model::State::kOffline;
  return n;
}

inline model::Device SampleDevice(const std::string& id, const std::string& node_id) {
  model::Device d;
  d.id = id;
  d.node_id = node_id;
  d.name = "/dev/sdb";
  d.tags = {{"ssd", "yes"}};
  d.state = model::State::kFailed;
  d.total_kib = 104857600;
  d.free_kib = 94318592;
  d.used_kib = 10539008;
  d.extent_kib = 8192;
  d.pv_uuid = "Yb3xKd-abcd-efgh";
  d.paths = {"/dev/sdb", "/dev/disk/by-id/wwn-0x5000"};
  return d;
}

inline model::Volume SampleVolume(const std::string& id, const std::string& cluster_id,
                                  const std::string& name) {
  model::Volume v;
  v.id = id;
  v.cluster_id = cluster_id;
  v.name = name;
  v.size_gib = 10;
  v.durability.type = model::DurabilityType::kDisperse;
  v.durability.replica = 0;
  v.durability.data = 4;
  v.durability.redundancy = 2;
  v.gid = 2001;
  v.options = {"performance.rda-cache-limit 10MB", "", "user.heketi.id " + id};
  v.block = true;
  v.snapshot_enable = true;
  v.snapshot_factor = 1.25;
  v.block_info.free_size = 7;
  v.block_info.reserved_size = 1;
  v.block_info.restriction = "locked";
  return v;
}

inline model::Brick SampleBrick(const std::string& id, const std::string& volume_id,
                                const std::string& device_id, const std::string& node_id) {
  model::Brick b;
  b.id = id;
  b.volume_id = volume_id;
  b.device_id = device_id;
  b.node_id = node_id;
  b.path = "/var/lib/heketi/mounts/vg_x/brick_" + id + "/brick";
  b.size_kib = 10485760;
  b.tp_size_kib = 10485761;
  b.pool_meta_kib = 53248;
  b.role = model::BrickRole::kArbiter;
  b.set_index = 4;
  b.set_position = 2;
  return b;
}

inline model::PendingOp SampleOp(const std::string& id, model::OpType type) {
  model::PendingOp op;
  op.id = id;
  op.type = type;
  op.timestamp = 1700000000;
  op.status = model::OpStatus::kStale;
  op.changes = {{model::ChangeType::kAddVolume, Id(900), 0},
                {model::ChangeType::kAddBrick, Id(901), 0},
                {model::ChangeType::kExpandVolume, Id(900), 5}};
  return op;
}

inline Job SampleJob(const std::string& id) {
  Job j;
  j.id = id;
  j.state = Job::State::kFailed;
  j.location = "/volumes/" + id;
  j.error = "No space";
  j.owner = "admin";
  j.created_unix = 1700000001;
  j.finished_unix = 1700000002;
  return j;
}

// Every field as a tuple, so EXPECT_EQ(Fields(a), Fields(b)) compares all.
inline auto Fields(const model::Cluster& c) {
  return std::make_tuple(c.id, c.name, c.file, c.block);
}
inline auto Fields(const model::Node& n) {
  return std::make_tuple(n.id, n.cluster_id, n.zone, n.manage_hostnames, n.storage_hostnames,
                         n.tags, static_cast<int>(n.state));
}
inline auto Fields(const model::Device& d) {
  return std::make_tuple(d.id, d.node_id, d.name, d.tags, static_cast<int>(d.state), d.total_kib,
                         d.free_kib, d.used_kib, d.extent_kib, d.pv_uuid, d.paths);
}
inline auto Fields(const model::Brick& b) {
  return std::make_tuple(b.id, b.volume_id, b.device_id, b.node_id, b.path, b.size_kib,
                         b.tp_size_kib, b.pool_meta_kib, static_cast<int>(b.role), b.set_index,
                         b.set_position, b.pending_op);
}
inline auto Fields(const model::Volume& v) {
  return std::make_tuple(v.id, v.cluster_id, v.name, v.size_gib,
                         static_cast<int>(v.durability.type), v.durability.replica,
                         v.durability.data, v.durability.redundancy, v.gid, v.options, v.block,
                         v.snapshot_enable, v.snapshot_factor, v.block_info.free_size,
                         v.block_info.reserved_size, v.block_info.restriction, v.pending_op);
}
inline auto Fields(const model::PendingOp& op) {
  std::vector<std::tuple<int, std::string, int64_t>> changes;
  for (const auto& c : op.changes) changes.emplace_back(static_cast<int>(c.change), c.id, c.delta);
  return std::make_tuple(op.id, static_cast<int>(op.type), op.timestamp,
                         static_cast<int>(op.status), changes);
}
inline auto Fields(const model::OpStep& s) {
  return std::make_tuple(s.seq, s.name, s.target, s.at_unix);
}
inline auto Fields(const Job& j) {
  return std::make_tuple(j.id, static_cast<int>(j.state), j.location, j.error, j.owner,
                         j.created_unix, j.finished_unix);
}

}  // namespace brickyard::store::test_util
