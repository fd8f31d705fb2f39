// Server configuration: a heketi.json-compatible file (spec heketi-api §9.2)
// plus Brickyard's own keys in the same file, with HEKETI_* environment
// overrides. Field names mirror the JSON keys. Defaults are Heketi's unless a
// DECISIONS entry says otherwise.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace brickyard::config {

struct ExecutorOptions {
  // Shared by sshexec and kubeexec.
  std::string fstab = "/etc/fstab";
  std::string mountopts = "rw,inode64,noatime,nouuid";
  bool sudo = false;
  int64_t snapshot_limit = 0;
  bool rebalance_on_expansion = true;
  bool backup_lvm_metadata = false;
  int64_t gluster_cli_timeout = 600;  // seconds
  std::string pv_data_alignment = "256K";
  std::string vg_physicalextentsize = "4M";
  std::string lv_chunksize = "256K";
  int64_t xfs_sw = 0;
  int64_t xfs_su = 0;
  bool debug_umount_failures = false;
  std::string block_prealloc = "full";
  std::string lvm_wrapper;
  // sshexec only.
  std::string keyfile;
  std::string user = "heketi";
  std::string port = "22";
  // Brickyard: SSH host-key verification (DECISIONS #8).
  std::string known_hosts;         // path; "" = SSH_KNOWN_HOSTS env or ~/.ssh/known_hosts
  bool trust_on_first_use = false;  // accept and record unknown host keys
  int64_t connect_timeout_s = 10;
  int64_t command_timeout_s = 600;
  int64_t max_sessions_per_host = 4;
};

struct GlusterfsConfig {
  std::string executor = "ssh";
  std::string db = "heketi.db";
  bool db_read_only = false;
  std::string loglevel = "info";
  ExecutorOptions sshexec;
  ExecutorOptions kubeexec;
  int64_t brick_max_size_gb = 4096;
  int64_t brick_min_size_gb = 1;
  int64_t max_bricks_per_volume = 32;
  int64_t average_file_size_kb = 64;
  std::string pre_request_volume_options;
  std::string post_request_volume_options;
  std::string zone_checking = "none";
  // <= 0 means unlimited (DECISIONS #7: no cap unless configured).
  int64_t max_volumes_per_cluster = 0;
  bool auto_create_block_hosting_volume = false;
  int64_t block_hosting_volume_size = 1024;
  std::string block_hosting_volume_options = "group gluster-block";
  bool disable_monitor_gluster_nodes = false;
  int64_t refresh_time_monitor_gluster_nodes = 120;
  int64_t start_time_monitor_gluster_nodes = 10;
  int64_t max_inflight_operations = 8;
  bool disable_background_cleaner = false;
  int64_t refresh_time_background_cleaner = 3600;
  int64_t start_time_background_cleaner = 60;
  int64_t volume_create_retry_limit = 4;  // operation_retry_limits.volume_create
  // Brickyard's own keys.
  int64_t max_queued_operations = 1024;  // beyond in-flight; past this → 429 (DECISIONS #6)
  bool auto_gid = false;  // volumes created without a gid get a free one in range (store.h NextFreeGid)
  int64_t gid_min = 2000;
  int64_t gid_max = 2147483646;
  int64_t mock_device_size_gb = 500;     // HEKETI_MOCK_DEVICE_SIZE_GB
  int64_t mock_delay_ms = 0;             // mock executor: latency added to every node call (tests)
  std::string mock_state_file;           // mock executor: file keeping its node state across restarts (tests)
};

struct Config {
  std::string port = "8080";
  std::string bind_address = "127.0.0.1";  // Brickyard key: "bind_address"
  bool use_auth = true;                     // honoured (DECISIONS #1)
  std::string admin_key;
  std::string user_key;
  int64_t jwt_iat_leeway_s = 120;  // HEKETI_JWT_IAT_LEEWAY_SECONDS
  int64_t jwt_exp_leeway_s = 60;   // Brickyard key jwt.exp_leeway_seconds (DECISIONS #5)
  bool enable_tls = false;
  std::string cert_file;
  std::string key_file;
  bool backup_db_to_kube_secret = false;
  bool profiling = false;
  std::string default_state = "normal";
  int64_t job_retention_s = 86400;  // Brickyard key: finished job results kept (DECISIONS #12)
  std::string log_format = "text";  // Brickyard key: "text" or "json"
  GlusterfsConfig glusterfs;
  // Non-fatal problems Parse found (e.g. an unknown loglevel, which keeps the
  // default as Heketi does), for the caller to log.
  std::vector<std::string> warnings;
};

using Env = std::map<std::string, std::string>;

// Returns the process environment as a map (for Load's `env`).
Env ProcessEnv();

// Parses `json_text` (keys matched case-insensitively, unknown keys ignored)
// then applies overrides from `env` (only non-empty values count). Returns
// InvalidArgument naming the key on a type error or invalid value.
// As in Heketi: JSON null, and a zero or empty value for one of Heketi's own
// keys, keep the default; sshexec/kubeexec rebalance_on_expansion in the file
// is ignored (only HEKETI_GLUSTERAPP_REBALANCE_ON_EXPANSION changes it); a
// non-empty HEKETI_ADMIN_KEY or HEKETI_USER_KEY also sets use_auth. Unlike
// Heketi, an environment value that does not parse is an error naming the
// variable rather than a log line. Brickyard's own keys are taken as written.
Result<Config> Parse(const std::string& json_text, const Env& env);

// Reads and parses the file at `path`.
Result<Config> Load(const std::string& path, const Env& env);

// Checks cross-field rules (auth keys present when auth is on, TLS files set
// when TLS is on, a valid default_state...). Returns InvalidArgument.
Status Validate(const Config& c);

}  // namespace brickyard::config
