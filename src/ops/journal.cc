#include "ops/journal.h"

#include <spdlog/spdlog.h>

namespace brickyard::ops {

void RecordStep(Context& ctx, const std::string& op_id, const std::string& name,
                const std::string& target) {
  model::OpStep step;
  step.name = name;
  step.target = target;
  step.at_unix = ctx.clock.NowUnix();
  Status st = ctx.store.Update([&](store::WriteTx& tx) { return tx.AppendOpStep(op_id, step); });
  if (!st.ok()) spdlog::error("operation {}: cannot record step {}: {}", op_id, name, st.ToString());
}

}  // namespace brickyard::ops
