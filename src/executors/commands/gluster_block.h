// gluster-block command builders and output parsers (spec provisioning §3.7).
//
// The commands have no gluster prefix and run under kBrickTimeoutS (10 min).
// `<hosting>/<name>` is one argument; hosting volume and block volume names
// are gluster volume names (validate.h), hosts are hostnames, the prealloc
// mode matches [A-Za-z0-9_-]+. gluster-block answers with one JSON object,
// on stdout or (for some failures) on stderr. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "config/config.h"
#include "executors/commands/command.h"

namespace brickyard::executors::commands {

struct BlockCreateArgs {
  std::string hosting_volume;
  std::string name;
  int64_t ha_count = 0;             // 1 <= ha_count <= hosts.size()
  bool auth = false;
  std::vector<std::string> hosts;   // storage hostnames that export the LUN
  int64_t size_gib = 0;
};

// `gluster-block create <hosting>/<name> ha <N> auth enable|disable
//  prealloc <opts.block_prealloc> <h1,h2,...> <size>GiB --json`.
Result<Command> BlockCreate(const config::ExecutorOptions& opts, const BlockCreateArgs& args);

// `gluster-block delete <hosting>/<name> --json`.
Result<Command> BlockDelete(const config::ExecutorOptions& opts, std::string_view hosting_volume,
                            std::string_view name);

// `gluster-block modify <hosting>/<name> size <size>GiB --json`.
Result<Command> BlockModify(const config::ExecutorOptions& opts, std::string_view hosting_volume,
                            std::string_view name, int64_t size_gib);

// `gluster-block info <hosting>/<name> --json`.
Result<Command> BlockInfo(const config::ExecutorOptions& opts, std::string_view hosting_volume,
                          std::string_view name);

// What `create` reports.
struct BlockCreated {
  std::string iqn;
  std::string username;
  std::string password;
  std::vector<std::string> portals;
};

// What `info` reports.
struct BlockState {
  std::string name;
  std::string hosting_volume;
  std::string gbid;
  int64_t size_gib = 0;    // "SIZE", e.g. "1.0 GiB" (E/P/T/G units), rounded down
  int64_t ha_count = 0;
  std::string password;
  std::vector<std::string> exported_on;
  // The smallest size in "RESIZE FAILED ON", 0 when no resize failed.
  int64_t resize_failed_min_gib = 0;
  std::string Iqn() const { return "iqn.2016-12.org.gluster-block:" + gbid; }
};

// The JSON answer of a command: `out` unless it is blank, else `err`
// (`prefer_err` reverses the order, for delete). Internal when neither holds
// a JSON object, or its "RESULT" is "FAIL" (the message carries errMsg);
// NotFound instead when the failure says the block volume ("doesn't exist")
// or its hosting volume ("does not exist") is missing.
Result<std::string> BlockAnswer(std::string_view out, std::string_view err, bool prefer_err);

// Parse an answer selected by BlockAnswer. Internal for a missing field.
Result<BlockCreated> ParseBlockCreate(std::string_view json);
Result<BlockState> ParseBlockInfo(std::string_view json);

// "1.0 GiB", "512.0 MiB", "2 TiB" -> whole GiB (rounded down). Internal for
// another shape.
Result<int64_t> ParseBlockSize(std::string_view text);

}  // namespace brickyard::executors::commands
