// Environment overrides for heketi.json (spec heketi-api §9.2): which
// variable sets which field, parsed the way Heketi parses it, except that a
// value that does not parse is an error rather than a log line.
#include <cerrno>
#include <cstdlib>
#include <functional>
#include <vector>

#include "config/internal.h"

namespace brickyard::config::internal {
namespace {

// Applies one variable. `value` is never empty (ApplyEnv skips those);
// `name` is for messages.
using EnvSetter = std::function<Status(const std::string& name, const std::string& value)>;

struct EnvVar {
  const char* name;
  EnvSetter apply;
};

EnvSetter SetString(std::string& out) {
  return [&out](const std::string&, const std::string& v) {
    out = v;
    return Status::Ok();
  };
}

// Decimal, optional sign, as Go's strconv.ParseInt(s, 10, 64).
EnvSetter SetInt(int64_t& out, int64_t min = kInt64Min) {
  return [&out, min](const std::string& name, const std::string& v) {
    std::string_view kind = min == 0 ? "must be a non-negative integer" : "must be an integer";
    size_t digits = (v[0] == '-' || v[0] == '+') ? 1 : 0;
    bool ok = digits < v.size() && v.find_first_not_of("0123456789", digits) == std::string::npos;
    int64_t n = 0;
    if (ok) {
      errno = 0;
      n = std::strtoll(v.c_str(), nullptr, 10);
      ok = errno == 0;
    }
    if (!ok || n < min) return KeyError(name, kind);
    out = n;
    return Status::Ok();
  };
}

// Go's strconv.ParseBool spellings.
EnvSetter SetBool(bool& out) {
  return [&out](const std::string& name, const std::string& v) {
    if (OneOf(v, {"1", "t", "T", "TRUE", "true", "True"})) {
      out = true;
    } else if (OneOf(v, {"0", "f", "F", "FALSE", "false", "False"})) {
      out = false;
    } else {
      return KeyError(name, "must be a boolean");
    }
    return Status::Ok();
  };
}

// Heketi: any non-empty value turns the flag on.
EnvSetter SetTrue(bool& out) {
  return [&out](const std::string&, const std::string&) {
    out = true;
    return Status::Ok();
  };
}

// Heketi: only the exact value "true" turns the flag on; others are ignored.
EnvSetter SetTrueIfTrue(bool& out) {
  return [&out](const std::string&, const std::string& v) {
    if (v == "true") out = true;
    return Status::Ok();
  };
}

// A JWT key from the environment also turns auth on, as in Heketi.
EnvSetter SetKey(std::string& key, bool& use_auth) {
  return [&key, &use_auth](const std::string&, const std::string& v) {
    key = v;
    use_auth = true;
    return Status::Ok();
  };
}

std::vector<EnvVar> ExecutorEnv(ExecutorOptions& e) {
  return {
      {"HEKETI_FSTAB", SetString(e.fstab)},
      {"HEKETI_MOUNT_OPTS", SetString(e.mountopts)},
      {"HEKETI_SNAPSHOT_LIMIT", SetInt(e.snapshot_limit)},
      {"HEKETI_GLUSTERAPP_REBALANCE_ON_EXPANSION", SetBool(e.rebalance_on_expansion)},
      {"HEKETI_GLUSTER_CLI_TIMEOUT", SetInt(e.gluster_cli_timeout, 0)},
      {"HEKETI_DEBUG_UMOUNT_FAILURES", SetBool(e.debug_umount_failures)},
      {"HEKETI_BLOCK_VOLUME_DEFAULT_PREALLOC", SetString(e.block_prealloc)},
      {"HEKETI_LVM_WRAPPER", SetString(e.lvm_wrapper)},
      {"HEKETI_SSH_KEYFILE", SetString(e.keyfile)},
      {"HEKETI_SSH_USER", SetString(e.user)},
      {"HEKETI_SSH_PORT", SetString(e.port)},
  };
}

std::vector<EnvVar> ConfigEnv(Config& c) {
  GlusterfsConfig& g = c.glusterfs;
  std::vector<EnvVar> vars = {
      {"HEKETI_HTTP_PORT", SetString(c.port)},
      {"BRICKYARD_BIND_ADDRESS", SetString(c.bind_address)},
      {"HEKETI_ADMIN_KEY", SetKey(c.admin_key, c.use_auth)},
      {"HEKETI_USER_KEY", SetKey(c.user_key, c.use_auth)},
      {"HEKETI_BACKUP_DB_TO_KUBE_SECRET", SetTrue(c.backup_db_to_kube_secret)},
      {"HEKETI_PROFILING", SetTrue(c.profiling)},
      {"HEKETI_DEFAULT_STATE", SetString(c.default_state)},
      {"HEKETI_JWT_IAT_LEEWAY_SECONDS", SetInt(c.jwt_iat_leeway_s, 0)},
      {"HEKETI_EXECUTOR", SetString(g.executor)},
      {"HEKETI_DB_PATH", SetString(g.db)},
      {"HEKETI_GLUSTERAPP_LOGLEVEL", SetString(g.loglevel)},
      {"HEKETI_PRE_REQUEST_VOLUME_OPTIONS", SetString(g.pre_request_volume_options)},
      {"HEKETI_POST_REQUEST_VOLUME_OPTIONS", SetString(g.post_request_volume_options)},
      {"HEKETI_ZONE_CHECKING", SetString(g.zone_checking)},
      {"HEKETI_GLUSTER_MAX_VOLUMES_PER_CLUSTER", SetInt(g.max_volumes_per_cluster)},
      {"HEKETI_AUTO_CREATE_BLOCK_HOSTING_VOLUME", SetBool(g.auto_create_block_hosting_volume)},
      {"HEKETI_BLOCK_HOSTING_VOLUME_SIZE", SetInt(g.block_hosting_volume_size)},
      {"HEKETI_BLOCK_HOSTING_VOLUME_OPTIONS", SetString(g.block_hosting_volume_options)},
      {"HEKETI_DISABLE_HEALTH_MONITOR", SetTrueIfTrue(g.disable_monitor_gluster_nodes)},
      {"HEKETI_MAX_INFLIGHT_OPERATIONS", SetInt(g.max_inflight_operations, 0)},
      {"HEKETI_DISABLE_BACKGROUND_CLEANER", SetTrueIfTrue(g.disable_background_cleaner)},
      {"HEKETI_MOCK_DEVICE_SIZE_GB", SetInt(g.mock_device_size_gb)},
  };
  for (ExecutorOptions* e : {&g.sshexec, &g.kubeexec}) {
    for (EnvVar& v : ExecutorEnv(*e)) vars.push_back(std::move(v));
  }
  return vars;
}

}  // namespace

Status ApplyEnv(Config& c, const Env& env) {
  for (const EnvVar& var : ConfigEnv(c)) {
    auto it = env.find(var.name);
    if (it == env.end() || it->second.empty()) continue;
    BY_RETURN_IF_ERROR(var.apply(var.name, it->second));
  }
  return Status::Ok();
}

}  // namespace brickyard::config::internal
