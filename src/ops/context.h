// Context: what every operation needs, injected by the composition root.
// Nothing here is owned; everything outlives the operations.
#pragma once

#include <cstdint>

#include "common/clock.h"
#include "config/config.h"
#include "executors/executor.h"
#include "ops/health.h"
#include "store/store.h"

namespace brickyard::ops {

struct Context {
  store::Store& store;
  executors::Executor& executor;
  const config::Config& config;
  const Clock& clock;
  HealthCache& health;
};

}  // namespace brickyard::ops
