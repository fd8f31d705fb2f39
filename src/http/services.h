// Services: what the handlers reach, wired by the composition root.
#pragma once

#include <functional>
#include <string>

#include "http/admin_state.h"
#include "http/message.h"
#include "http/router.h"
#include "ops/context.h"
#include "ops/job_queue.h"
#include "ops/op_cleaner.h"
#include "ops/prepared.h"
#include "ops/topology_ops.h"
#include "ops/volume_ops.h"

namespace brickyard::http {

// Run-time control of the log level (GET/POST /internal/logging).
struct LogControl {
  std::function<std::string()> get;             // current level name
  std::function<bool(const std::string&)> set;  // false for an unknown level
};

struct Services {
  ops::Context& ctx;
  ops::VolumeOps& volumes;
  ops::TopologyOps& topology;
  ops::JobQueue& volume_jobs;    // throttled class: bounded queue (429 past the bound)
  ops::JobQueue& topology_jobs;  // node/device changes: never refused
  AdminState& admin;
  LogControl& log;
  ops::OpCleaner& cleaner;  // pending-operation cleanup (POST /operations/pending/cleanup)
};

// Submits a prepared operation to `queue` and answers 202, or releases what
// the operation's Build claimed and answers the error.
Reply Submit(ops::JobQueue& queue, const Request& req, Result<ops::PreparedOp> prepared,
             bool bounded);

// Route registration, one function per resource family.
void RegisterClusterRoutes(Router& r, Services& s);
void RegisterNodeRoutes(Router& r, Services& s);
void RegisterDeviceRoutes(Router& r, Services& s);
void RegisterVolumeRoutes(Router& r, Services& s);
void RegisterBlockVolumeRoutes(Router& r, Services& s);
void RegisterBrickRoutes(Router& r, Services& s);
void RegisterQueueRoutes(Router& r, Services& s);
void RegisterOperationRoutes(Router& r, Services& s);
void RegisterDbRoutes(Router& r, Services& s);
void RegisterAdminRoutes(Router& r, Services& s);
void RegisterStateRoutes(Router& r, Services& s);
Handler MetricsHandler(Services& s);

inline void RegisterAllRoutes(Router& r, Services& s) {
  RegisterClusterRoutes(r, s);
  RegisterNodeRoutes(r, s);
  RegisterDeviceRoutes(r, s);
  RegisterVolumeRoutes(r, s);
  RegisterBlockVolumeRoutes(r, s);
  RegisterBrickRoutes(r, s);
  RegisterQueueRoutes(r, s);
  RegisterOperationRoutes(r, s);
  RegisterDbRoutes(r, s);
  RegisterAdminRoutes(r, s);
  RegisterStateRoutes(r, s);
}

}  // namespace brickyard::http
