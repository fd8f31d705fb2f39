// OpCleaner: finishes operations a crash or a failed rollback left pending
// (spec provisioning §5.6), with the per-type recovery of op_recovery.h.
//
// Only operations marked "stale" (left by an earlier run of the server) or
// "failed" are cleaned; "" marks an operation of this process, which may be
// running and is never touched. Operations are cleaned one at a time, in id
// order; child operations are left to their parent. An operation whose
// recovery fails is marked "failed", the reason is appended as a step named
// "cleanup-failed" (target: the reason), and it stays for the next round, so
// GET /operations and /operations/pending report it.
//
// Background rounds (RunBackgroundRound: start-up and periodic) are held back
// while the server is at its in-flight limit; on-demand cleanups (Clean) and
// the offline command never are (DECISIONS #32).
//
// Thread-safe: runs (Clean, MarkAbandoned) are serialised by a mutex, so the
// background cleaner, on-demand cleanups and the offline command never clean
// the same operation at once.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "ops/context.h"
#include "ops/job_queue.h"

namespace brickyard::ops {

inline constexpr const char* kCleanupFailedStep = "cleanup-failed";

struct CleanupReport {
  std::vector<std::string> cleaned;  // operation ids, now gone
  std::vector<std::string> failed;   // "<id>: <reason>", now marked failed
  std::vector<std::string> skipped;  // ids left alone: in progress, or a child
  // OK when nothing failed, else Internal listing the failures.
  Status ToStatus() const;
};

// What one background round did.
struct RoundReport {
  std::string skipped;       // why the round was skipped (nothing done); "" when it ran
  int64_t marked_stale = 0;  // abandoned operations marked stale (MarkAbandoned)
  CleanupReport cleanup;     // what Clean did
};

// Why a background round must wait for `queues`, "" when it may run. The
// rule: skip when any client operation is queued waiting for a worker
// (Queued() > 0 on any queue). A job waits only when all of its queue's
// workers (glusterfs.max_inflight_operations for volume jobs) are busy, so
// the server is at its in-flight limit and cleaning, which calls the same
// nodes and writes the same store, would compete with client operations.
std::string BackgroundHoldBack(const std::vector<const JobQueue*>& queues);

class OpCleaner {
 public:
  explicit OpCleaner(Context& ctx) : ctx_(ctx) {}

  // Cleans the stale and failed operations among `ids`, or all of them when
  // `ids` is empty. Unknown ids are NotFound before anything is cleaned.
  // Errors of the store are returned; recovery errors are in the report.
  Result<CleanupReport> Clean(const std::vector<std::string>& ids = {});

  // Marks "stale" every "" operation older than `min_age_s`. Only for callers
  // that know no operation of this process is running or queued (the
  // periodic cleaner checks its queues): then such a record was abandoned.
  // Returns how many were marked.
  Result<int64_t> MarkAbandoned(int64_t min_age_s);

  // One round of the background cleaner over the server's job queues
  // (`queues`: every queue whose jobs are client operations). Skipped, with
  // the reason in the report and nothing done, when BackgroundHoldBack says
  // so; the caller retries at its next period. Else, when no job runs nor
  // waits, marks abandoned the "" operations older than `abandoned_after_s`
  // (a failure to mark is logged, cleaning goes on), then cleans as Clean()
  // does. Errors of the store while cleaning are returned.
  Result<RoundReport> RunBackgroundRound(const std::vector<const JobQueue*>& queues,
                                         int64_t abandoned_after_s);

  // The last "cleanup-failed" reason of an operation, "" when none.
  static std::string LastFailure(const std::vector<model::OpStep>& steps);

 private:
  void CleanOne(const model::PendingOp& op, CleanupReport& report);

  Context& ctx_;
  std::mutex run_mu_;  // one run at a time
};

}  // namespace brickyard::ops
