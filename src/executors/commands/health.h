// The glusterd liveness check (spec provisioning §3.1, §8).
//
// Deliberate difference from Heketi: Heketi runs `systemctl status glusterd`,
// which only works on hosts managed by systemd and only says the unit is
// active. Brickyard asks glusterd itself:
// `gluster --mode=script --timeout=<t> pool list`, which exits 0 iff glusterd
// is running and answers its CLI socket, with or without systemd (containers,
// the test bed). Pure function; thread-safe.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "config/config.h"
#include "executors/commands/command.h"

namespace brickyard::executors::commands {

// The gluster CLI timeout of the probe, in seconds. `pool list` is answered
// by the local glusterd without cluster-wide locks, so a healthy daemon
// answers well within it.
inline constexpr int64_t kGlusterdProbeTimeoutS = 60;

// `gluster --mode=script --timeout=<t> pool list` with
// t = min(gluster_cli_timeout, kGlusterdProbeTimeoutS). The command is
// quiet and its transport limit is t + 60 seconds, so a hung CLI never holds
// the host for long. Succeeds (exit 0) iff glusterd answers; ParsePoolList
// (gluster_parse.h) reads the peers from its output if wanted.
Result<Command> GlusterdCheck(const config::ExecutorOptions& opts);

}  // namespace brickyard::executors::commands
