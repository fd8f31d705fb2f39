// MockNodeState: what the mock executor believes exists on the nodes, and its
// JSON file form, so a test can keep it across server restarts and look for
// leaked bricks and volumes after a crash. For tests only.
#pragma once

#include <map>
#include <set>
#include <string>

#include "common/status.h"
#include "executors/commands/gluster_parse.h"

namespace brickyard::executors {

struct MockNodeState {
  std::set<std::string> devices;  // "host|device"
  std::set<std::string> bricks;   // brick ids
  std::map<std::string, commands::GlusterVolume> volumes;  // by name
};

// Reads `path`; a missing file is an empty state. Internal when unreadable.
Result<MockNodeState> LoadMockState(const std::string& path);

// Replaces `path` atomically (temporary file, then rename), so a process
// killed at any moment leaves the previous or the new state, never half.
// File form: {"devices":[...],"bricks":[...],"volumes":{"<name>":{"id":..,
// "bricks":["host:path",...], ...counts}}}.
Status SaveMockState(const std::string& path, const MockNodeState& state);

}  // namespace brickyard::executors
