// Validate: cross-field and range rules checked once the file and the
// environment have been applied.
#include <initializer_list>
#include <string>
#include <string_view>

#include "config/internal.h"

namespace brickyard::config {
namespace {

using internal::KeyError;
using internal::OneOf;

// True for a decimal port in [min, 65535].
bool IsPortNumber(std::string_view s, int min) {
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string_view::npos) return false;
  int n = std::stoi(std::string(s));
  return n >= min && n <= 65535;
}

// One numeric field and its allowed range.
struct Limit {
  std::string key;
  int64_t value;
  int64_t min;
  int64_t max = internal::kInt64Max;
};

Status CheckLimits(std::initializer_list<Limit> limits) {
  for (const Limit& l : limits) {
    if (l.value < l.min) return KeyError(l.key, "must be at least " + std::to_string(l.min));
    if (l.value > l.max) return KeyError(l.key, "must be at most " + std::to_string(l.max));
  }
  return Status::Ok();
}

Status ValidateExecutor(const ExecutorOptions& e, const std::string& key) {
  return CheckLimits({
      {key + ".gluster_cli_timeout", e.gluster_cli_timeout, 1},
      {key + ".snapshot_limit", e.snapshot_limit, 0},
      {key + ".xfs_sw", e.xfs_sw, 0},
      {key + ".xfs_su", e.xfs_su, 0},
  });
}

}  // namespace

Status Validate(const Config& c) {
  const GlusterfsConfig& g = c.glusterfs;
  if (!OneOf(g.executor, {"mock", "ssh", "kubernetes", "kube", "inject/ssh", "inject/mock", "mock/stateless"})) {
    return InvalidArgument("invalid executor: " + g.executor);
  }
  if (c.use_auth && (c.admin_key.empty() || c.user_key.empty())) {
    return InvalidArgument("ERROR: Missing JWT information in config file");
  }
  if (c.enable_tls && (c.cert_file.empty() || c.key_file.empty())) {
    return KeyError("enable_tls", "requires cert_file and key_file");
  }
  if (!IsPortNumber(c.port, 0)) return KeyError("port", "must be a port number, got \"" + c.port + "\"");
  if (c.bind_address.empty())
    return KeyError("bind_address", "must not be empty (0.0.0.0 means all interfaces)");
  if (!OneOf(c.default_state, {"normal", "read-only", "local-client"})) {
    return KeyError("default_state", "unknown admin state name: " + c.default_state);
  }
  if (!OneOf(c.log_format, {"text", "json"})) return KeyError("log_format", "must be text or json");
  if (!OneOf(g.zone_checking, {"none", "strict"})) {
    return KeyError("glusterfs.zone_checking", "must be none or strict, got \"" + g.zone_checking + "\"");
  }
  if (OneOf(g.executor, {"ssh", "inject/ssh"}) && !IsPortNumber(g.sshexec.port, 1)) {
    return KeyError("glusterfs.sshexec.port", "must be a port number, got \"" + g.sshexec.port + "\"");
  }
  constexpr int64_t kGidLimit = 2147483646;
  BY_RETURN_IF_ERROR(CheckLimits({
      {"jwt.exp_leeway_seconds", c.jwt_exp_leeway_s, 0},
      {"HEKETI_JWT_IAT_LEEWAY_SECONDS", c.jwt_iat_leeway_s, 0},
      {"job_retention_seconds", c.job_retention_s, 0},
      {"glusterfs.brick_max_size_gb", g.brick_max_size_gb, 1},
      {"glusterfs.brick_min_size_gb", g.brick_min_size_gb, 1},
      {"glusterfs.max_bricks_per_volume", g.max_bricks_per_volume, 1},
      {"glusterfs.average_file_size_kb", g.average_file_size_kb, 1},
      {"glusterfs.max_volumes_per_cluster", g.max_volumes_per_cluster, 0},
      {"glusterfs.block_hosting_volume_size", g.block_hosting_volume_size, 1},
      {"glusterfs.refresh_time_monitor_gluster_nodes", g.refresh_time_monitor_gluster_nodes, 1},
      {"glusterfs.start_time_monitor_gluster_nodes", g.start_time_monitor_gluster_nodes, 0},
      {"glusterfs.max_inflight_operations", g.max_inflight_operations, 1},
      {"glusterfs.refresh_time_background_cleaner", g.refresh_time_background_cleaner, 1},
      {"glusterfs.start_time_background_cleaner", g.start_time_background_cleaner, 0},
      {"glusterfs.operation_retry_limits.volume_create", g.volume_create_retry_limit, 0},
      {"glusterfs.max_queued_operations", g.max_queued_operations, 0},
      {"glusterfs.gid_min", g.gid_min, 1, kGidLimit},
      {"glusterfs.gid_max", g.gid_max, 1, kGidLimit},
      {"glusterfs.mock_device_size_gb", g.mock_device_size_gb, 1},
      {"glusterfs.sshexec.connect_timeout", g.sshexec.connect_timeout_s, 1},
      {"glusterfs.sshexec.command_timeout", g.sshexec.command_timeout_s, 1},
      {"glusterfs.sshexec.max_sessions_per_host", g.sshexec.max_sessions_per_host, 1},
  }));
  if (g.gid_min > g.gid_max) return KeyError("glusterfs.gid_min", "must not exceed glusterfs.gid_max");
  if (g.brick_min_size_gb > g.brick_max_size_gb) {
    return KeyError("glusterfs.brick_min_size_gb", "must not exceed glusterfs.brick_max_size_gb");
  }
  BY_RETURN_IF_ERROR(ValidateExecutor(g.sshexec, "glusterfs.sshexec"));
  BY_RETURN_IF_ERROR(ValidateExecutor(g.kubeexec, "glusterfs.kubeexec"));
  return Status::Ok();
}

}  // namespace brickyard::config
