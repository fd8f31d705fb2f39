#include "ops/op_cleaner.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/strings.h"
#include "ops/op_recovery.h"

namespace brickyard::ops {
namespace {

bool IsChild(const model::PendingOp& op) {
  return std::any_of(op.changes.begin(), op.changes.end(), [](const model::OpChange& c) {
    return c.change == model::ChangeType::kParentOperation;
  });
}

}  // namespace

std::string BackgroundHoldBack(const std::vector<const JobQueue*>& queues) {
  int64_t queued = 0;
  for (const JobQueue* q : queues) queued += q->Queued();
  if (queued == 0) return "";
  return std::to_string(queued) +
         " client operation(s) wait for a worker (the server is at its in-flight limit)";
}

Status CleanupReport::ToStatus() const {
  if (failed.empty()) return Status::Ok();
  return Internal(std::to_string(failed.size()) + " of " +
                  std::to_string(failed.size() + cleaned.size()) +
                  " operations could not be cleaned up: " + Join(failed, "; "));
}

std::string OpCleaner::LastFailure(const std::vector<model::OpStep>& steps) {
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    if (it->name == kCleanupFailedStep) return it->target;
  }
  return "";
}

Result<CleanupReport> OpCleaner::Clean(const std::vector<std::string>& ids) {
  std::lock_guard lock(run_mu_);
  std::vector<model::PendingOp> ops;
  BY_RETURN_IF_ERROR(ctx_.store.View([&](store::ReadTx& tx) -> Status {
    if (ids.empty()) {
      BY_ASSIGN_OR_RETURN(ops, tx.ListPendingOps());
      return Status::Ok();
    }
    for (const auto& id : ids) {
      auto op = tx.GetPendingOp(id);
      if (!op.ok()) {
        return op.status().code() == Code::kNotFound ? NotFound("Id not found: " + id) : op.status();
      }
      ops.push_back(std::move(op).value());
    }
    return Status::Ok();
  }));
  std::sort(ops.begin(), ops.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  CleanupReport report;
  for (const auto& op : ops) {
    if (op.status == model::OpStatus::kNew || IsChild(op)) {
      report.skipped.push_back(op.id);
      continue;
    }
    CleanOne(op, report);
  }
  return report;
}

void OpCleaner::CleanOne(const model::PendingOp& op, CleanupReport& report) {
  const std::string type(model::OpTypeName(op.type));
  std::vector<model::OpStep> steps;
  Status st = ctx_.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(steps, tx.ListOpSteps(op.id));
    return Status::Ok();
  });
  if (st.ok()) {
    spdlog::info("cleaning up {} operation {} ({})", type, op.id, model::OpStatusName(op.status));
    st = RecoverOp(ctx_, op, steps);
  }
  if (st.ok()) {
    spdlog::info("{} operation {} cleaned up", type, op.id);
    report.cleaned.push_back(op.id);
    return;
  }
  spdlog::error("cleanup of {} operation {} failed: {}", type, op.id, st.message());
  report.failed.push_back(op.id + ": " + st.message());
  Status marked = ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    auto cur = tx.GetPendingOp(op.id);
    if (!cur.ok()) return cur.status().code() == Code::kNotFound ? Status::Ok() : cur.status();
    cur->status = model::OpStatus::kFailed;
    BY_RETURN_IF_ERROR(tx.PutPendingOp(*cur));
    model::OpStep step;
    step.name = kCleanupFailedStep;
    step.target = st.message();
    step.at_unix = ctx_.clock.NowUnix();
    return tx.AppendOpStep(op.id, step);
  });
  if (!marked.ok()) spdlog::error("cannot mark operation {} failed: {}", op.id, marked.ToString());
}

Result<RoundReport> OpCleaner::RunBackgroundRound(const std::vector<const JobQueue*>& queues,
                                                  int64_t abandoned_after_s) {
  RoundReport round;
  round.skipped = BackgroundHoldBack(queues);
  if (!round.skipped.empty()) return round;
  int64_t busy = 0;
  for (const JobQueue* q : queues) busy += q->InFlight() + q->Queued();
  if (busy == 0) {
    auto marked = MarkAbandoned(abandoned_after_s);
    if (marked.ok()) {
      round.marked_stale = *marked;
    } else {
      spdlog::warn("operation cleaner: {}", marked.status().ToString());
    }
  }
  BY_ASSIGN_OR_RETURN(round.cleanup, Clean());
  return round;
}

Result<int64_t> OpCleaner::MarkAbandoned(int64_t min_age_s) {
  std::lock_guard lock(run_mu_);
  int64_t marked = 0;
  const int64_t cutoff = ctx_.clock.NowUnix() - min_age_s;
  BY_RETURN_IF_ERROR(ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(auto ops, tx.ListPendingOps());
    for (auto op : ops) {
      if (op.status != model::OpStatus::kNew || op.timestamp > cutoff) continue;
      spdlog::warn("operation {} ({}) has no running job; marked stale", op.id,
                   model::OpTypeName(op.type));
      op.status = model::OpStatus::kStale;
      BY_RETURN_IF_ERROR(tx.PutPendingOp(op));
      ++marked;
    }
    return Status::Ok();
  }));
  return marked;
}

}  // namespace brickyard::ops
