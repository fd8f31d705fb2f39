// Pending operations (with their changes and steps) and async jobs.
#include <unordered_map>

#include "store/query.h"
#include "store/row_codec.h"
#include "store/sqlite_tx.h"

namespace brickyard::store {
namespace {

Result<model::PendingOp> ReadOp(const Statement& q) {
  model::PendingOp op;
  op.id = q.Text(0);
  op.type = static_cast<model::OpType>(q.Int(1));
  op.timestamp = q.Int(2);
  BY_ASSIGN_OR_RETURN(op.status, DecodeOpStatus(q.Text(3)));
  return op;
}

// Columns: op_id, change, target_id, delta.
Result<model::OpChange> ReadChange(const Statement& q) {
  model::OpChange c;
  c.change = static_cast<model::ChangeType>(q.Int(1));
  c.id = q.Text(2);
  c.delta = q.Int(3);
  return c;
}

Result<model::OpStep> ReadStep(const Statement& q) {
  model::OpStep s;
  s.seq = q.Int(0);
  s.name = q.Text(1);
  s.target = q.Text(2);
  s.at_unix = q.Int(3);
  return s;
}

Result<Job> ReadJob(const Statement& q) {
  Job j;
  j.id = q.Text(0);
  BY_ASSIGN_OR_RETURN(j.state, DecodeJobState(q.Text(1)));
  j.location = q.Text(2);
  j.error = q.Text(3);
  j.owner = q.Text(4);
  j.created_unix = q.Int(5);
  j.finished_unix = q.Int(6);
  return j;
}

}  // namespace

// ---- pending operations ----

Result<model::PendingOp> SqliteTx::GetPendingOp(const std::string& id) {
  model::PendingOp op;
  {
    BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("get pending op",
                                                 "SELECT id, type, timestamp, status "
                                                 "FROM pending_ops WHERE id = ?"));
    q.BindText(1, id);
    BY_ASSIGN_OR_RETURN(op, QueryOne(q, ReadOp));
  }
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("get pending op",
                                               "SELECT op_id, change, target_id, delta "
                                               "FROM op_changes WHERE op_id = ? ORDER BY seq"));
  q.BindText(1, id);
  BY_ASSIGN_OR_RETURN(op.changes, QueryAll<model::OpChange>(q, ReadChange));
  return op;
}

Result<std::vector<model::PendingOp>> SqliteTx::ListPendingOps() {
  std::vector<model::PendingOp> ops;
  {
    BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("list pending ops",
                                                 "SELECT id, type, timestamp, status "
                                                 "FROM pending_ops ORDER BY id"));
    BY_ASSIGN_OR_RETURN(ops, QueryAll<model::PendingOp>(q, ReadOp));
  }
  std::unordered_map<std::string, model::PendingOp*> by_id;
  for (auto& op : ops) by_id.emplace(op.id, &op);
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("list pending ops",
                                               "SELECT op_id, change, target_id, delta "
                                               "FROM op_changes ORDER BY op_id, seq"));
  while (true) {
    BY_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    BY_ASSIGN_OR_RETURN(model::OpChange c, ReadChange(q));
    auto it = by_id.find(q.Text(0));
    if (it != by_id.end()) it->second->changes.push_back(std::move(c));
  }
  return ops;
}

Result<std::vector<model::OpStep>> SqliteTx::ListOpSteps(const std::string& op_id) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("list op steps",
                                               "SELECT seq, name, target, at_unix FROM op_steps "
                                               "WHERE op_id = ? ORDER BY seq"));
  q.BindText(1, op_id);
  return QueryAll<model::OpStep>(q, ReadStep);
}

