// MockNodeState: what the mock executor believes exists on the nodes, and its
// JSON file form, so a test can keep it across server restarts and look for
// leaked bricks and volumes, or examine the nodes, after a crash. For tests
// only.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "common/status.h"
#include "executors/commands/gluster_block.h"
#include "executors/commands/gluster_parse.h"
#include "executors/executor.h"

namespace brickyard::executors {

// The version SaveMockState writes. Version 1 (files without "version") held
// only devices, bricks and volumes; its other sections load as empty.
inline constexpr int64_t kMockStateVersion = 2;

// A brick as its node holds it (inspection): the request that made it and
// which of its parts still exist.
struct MockPlacedBrick {
  std::string host;  // manage hostname it was created on
  BrickRequest req;
  bool lv = true, mounted = true, fstab = true, dir = true, process = true;
};

// Everything the mock keeps about the nodes, except which hosts are down
// (a test's momentary simulation, never saved).
struct MockNodeState {
  std::set<std::string> devices;  // "host|device"
  std::set<std::string> bricks;   // brick ids
  std::map<std::string, commands::GlusterVolume> volumes;  // by name
  std::map<std::string, MockPlacedBrick> placed;           // by brick id
  std::set<std::string> pool;                              // peer hostnames probed or probing
  int64_t heals = 0;                                       // full heals started
  std::map<std::string, commands::BlockState> block_volumes;  // by "<hosting>/<name>"
};

// Reads `path`; a missing file is an empty state, a missing section an empty
// one. Internal when the file is unreadable, not a JSON object, or written
// in a version newer than kMockStateVersion.
Result<MockNodeState> LoadMockState(const std::string& path);

// Replaces `path` atomically (temporary file, then rename), so a process
// killed at any moment leaves the previous or the new state, never half.
// File form: {"version":2,"devices":[...],"bricks":[...],
// "volumes":{"<name>":{"id":..,"bricks":["host:path",...],...}},
// "placed":{"<brick id>":{"host":..,<request fields>,"lv":true,...}},
// "pool":[...],"heals":N,"block_volumes":{"<hosting>/<name>":{...}}}.
Status SaveMockState(const std::string& path, const MockNodeState& state);

}  // namespace brickyard::executors
