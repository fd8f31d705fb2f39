#include "ops/bricks.h"

#include <future>

#include "common/ids.h"
#include "common/thread_cache.h"
#include "executors/commands/naming.h"

namespace brickyard::ops {

std::string BrickPath(const std::string& device_id, const std::string& brick_id) {
  return "/var/lib/heketi/mounts/vg_" + device_id + "/brick_" + brick_id + "/brick";
}

executors::BrickRequest ToBrickRequest(const model::Brick& b, int64_t gid) {
  executors::BrickRequest r;
  r.device_id = b.device_id;
  r.brick_id = b.id;
  r.tp_name = "tp_" + b.id;
  r.lv_name = "brick_" + b.id;
  r.size_kib = b.size_kib;
  r.tp_size_kib = b.tp_size_kib;
  r.pool_meta_kib = b.pool_meta_kib;
  r.gid = gid;
  r.path = b.path;
  r.arbiter = b.role == model::BrickRole::kArbiter;
  return r;
}

Result<std::vector<executors::BrickRequest>> ToBrickRequests(const std::vector<BrickOnNode>& bricks,
                                                             int64_t gid) {
  std::vector<executors::BrickRequest> out;
  out.reserve(bricks.size());
  for (const auto& b : bricks) {
    executors::BrickRequest r = ToBrickRequest(b.brick, gid);
    if (executors::commands::IsGlusterManagedMount(b.brick.path)) {
      BY_ASSIGN_OR_RETURN(int64_t position, executors::commands::SnapshotBrickPosition(b.brick.path));
      int64_t index_on_node = 0;
      for (const auto& other : bricks) {
        if (other.brick.node_id != b.brick.node_id ||
            !executors::commands::IsGlusterManagedMount(other.brick.path)) {
          continue;
        }
        auto p = executors::commands::SnapshotBrickPosition(other.brick.path);
        if (p.ok() && *p < position) ++index_on_node;
      }
      BY_ASSIGN_OR_RETURN(r.lv_name,
                          executors::commands::SnapshotBrickLvName(b.brick.path, index_on_node));
      r.tp_name.clear();
    }
    out.push_back(std::move(r));
  }
  return out;
}

model::Brick NewBrick(const placement::PlacedBrick& p, const std::string& volume_id,
                      const std::string& op_id) {
  model::Brick b;
  b.id = NewId();
  b.volume_id = volume_id;
  b.device_id = p.device_id;
  b.node_id = p.node_id;
  b.path = BrickPath(p.device_id, b.id);
  b.size_kib = p.size_kib;
  b.tp_size_kib = p.tp_size_kib;
  b.pool_meta_kib = p.pool_meta_kib;
  b.role = p.role;
  b.set_index = p.set_index;
  b.set_position = p.set_position;
  b.pending_op = op_id;
  return b;
}

Result<std::vector<BrickOnNode>> LoadBricksOnNodes(store::ReadTx& tx,
                                                   const std::vector<model::Brick>& bricks) {
  std::vector<BrickOnNode> out;
  out.reserve(bricks.size());
  for (const auto& b : bricks) {
    BY_ASSIGN_OR_RETURN(model::Node n, tx.GetNode(b.node_id));
    out.push_back({b, std::move(n)});
  }
  return out;
}

namespace {

Status NamedError(const BrickOnNode& b, const Status& st, const char* what) {
  return Status(st.code(), std::string(what) + " brick " + b.brick.id + " on node " +
                               b.node.manage() + ": " + st.message());
}

}  // namespace

Status CreateBricks(Context& ctx, const std::vector<BrickOnNode>& bricks, int64_t gid) {
  std::vector<std::future<Status>> futures;
  futures.reserve(bricks.size());
  for (const auto& b : bricks) {
    futures.push_back(ThreadCache::Shared().Run([&ctx, &b, gid] {
      return ctx.executor.BrickCreate(b.node.manage(), ToBrickRequest(b.brick, gid));
    }));
  }
  // Every task refers to this frame: all must end before a get() may throw.
  for (auto& f : futures) f.wait();
  Status first;
  std::vector<BrickOnNode> created;
  for (size_t i = 0; i < futures.size(); ++i) {
    Status st = futures[i].get();
    if (st.ok()) {
      created.push_back(bricks[i]);
    } else if (first.ok()) {
      first = NamedError(bricks[i], st, "cannot create");
    }
  }
  if (!first.ok()) {
    Status undo = DestroyBricks(ctx, created, gid);
    if (!undo.ok()) return Status(first.code(), first.message() + "; rollback: " + undo.message());
  }
  return first;
}

Status DestroyBricks(Context& ctx, const std::vector<BrickOnNode>& bricks, int64_t gid) {
  BY_ASSIGN_OR_RETURN(std::vector<executors::BrickRequest> requests, ToBrickRequests(bricks, gid));
  std::vector<std::future<Result<bool>>> futures;
  futures.reserve(bricks.size());
  for (size_t i = 0; i < bricks.size(); ++i) {
    futures.push_back(ThreadCache::Shared().Run([&ctx, &bricks, &requests, i] {
      return ctx.executor.BrickDestroy(bricks[i].node.manage(), requests[i]);
    }));
  }
  for (auto& f : futures) f.wait();  // as in CreateBricks
  Status first;
  for (size_t i = 0; i < futures.size(); ++i) {
    Result<bool> r = futures[i].get();
    if (!r.ok() && r.status().code() != Code::kNotFound && first.ok()) {
      first = NamedError(bricks[i], r.status(), "cannot destroy");
    }
  }
  return first;
}

Status ReleaseBrick(store::WriteTx& tx, const model::Brick& brick) {
  BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(brick.device_id));
  d.free_kib += brick.AccountedKib();
  d.used_kib -= brick.AccountedKib();
  BY_RETURN_IF_ERROR(tx.PutDevice(d));
  return tx.DeleteBrick(brick.id);
}

Status ClaimBrick(store::WriteTx& tx, const model::Brick& brick) {
  BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(brick.device_id));
  if (d.free_kib < brick.AccountedKib()) {
    return Conflict("device " + d.id + " no longer has space for brick " + brick.id);
  }
  d.free_kib -= brick.AccountedKib();
  d.used_kib += brick.AccountedKib();
  BY_RETURN_IF_ERROR(tx.PutDevice(d));
  return tx.PutBrick(brick);
}

}  // namespace brickyard::ops
