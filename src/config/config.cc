// heketi.json decoding: one table of fields per JSON object, then the
// environment, then Heketi's "zero means default" rule.
#include "config/config.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>
#include <vector>

#include "common/strings.h"
#include "config/internal.h"

extern char** environ;

namespace brickyard::config {
namespace {

// Ordered, so that when two spellings of one key appear the later wins, as
// with Go's decoder.
using Json = nlohmann::ordered_json;

using internal::KeyError;
using internal::kInt64Max;
using internal::kInt64Min;
using internal::OneOf;

// ---- heketi.json ----

// Stores one non-null JSON value; `key` is its dotted path, for messages.
using Decoder = std::function<Status(const Json& value, const std::string& key)>;

struct Field {
  std::string_view name;  // canonical lower-case spelling, matched case-insensitively
  Decoder decode;
};

// Applies `fields` to the members of `value`: unknown keys are ignored and
// null keeps the current value.
Status DecodeObject(const Json& value, const std::string& key, const std::vector<Field>& fields) {
  if (!value.is_object()) return KeyError(key, "must be an object");
  for (const auto& [name, member] : value.items()) {
    if (member.is_null()) continue;
    for (const Field& f : fields) {
      if (!EqualsIgnoreCase(name, f.name)) continue;
      BY_RETURN_IF_ERROR(
          f.decode(member, key.empty() ? std::string(f.name) : key + "." + std::string(f.name)));
      break;
    }
  }
  return Status::Ok();
}

Decoder Object(std::vector<Field> fields) {
  return [fields = std::move(fields)](const Json& v, const std::string& key) {
    return DecodeObject(v, key, fields);
  };
}

Decoder String(std::string& out) {
  return [&out](const Json& v, const std::string& key) {
    if (!v.is_string()) return KeyError(key, "must be a string");
    out = v.get<std::string>();
    return Status::Ok();
  };
}

Decoder Bool(bool& out) {
  return [&out](const Json& v, const std::string& key) {
    if (!v.is_boolean()) return KeyError(key, "must be a boolean");
    out = v.get<bool>();
    return Status::Ok();
  };
}

// An integer no smaller than `min` (Heketi's unsigned fields use min 0).
Decoder Int(int64_t& out, int64_t min = kInt64Min) {
  return [&out, min](const Json& v, const std::string& key) {
    std::string_view kind = min == 0 ? "must be a non-negative integer" : "must be an integer";
    if (!v.is_number_integer()) return KeyError(key, kind);
    if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(kInt64Max)) {
      return KeyError(key, "is out of range");
    }
    int64_t n = v.get<int64_t>();
    if (n < min) return KeyError(key, kind);
    out = n;
    return Status::Ok();
  };
}

Decoder Uint(int64_t& out) {
  return Int(out, 0);
}

// A port is a string in heketi.json; a JSON integer is accepted too.
Decoder Port(std::string& out) {
  return [&out](const Json& v, const std::string& key) {
    if (v.is_number_unsigned()) {  // nlohmann stores non-negative integers unsigned
      out = std::to_string(v.get<uint64_t>());
      return Status::Ok();
    }
    if (!v.is_string()) return KeyError(key, "must be a string");
    out = v.get<std::string>();
    return Status::Ok();
  };
}

// Keys shared by sshexec and kubeexec, plus sshexec's own when `ssh`.
// rebalance_on_expansion is absent on purpose: Heketi ignores it in the file
// and only HEKETI_GLUSTERAPP_REBALANCE_ON_EXPANSION can turn it off.
std::vector<Field> ExecutorFields(ExecutorOptions& e, bool ssh) {
  std::vector<Field> f = {
      {"fstab", String(e.fstab)},
      {"mountopts", String(e.mountopts)},
      {"sudo", Bool(e.sudo)},
      {"snapshot_limit", Int(e.snapshot_limit)},
      {"backup_lvm_metadata", Bool(e.backup_lvm_metadata)},
      {"gluster_cli_timeout", Uint(e.gluster_cli_timeout)},
      {"pv_data_alignment", String(e.pv_data_alignment)},
      {"vg_physicalextentsize", String(e.vg_physicalextentsize)},
      {"lv_chunksize", String(e.lv_chunksize)},
      {"xfs_sw", Int(e.xfs_sw)},
      {"xfs_su", Int(e.xfs_su)},
      {"debug_umount_failures", Bool(e.debug_umount_failures)},
      {"block_prealloc", String(e.block_prealloc)},
      {"lvm_wrapper", String(e.lvm_wrapper)},
  };
  if (ssh) {
    f.insert(f.end(), {
                          {"keyfile", String(e.keyfile)},
                          {"user", String(e.user)},
                          {"port", Port(e.port)},
                          {"known_hosts", String(e.known_hosts)},
                          {"trust_on_first_use", Bool(e.trust_on_first_use)},
                          {"connect_timeout", Uint(e.connect_timeout_s)},
                          {"command_timeout", Uint(e.command_timeout_s)},
                          {"max_sessions_per_host", Int(e.max_sessions_per_host)},
                      });
  }
  return f;
}

std::vector<Field> GlusterfsFields(GlusterfsConfig& g) {
  return {
      {"executor", String(g.executor)},
      {"db", String(g.db)},
      {"db_read_only", Bool(g.db_read_only)},
      {"loglevel", String(g.loglevel)},
      {"sshexec", Object(ExecutorFields(g.sshexec, /*ssh=*/true))},
      {"kubeexec", Object(ExecutorFields(g.kubeexec, /*ssh=*/false))},
      {"brick_max_size_gb", Int(g.brick_max_size_gb)},
      {"brick_min_size_gb", Int(g.brick_min_size_gb)},
      {"max_bricks_per_volume", Int(g.max_bricks_per_volume)},
      {"average_file_size_kb", Uint(g.average_file_size_kb)},
      {"pre_request_volume_options", String(g.pre_request_volume_options)},
      {"post_request_volume_options", String(g.post_request_volume_options)},
      {"zone_checking", String(g.zone_checking)},
      {"max_volumes_per_cluster", Int(g.max_volumes_per_cluster)},
      {"auto_create_block_hosting_volume", Bool(g.auto_create_block_hosting_volume)},
      {"block_hosting_volume_size", Int(g.block_hosting_volume_size)},
      {"block_hosting_volume_options", String(g.block_hosting_volume_options)},
      {"disable_monitor_gluster_nodes", Bool(g.disable_monitor_gluster_nodes)},
      {"refresh_time_monitor_gluster_nodes", Uint(g.refresh_time_monitor_gluster_nodes)},
      {"start_time_monitor_gluster_nodes", Uint(g.start_time_monitor_gluster_nodes)},
      {"max_inflight_operations", Uint(g.max_inflight_operations)},
      {"disable_background_cleaner", Bool(g.disable_background_cleaner)},
      {"refresh_time_background_cleaner", Uint(g.refresh_time_background_cleaner)},
      {"start_time_background_cleaner", Uint(g.start_time_background_cleaner)},
      {"operation_retry_limits", Object({{"volume_create", Int(g.volume_create_retry_limit)}})},
      {"max_queued_operations", Uint(g.max_queued_operations)},
      {"gid_min", Int(g.gid_min)},
      {"auto_gid", Bool(g.auto_gid)},
      {"gid_max", Int(g.gid_max)},
      {"mock_device_size_gb", Int(g.mock_device_size_gb)},
      {"mock_delay_ms", Int(g.mock_delay_ms)},
      {"mock_state_file", String(g.mock_state_file)},
  };
}

std::vector<Field> TopFields(Config& c) {
  return {
      {"port", Port(c.port)},
      {"bind_address", String(c.bind_address)},
      {"use_auth", Bool(c.use_auth)},
      {"jwt", Object({
                  {"admin", Object({{"key", String(c.admin_key)}})},
                  {"user", Object({{"key", String(c.user_key)}})},
                  {"exp_leeway_seconds", Uint(c.jwt_exp_leeway_s)},
              })},
      {"enable_tls", Bool(c.enable_tls)},
      {"cert_file", String(c.cert_file)},
      {"key_file", String(c.key_file)},
      {"backup_db_to_kube_secret", Bool(c.backup_db_to_kube_secret)},
      {"profiling", Bool(c.profiling)},
      {"default_state", String(c.default_state)},
      {"job_retention_seconds", Uint(c.job_retention_s)},
      {"log_format", String(c.log_format)},
      {"glusterfs", Object(GlusterfsFields(c.glusterfs))},
  };
}

// ---- Heketi's zero values ----

template <typename T>
void DefaultIfZero(T& value, const T& default_value) {
  if (value == T{}) value = default_value;
}

// Heketi cannot tell an absent key from a zero one, so a zero or empty value
// means "use the default" for its own keys. Brickyard's keys are taken as
// written. Also records a warning for an unknown loglevel and keeps the
// default, as Heketi only logs it.
void ApplyHeketiDefaults(Config& c) {
  const Config d;
  DefaultIfZero(c.port, d.port);
  DefaultIfZero(c.default_state, d.default_state);
  GlusterfsConfig& g = c.glusterfs;
  const GlusterfsConfig& dg = d.glusterfs;
  DefaultIfZero(g.executor, dg.executor);
  DefaultIfZero(g.db, dg.db);
  DefaultIfZero(g.loglevel, dg.loglevel);
  if (!OneOf(g.loglevel, {"none", "critical", "error", "warning", "info", "debug"})) {
    c.warnings.push_back("config: glusterfs.loglevel: invalid log level: " + g.loglevel + "; using " +
                         dg.loglevel);
    g.loglevel = dg.loglevel;
  }
  DefaultIfZero(g.brick_max_size_gb, dg.brick_max_size_gb);
  DefaultIfZero(g.brick_min_size_gb, dg.brick_min_size_gb);
  DefaultIfZero(g.max_bricks_per_volume, dg.max_bricks_per_volume);
  DefaultIfZero(g.average_file_size_kb, dg.average_file_size_kb);
  DefaultIfZero(g.zone_checking, dg.zone_checking);
  if (g.max_volumes_per_cluster < 0) g.max_volumes_per_cluster = 0;  // 0 = unlimited (DECISIONS #7)
  if (g.block_hosting_volume_size <= 0) g.block_hosting_volume_size = dg.block_hosting_volume_size;
  DefaultIfZero(g.block_hosting_volume_options, dg.block_hosting_volume_options);
  DefaultIfZero(g.refresh_time_monitor_gluster_nodes, dg.refresh_time_monitor_gluster_nodes);
  DefaultIfZero(g.start_time_monitor_gluster_nodes, dg.start_time_monitor_gluster_nodes);
  DefaultIfZero(g.max_inflight_operations, dg.max_inflight_operations);
  DefaultIfZero(g.refresh_time_background_cleaner, dg.refresh_time_background_cleaner);
  DefaultIfZero(g.start_time_background_cleaner, dg.start_time_background_cleaner);
  DefaultIfZero(g.volume_create_retry_limit, dg.volume_create_retry_limit);
  for (ExecutorOptions* e : {&g.sshexec, &g.kubeexec}) {
    const ExecutorOptions& de = dg.sshexec;
    DefaultIfZero(e->fstab, de.fstab);
    DefaultIfZero(e->mountopts, de.mountopts);
    DefaultIfZero(e->gluster_cli_timeout, de.gluster_cli_timeout);
    DefaultIfZero(e->pv_data_alignment, de.pv_data_alignment);
    DefaultIfZero(e->vg_physicalextentsize, de.vg_physicalextentsize);
    DefaultIfZero(e->lv_chunksize, de.lv_chunksize);
    DefaultIfZero(e->block_prealloc, de.block_prealloc);
    DefaultIfZero(e->user, de.user);
    DefaultIfZero(e->port, de.port);
  }
}

}  // namespace

Env ProcessEnv() {
  Env env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

Result<Config> Parse(const std::string& json_text, const Env& env) {
  Json doc;
  try {
    doc = Json::parse(json_text);
  } catch (const Json::exception& e) {
    std::string what = e.what();
    size_t bracket = what.find("] ");  // drop nlohmann's "[json.exception...] " tag
    return InvalidArgument("config: invalid JSON: " +
                           (bracket == std::string::npos ? what : what.substr(bracket + 2)));
  }
  Config c;
  if (!doc.is_null()) {
    if (!doc.is_object()) return InvalidArgument("config: the file must hold a JSON object");
    BY_RETURN_IF_ERROR(DecodeObject(doc, "", TopFields(c)));
  }
  BY_RETURN_IF_ERROR(internal::ApplyEnv(c, env));
  ApplyHeketiDefaults(c);
  return c;
}

Result<Config> Load(const std::string& path, const Env& env) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument("config: unable to open config file " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return InvalidArgument("config: unable to read config file " + path);
  return Parse(text.str(), env);
}

}  // namespace brickyard::config