Status SqliteTx::PutPendingOp(const model::PendingOp& op) {
  {
    BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("put pending op",
                                                 "INSERT INTO pending_ops "
                                                 "(id, type, timestamp, status) "
                                                 "VALUES (?, ?, ?, ?) "
                                                 "ON CONFLICT (id) DO UPDATE SET "
                                                 "type = excluded.type, "
                                                 "timestamp = excluded.timestamp, "
                                                 "status = excluded.status"));
    q.BindText(1, op.id)
        .BindInt(2, static_cast<int64_t>(op.type))
        .BindInt(3, op.timestamp)
        .BindText(4, model::OpStatusName(op.status));
    BY_RETURN_IF_ERROR(q.Run());
  }
  BY_RETURN_IF_ERROR(RunWith("put pending op", "DELETE FROM op_changes WHERE op_id = ?", op.id));
  for (size_t i = 0; i < op.changes.size(); ++i) {
    const model::OpChange& c = op.changes[i];
    BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("put pending op",
                                                 "INSERT INTO op_changes "
                                                 "(op_id, seq, change, target_id, delta) "
                                                 "VALUES (?, ?, ?, ?, ?)"));
    q.BindText(1, op.id)
        .BindInt(2, static_cast<int64_t>(i))
        .BindInt(3, static_cast<int64_t>(c.change))
        .BindText(4, c.id)
        .BindInt(5, c.delta);
    BY_RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Status SqliteTx::DeletePendingOp(const std::string& id) {
  BY_RETURN_IF_ERROR(RunWith("delete pending op", "DELETE FROM op_changes WHERE op_id = ?", id));
  BY_RETURN_IF_ERROR(RunWith("delete pending op", "DELETE FROM op_steps WHERE op_id = ?", id));
  return RunWith("delete pending op", "DELETE FROM pending_ops WHERE id = ?", id);
}

Status SqliteTx::AppendOpStep(const std::string& op_id, const model::OpStep& step) {
  int64_t seq = step.seq;
  {
    BY_ASSIGN_OR_RETURN(Statement q,
                        db_.Prepare("append op step",
                                    "SELECT (SELECT COALESCE(MAX(seq), 0) + 1 FROM op_steps "
                                    "WHERE op_id = ?1) FROM pending_ops WHERE id = ?1"));
    q.BindText(1, op_id);
    BY_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return NotFound("Id not found");
    if (seq == 0) seq = q.Int(0);
  }
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("append op step",
                                               "INSERT INTO op_steps "
                                               "(op_id, seq, name, target, at_unix) "
                                               "VALUES (?, ?, ?, ?, ?)"));
  q.BindText(1, op_id).BindInt(2, seq).BindText(3, step.name).BindText(4, step.target);
  q.BindInt(5, step.at_unix);
  return q.Run();
}

// ---- jobs ----

Result<Job> SqliteTx::GetJob(const std::string& id) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("get job",
                                               "SELECT id, state, location, error, owner, "
                                               "created_unix, finished_unix FROM jobs "
                                               "WHERE id = ?"));
  q.BindText(1, id);
  return QueryOne(q, ReadJob);
}

Result<std::vector<Job>> SqliteTx::ListRunningJobs() {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("list running jobs",
                                               "SELECT id, state, location, error, owner, "
                                               "created_unix, finished_unix FROM jobs "
                                               "WHERE state = 'running' ORDER BY id"));
  return QueryAll<Job>(q, ReadJob);
}

Status SqliteTx::PutJob(const Job& job) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("put job",
                                               "INSERT INTO jobs (id, state, location, error, "
                                               "owner, created_unix, finished_unix) "
                                               "VALUES (?, ?, ?, ?, ?, ?, ?) "
                                               "ON CONFLICT (id) DO UPDATE SET "
                                               "state = excluded.state, "
                                               "location = excluded.location, "
                                               "error = excluded.error, owner = excluded.owner, "
                                               "created_unix = excluded.created_unix, "
                                               "finished_unix = excluded.finished_unix"));
  q.BindText(1, job.id)
      .BindText(2, JobStateText(job.state))
      .BindText(3, job.location)
      .BindText(4, job.error)
      .BindText(5, job.owner)
      .BindInt(6, job.created_unix)
      .BindInt(7, job.finished_unix);
  return q.Run();
}

Status SqliteTx::DeleteJob(const std::string& id) {
  return RunWith("delete job", "DELETE FROM jobs WHERE id = ?", id);
}

Result<int64_t> SqliteTx::DeleteJobsFinishedBefore(int64_t cutoff_unix) {
  BY_ASSIGN_OR_RETURN(Statement q, db_.Prepare("delete finished jobs",
                                               "DELETE FROM jobs WHERE state <> 'running' "
                                               "AND finished_unix < ?"));
  q.BindInt(1, cutoff_unix);
  BY_RETURN_IF_ERROR(q.Run());
  return db_.Changes();
}

}  // namespace brickyard::store
