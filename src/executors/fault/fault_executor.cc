#include "executors/fault/fault_executor.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>

namespace brickyard::executors::fault {
namespace {

// SIGKILL, exactly as `kill -9`: no destructor, no flush, no atexit handler.
void KillProcess() {
  raise(SIGKILL);
  _exit(137);  // not reached
}

std::string_view WhenName(FaultRule::When w) {
  return w == FaultRule::When::kBefore ? "before" : "after";
}

}  // namespace

FaultExecutor::FaultExecutor(std::unique_ptr<Executor> inner, std::vector<FaultRule> rules,
                             std::function<void()> kill)
    : ForwardingExecutor(*inner),
      owned_(std::move(inner)),
      rules_(std::move(rules)),
      kill_(kill ? std::move(kill) : std::function<void()>(KillProcess)) {
  for (auto m : FaultMethods()) calls_[std::string(m)] = 0;
}

std::string FaultExecutor::Name() const { return "inject/" + inner_.Name(); }

int64_t FaultExecutor::Calls(const std::string& method) const {
  auto it = calls_.find(method);
  return it == calls_.end() ? 0 : it->second.load();
}

Status FaultExecutor::Before(const std::string& method, int64_t* call) {
  *call = ++calls_.at(method);
  return Apply(method, *call, FaultRule::When::kBefore);
}

Status FaultExecutor::After(const std::string& method, int64_t call) {
  return Apply(method, call, FaultRule::When::kAfter);
}

Status FaultExecutor::Apply(const std::string& method, int64_t call, FaultRule::When when) {
  for (const auto& r : rules_) {
    if (r.when != when || r.method != method || (r.nth != 0 && r.nth != call)) continue;
    const std::string what = "injected fault " + std::string(WhenName(when)) + " " + method +
                             " call " + std::to_string(call);
    if (r.action == FaultRule::Action::kKill) {
      std::fprintf(stderr, "%s: killing the process\n", what.c_str());
      std::fflush(stderr);
      kill_();
    }
    return Internal(what);
  }
  return Status::Ok();
}

Status FaultExecutor::GlusterdCheck(const std::string& host) {
  return Guard<Status>("GlusterdCheck", [&] { return inner_.GlusterdCheck(host); });
}
Status FaultExecutor::PeerProbe(const std::string& exec_host, const std::string& new_host) {
  return Guard<Status>("PeerProbe", [&] { return inner_.PeerProbe(exec_host, new_host); });
}
Status FaultExecutor::PeerDetach(const std::string& exec_host, const std::string& host) {
  return Guard<Status>("PeerDetach", [&] { return inner_.PeerDetach(exec_host, host); });
}
Result<DeviceInfo> FaultExecutor::DeviceSetup(const std::string& host, const std::string& device,
                                              const std::string& device_id, bool destroy_data) {
  return Guard<Result<DeviceInfo>>(
      "DeviceSetup", [&] { return inner_.DeviceSetup(host, device, device_id, destroy_data); });
}
Result<DeviceInfo> FaultExecutor::GetDeviceInfo(const std::string& host, const DeviceHandle& handle) {
  return Guard<Result<DeviceInfo>>("GetDeviceInfo",
                                   [&] { return inner_.GetDeviceInfo(host, handle); });
}
Status FaultExecutor::DeviceTeardown(const std::string& host, const DeviceHandle& handle) {
  return Guard<Status>("DeviceTeardown", [&] { return inner_.DeviceTeardown(host, handle); });
}
Status FaultExecutor::DeviceForget(const std::string& host, const DeviceHandle& handle) {
  return Guard<Status>("DeviceForget", [&] { return inner_.DeviceForget(host, handle); });
}
Status FaultExecutor::BrickCreate(const std::string& host, const BrickRequest& req) {
  return Guard<Status>("BrickCreate", [&] { return inner_.BrickCreate(host, req); });
}
Result<bool> FaultExecutor::BrickDestroy(const std::string& host, const BrickRequest& req) {
  return Guard<Result<bool>>("BrickDestroy", [&] { return inner_.BrickDestroy(host, req); });
}
Status FaultExecutor::BrickExtend(const std::string& host, const BrickRequest& req,
                                  const BrickSize& grown) {
  return Guard<Status>("BrickExtend", [&] { return inner_.BrickExtend(host, req, grown); });
}
Status FaultExecutor::VolumeCreate(const std::string& host, const VolumeRequest& req) {
  return Guard<Status>("VolumeCreate", [&] { return inner_.VolumeCreate(host, req); });
}
Status FaultExecutor::VolumeExpand(const std::string& host, const VolumeRequest& req) {
  return Guard<Status>("VolumeExpand", [&] { return inner_.VolumeExpand(host, req); });
}
Status FaultExecutor::VolumeDestroy(const std::string& host, const std::string& name) {
  return Guard<Status>("VolumeDestroy", [&] { return inner_.VolumeDestroy(host, name); });
}
Status FaultExecutor::VolumeClone(const std::string& host, const std::string& origin,
                                  const std::string& clone_name) {
  return Guard<Status>("VolumeClone", [&] { return inner_.VolumeClone(host, origin, clone_name); });
}
Status FaultExecutor::VolumeReplaceBrick(const std::string& host, const std::string& volume,
                                         const BrickAddress& old_brick,
                                         const BrickAddress& new_brick) {
  return Guard<Status>("VolumeReplaceBrick",
                       [&] { return inner_.VolumeReplaceBrick(host, volume, old_brick, new_brick); });
}
Result<commands::GlusterVolume> FaultExecutor::VolumeInfo(const std::string& host,
                                                          const std::string& name) {
  return Guard<Result<commands::GlusterVolume>>("VolumeInfo",
                                                [&] { return inner_.VolumeInfo(host, name); });
}
Result<std::vector<commands::HealBrick>> FaultExecutor::HealInfo(const std::string& host,
                                                                 const std::string& name) {
  return Guard<Result<std::vector<commands::HealBrick>>>("HealInfo",
                                                         [&] { return inner_.HealInfo(host, name); });
}

}  // namespace brickyard::executors::fault
