// Reconcile: the repairs examine proposes, applied on confirmation.
//
// PlanReconcile examines and returns the repairable findings selected: the
// findings named by `finding_ids`, or, when it is empty, every finding with
// a repair except adopt-volume unless `adopt` is set (adoption is explicit).
// PrepareReconcile validates the same way, then returns a job that examines
// afresh, and applies the repair of every selected finding still present,
// one at a time; a finding gone since is skipped. Before each repair the
// store is read again: an object that an operation has taken over since is
// left alone; a leaked brick is destroyed only when gluster, asked once
// more just before, has no volume with a brick under its mount point; an
// adoption plans again from a fresh read and writes in one transaction
// (adopt.h). Repairs are idempotent, so a crash or a failure leaves
// something the next examine reports again.
//
// Errors: InvalidArgument for an id that is not 32 hex characters; NotFound
// naming an id that no current finding has; Conflict for a finding whose
// repair is "none", and Conflict when another apply holds the gate. The job
// fails with one line per failed repair.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "ops/context.h"
#include "ops/examine.h"
#include "ops/prepared.h"

namespace brickyard::ops {

// Serialises reconcile applies: one holds the gate from PrepareReconcile
// until its job has run (or was abandoned); another is refused meanwhile.
// Thread-safe. Tickets may outlive the gate.
class ReconcileGate {
 public:
  class Ticket;
  // A ticket that holds the gate until released or destroyed; Conflict
  // when another ticket holds it.
  Result<std::shared_ptr<Ticket>> Enter();

 private:
  std::shared_ptr<std::atomic<bool>> busy_ = std::make_shared<std::atomic<bool>>(false);
};

class ReconcileGate::Ticket {
 public:
  explicit Ticket(std::shared_ptr<std::atomic<bool>> busy) : busy_(std::move(busy)) {}
  Ticket(const Ticket&) = delete;
  Ticket& operator=(const Ticket&) = delete;
  ~Ticket() { Release(); }
  // Opens the gate; later calls do nothing.
  void Release();

 private:
  std::shared_ptr<std::atomic<bool>> busy_;
  std::atomic<bool> released_{false};
};

Result<std::vector<Finding>> PlanReconcile(Context& ctx, const std::vector<std::string>& finding_ids,
                                           bool adopt = false);

Result<PreparedOp> PrepareReconcile(Context& ctx, const std::vector<std::string>& finding_ids, bool adopt,
                                    ReconcileGate& gate);

// Applies the repair of one finding. Exposed for tests.
Status ApplyRepair(Context& ctx, const Finding& f);

}  // namespace brickyard::ops
