// Device add, delete, state, resync and tags (spec heketi-api §6.4,
// provisioning §5.4).
#include <spdlog/spdlog.h>

#include "common/ids.h"
#include "ops/evict.h"
#include "ops/topology_ops.h"

namespace brickyard::ops {
namespace {

executors::DeviceHandle HandleOf(const model::Device& d) {
  return executors::DeviceHandle{d.id, d.name, d.pv_uuid, d.paths};
}

}  // namespace

Result<PreparedOp> TopologyOps::PrepareDeviceAdd(const DeviceAddSpec& spec) {
  model::Node node;
  BY_RETURN_IF_ERROR(ctx_.store.View([&](store::ReadTx& tx) -> Status {
    auto n = tx.GetNode(spec.node_id);
    if (!n.ok()) {
      return n.status().code() == Code::kNotFound ? NotFound("Node id does not exist") : n.status();
    }
    node = *n;
    BY_ASSIGN_OR_RETURN(auto ids, tx.ListDeviceIds(node.id));
    for (const auto& id : ids) {
      BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(id));
      if (d.name == spec.name) {
        return Conflict("Device " + spec.name + " already exists on node " + node.id +
                        " (ID: " + d.id + ")");
      }
    }
    return Status::Ok();
  }));
  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, spec, node]() -> Result<std::string> {
    model::Device d;
    d.id = NewId();
    d.node_id = node.id;
    d.name = spec.name;
    d.tags = spec.tags;
    BY_ASSIGN_OR_RETURN(executors::DeviceInfo info,
                        ctx.executor.DeviceSetup(node.manage(), spec.name, d.id, spec.destroy_data));
    d.total_kib = info.total_kib;
    d.free_kib = info.total_kib;
    d.used_kib = 0;
    d.extent_kib = info.extent_kib > 0 ? info.extent_kib : 4096;
    d.pv_uuid = info.pv_uuid;
    d.paths = info.paths;
    Status st = ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(auto ids, tx.ListDeviceIds(node.id));
      for (const auto& id : ids) {
        BY_ASSIGN_OR_RETURN(model::Device other, tx.GetDevice(id));
        if (other.name == d.name) return Conflict("Device " + d.name + " already exists on node " + node.id);
      }
      BY_RETURN_IF_ERROR(tx.GetNode(node.id).status());
      return tx.PutDevice(d);
    });
    if (!st.ok()) {
      Status undo = ctx.executor.DeviceTeardown(node.manage(), HandleOf(d));
      if (!undo.ok()) spdlog::error("teardown of {} on {}: {}", d.name, node.manage(), undo.message());
      return st;
    }
    return std::string();
  };
  return prepared;
}

Result<PreparedOp> TopologyOps::PrepareDeviceDelete(const std::string& device_id, bool force_forget) {
  model::Device device;
  model::Node node;
  BY_RETURN_IF_ERROR(ctx_.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(device, tx.GetDevice(device_id));
    if (device.state != model::State::kFailed) {
      return InvalidArgument("device: " + device_id + " is not in failed state");
    }
    BY_ASSIGN_OR_RETURN(auto bricks, tx.ListDeviceBricks(device_id));
    if (!bricks.empty()) {
      return Conflict("Unable to delete device [" + device_id + "] because it contains bricks");
    }
    BY_ASSIGN_OR_RETURN(node, tx.GetNode(device.node_id));
    return Status::Ok();
  }));
  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, device, node, force_forget]() -> Result<std::string> {
    Status st = force_forget ? ctx.executor.DeviceForget(node.manage(), HandleOf(device))
                             : ctx.executor.DeviceTeardown(node.manage(), HandleOf(device));
    if (!st.ok() && !force_forget) {
      return st.Prefixed("cannot tear down device " + device.name + " on " + node.manage() + ": ");
    }
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) { return tx.DeleteDevice(device.id); }));
    return std::string();
  };
  return prepared;
}

Result<PreparedOp> TopologyOps::PrepareDeviceState(const std::string& device_id, model::State target) {
  model::Device device;
  BY_RETURN_IF_ERROR(ctx_.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(device, tx.GetDevice(device_id));
    return Status::Ok();
  }));
  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, device, target]() -> Result<std::string> {
    using model::State;
    if (device.state == target) return std::string();
    if (target == State::kFailed) {
      if (device.state == State::kOnline) {
        return Conflict("Device must be offline before remove operation is performed, device:" +
                        device.id);
      }
      BY_RETURN_IF_ERROR(RemoveDevice(ctx, device.id));
      return std::string();
    }
    if (device.state == State::kFailed && target == State::kOnline) {
      return Conflict("Cannot move a failed/removed device to online state");
    }
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(device.id));
      d.state = target;
      return tx.PutDevice(d);
    }));
    return std::string();
  };
  return prepared;
}

Result<PreparedOp> TopologyOps::PrepareDeviceResync(const std::string& device_id) {
  model::Device device;
  model::Node node;
  BY_RETURN_IF_ERROR(ctx_.store.View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(device, tx.GetDevice(device_id));
    BY_ASSIGN_OR_RETURN(node, tx.GetNode(device.node_id));
    return Status::Ok();
  }));
  Context& ctx = ctx_;
  PreparedOp prepared;
  prepared.run = [&ctx, device, node]() -> Result<std::string> {
    BY_ASSIGN_OR_RETURN(executors::DeviceInfo info,
                        ctx.executor.GetDeviceInfo(node.manage(), HandleOf(device)));
    BY_RETURN_IF_ERROR(ctx.store.Update([&](store::WriteTx& tx) -> Status {
      BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(device.id));
      BY_ASSIGN_OR_RETURN(auto bricks, tx.ListDeviceBricks(d.id));
      int64_t used = 0;
      for (const auto& b : bricks) {
        if (!b.pending_op.empty()) {
          return Conflict("Device " + d.id + " has bricks with operations in progress");
        }
        used += b.AccountedKib();
      }
      // Brickyard keeps the accounting identity: used is what the bricks
      // take, and the new total is what LVM reports.
      if (info.total_kib < used) {
        return Conflict("Device " + d.id + " reports " + std::to_string(info.total_kib) +
                        " KiB, less than its bricks use (" + std::to_string(used) + " KiB)");
      }
      d.total_kib = info.total_kib;
      d.used_kib = used;
      d.free_kib = info.total_kib - used;
      if (info.extent_kib > 0) d.extent_kib = info.extent_kib;
      if (!info.pv_uuid.empty()) d.pv_uuid = info.pv_uuid;
      if (!info.paths.empty()) d.paths = info.paths;
      return tx.PutDevice(d);
    }));
    return std::string();
  };
  return prepared;
}

Result<model::Tags> TopologyOps::SetDeviceTags(const std::string& device_id, TagChange change,
                                               const model::Tags& tags) {
  model::Tags result;
  BY_RETURN_IF_ERROR(ctx_.store.Update([&](store::WriteTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::Device d, tx.GetDevice(device_id));
    d.tags = ApplyTagChange(d.tags, change, tags);
    result = d.tags;
    return tx.PutDevice(d);
  }));
  return result;
}

}  // namespace brickyard::ops
