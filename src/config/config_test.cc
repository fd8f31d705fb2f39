#include "config/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <utility>

namespace brickyard::config {
namespace {

// A file that passes Validate: auth keys set, mock executor.
constexpr char kMinimalValid[] = R"({
  "jwt": {"admin": {"key": "a"}, "user": {"key": "u"}},
  "glusterfs": {"executor": "mock"}
})";

// Shaped like Heketi's sample heketi.json: "_comment" keys (strings and
// arrays), port as a string, legacy kubeexec keys and keys Brickyard ignores.
constexpr char kHeketiSample[] = R"({
  "_port_comment": "Heketi Server Port Number",
  "port": "8080",
  "_use_auth": "Enable JWT authorization. Please enable for deployment",
  "use_auth": false,
  "_jwt": "Private keys for access",
  "jwt": {
    "_admin": "Admin has access to all APIs",
    "admin": {"key": "My Secret"},
    "_user": "User only has access to /volumes endpoint",
    "user": {"key": "My Secret"}
  },
  "_backup_db_to_kube_secret": "Backup the heketi database to a Kubernetes secret",
  "backup_db_to_kube_secret": false,
  "_profiling": "Enable go/pprof profiling on the /debug/pprof endpoints.",
  "profiling": false,
  "_glusterfs_comment": "GlusterFS Configuration",
  "glusterfs": {
    "_executor_comment": [
      "Execute plugin. Possible choices: mock, ssh",
      "mock: This setting is used for testing and development."
    ],
    "executor": "mock",
    "_sshexec_comment": "SSH username and private key file information",
    "sshexec": {
      "keyfile": "path/to/private_key",
      "user": "sshuser",
      "port": "Optional: ssh port.  Default is 22",
      "fstab": "Optional: Specify fstab file on node.  Default is /etc/fstab"
    },
    "_kubeexec_comment": "Kubernetes configuration",
    "kubeexec": {
      "host": "https://kubernetes.host:8443",
      "cert": "/path/to/crt.file",
      "insecure": false,
      "user": "kubernetes username",
      "password": "password for kubernetes user",
      "namespace": "OpenShift project or Kubernetes namespace",
      "fstab": "Optional: Specify fstab file on node.  Default is /etc/fstab"
    },
    "_db_comment": "Database file name",
    "db": "/var/lib/heketi/heketi.db",
    "_loglevel_comment": ["Set log level. Choices are:", "  none, critical, error, warning, info, debug"],
    "loglevel": "debug",
    "allocator": "simple",
    "injectexec": {"fail_on": []},
    "auto_create_block_hosting_volume": true,
    "block_hosting_volume_size": 500,
    "mountopts": "ignored here: not a glusterfs key",
    "operation_retry_limits": {"volume_create": 2}
  }
})";

Config MustParse(const std::string& json, const Env& env = {}) {
  auto r = Parse(json, env);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : Config{};
}

std::string ParseError(const std::string& json, const Env& env = {}) {
  auto r = Parse(json, env);
  if (r.ok()) return "(parsed)";
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  return r.status().message();
}

std::string ValidateError(const Config& c) {
  Status s = Validate(c);
  if (s.ok()) return "(valid)";
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  return s.message();
}

TEST(ConfigTest, Defaults) {
  Config c = MustParse("{}");
  EXPECT_EQ(c.port, "8080");
  EXPECT_EQ(c.bind_address, "127.0.0.1");
  EXPECT_TRUE(c.use_auth);
  EXPECT_EQ(c.jwt_iat_leeway_s, 120);
  EXPECT_EQ(c.jwt_exp_leeway_s, 60);
  EXPECT_EQ(c.default_state, "normal");
  EXPECT_EQ(c.log_format, "text");
  EXPECT_EQ(c.glusterfs.executor, "ssh");
  EXPECT_EQ(c.glusterfs.db, "heketi.db");
  EXPECT_EQ(c.glusterfs.loglevel, "info");
  EXPECT_EQ(c.glusterfs.brick_max_size_gb, 4096);
  EXPECT_EQ(c.glusterfs.max_volumes_per_cluster, 0);
  EXPECT_EQ(c.glusterfs.max_inflight_operations, 8);
  EXPECT_EQ(c.glusterfs.volume_create_retry_limit, 4);
  EXPECT_EQ(c.glusterfs.sshexec.user, "heketi");
  EXPECT_EQ(c.glusterfs.sshexec.port, "22");
  EXPECT_TRUE(c.glusterfs.sshexec.rebalance_on_expansion);
  EXPECT_TRUE(c.warnings.empty());
  // Auth is on by default, so the keys are required.
  EXPECT_EQ(ValidateError(c), "ERROR: Missing JWT information in config file");
  EXPECT_TRUE(Validate(MustParse(kMinimalValid)).ok());
  EXPECT_TRUE(Parse("null", {}).ok());
}

TEST(ConfigTest, HeketiSampleFile) {
  Config c = MustParse(kHeketiSample);
  EXPECT_EQ(c.port, "8080");
  EXPECT_FALSE(c.use_auth);
  EXPECT_EQ(c.admin_key, "My Secret");
  EXPECT_EQ(c.user_key, "My Secret");
  EXPECT_EQ(c.glusterfs.executor, "mock");
  EXPECT_EQ(c.glusterfs.db, "/var/lib/heketi/heketi.db");
  EXPECT_EQ(c.glusterfs.loglevel, "debug");
  EXPECT_EQ(c.glusterfs.sshexec.keyfile, "path/to/private_key");
  EXPECT_EQ(c.glusterfs.sshexec.user, "sshuser");
  EXPECT_EQ(c.glusterfs.kubeexec.user, "heketi");  // legacy kubeexec "user" is ignored
  EXPECT_EQ(c.glusterfs.sshexec.mountopts, "rw,inode64,noatime,nouuid");
  EXPECT_TRUE(c.glusterfs.auto_create_block_hosting_volume);
  EXPECT_EQ(c.glusterfs.block_hosting_volume_size, 500);
  EXPECT_EQ(c.glusterfs.volume_create_retry_limit, 2);
  EXPECT_TRUE(Validate(c).ok()) << Validate(c).message();
}

TEST(ConfigTest, KeysAreCaseInsensitive) {
  Config c = MustParse(R"({
    "PORT": "9090", "Use_Auth": false,
    "JWT": {"Admin": {"KEY": "a"}, "USER": {"Key": "u"}, "Exp_Leeway_Seconds": 5},
    "GlusterFS": {"Executor": "kube", "SSHEXEC": {"User": "root", "Port": 2222},
                  "Operation_Retry_Limits": {"VOLUME_CREATE": 9}}
  })");
  EXPECT_EQ(c.port, "9090");
  EXPECT_FALSE(c.use_auth);
  EXPECT_EQ(c.admin_key, "a");
  EXPECT_EQ(c.user_key, "u");
  EXPECT_EQ(c.jwt_exp_leeway_s, 5);
  EXPECT_EQ(c.glusterfs.executor, "kube");
  EXPECT_EQ(c.glusterfs.sshexec.user, "root");
  EXPECT_EQ(c.glusterfs.sshexec.port, "2222");
  EXPECT_EQ(c.glusterfs.volume_create_retry_limit, 9);
  // Two spellings of one key: the later one wins.
  EXPECT_EQ(MustParse(R"({"port": "1", "Port": "2"})").port, "2");
}

TEST(ConfigTest, PortMayBeANumber) {
  EXPECT_EQ(MustParse(R"({"port": 8081})").port, "8081");
  EXPECT_EQ(ParseError(R"({"port": -1})"), "config: port: must be a string");
}

TEST(ConfigTest, NullKeepsTheDefault) {
  Config c = MustParse(R"({"port": null, "jwt": null,
    "glusterfs": {"executor": null, "brick_max_size_gb": null, "sshexec": null}})");
  EXPECT_EQ(c.port, "8080");
  EXPECT_EQ(c.glusterfs.executor, "ssh");
  EXPECT_EQ(c.glusterfs.brick_max_size_gb, 4096);
}

TEST(ConfigTest, TypeErrorsNameTheKey) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"glusterfs": {"brick_max_size_gb": "10"}})",
       "config: glusterfs.brick_max_size_gb: must be an integer"},
      {R"({"glusterfs": {"brick_max_size_gb": 1.5}})",
       "config: glusterfs.brick_max_size_gb: must be an integer"},
      {R"({"GLUSTERFS": {"Brick_Max_Size_GB": true}})",
       "config: glusterfs.brick_max_size_gb: must be an integer"},
      {R"({"use_auth": "yes"})", "config: use_auth: must be a boolean"},
      {R"({"port": true})", "config: port: must be a string"},
      {R"({"jwt": {"admin": {"key": 5}}})", "config: jwt.admin.key: must be a string"},
      {R"({"jwt": {"user": "secret"}})", "config: jwt.user: must be an object"},
      {R"({"glusterfs": []})", "config: glusterfs: must be an object"},
      {R"({"glusterfs": {"max_inflight_operations": -1}})",
       "config: glusterfs.max_inflight_operations: must be a non-negative integer"},
      {R"({"glusterfs": {"sshexec": {"connect_timeout": "5"}}})",
       "config: glusterfs.sshexec.connect_timeout: must be a non-negative integer"},
      {R"({"glusterfs": {"operation_retry_limits": {"volume_create": "4"}}})",
       "config: glusterfs.operation_retry_limits.volume_create: must be an integer"},
      {R"({"glusterfs": {"gid_max": 18446744073709551615}})", "config: glusterfs.gid_max: is out of range"},
      {"[]", "config: the file must hold a JSON object"},
  };
  for (const auto& [json, message] : cases) EXPECT_EQ(ParseError(json), message) << json;
  EXPECT_EQ(ParseError("{").rfind("config: invalid JSON: ", 0), 0u) << ParseError("{");
  EXPECT_EQ(ParseError("").rfind("config: invalid JSON: ", 0), 0u);
}

TEST(ConfigTest, HeketiZeroValuesMeanDefault) {
  Config c = MustParse(R"({"port": "", "default_state": "", "glusterfs": {
    "executor": "", "db": "", "loglevel": "", "brick_max_size_gb": 0, "brick_min_size_gb": 0,
    "max_bricks_per_volume": 0, "average_file_size_kb": 0, "zone_checking": "",
    "block_hosting_volume_size": -3, "block_hosting_volume_options": "",
    "max_inflight_operations": 0, "refresh_time_background_cleaner": 0,
    "operation_retry_limits": {"volume_create": 0},
    "sshexec": {"fstab": "", "user": "", "port": "", "gluster_cli_timeout": 0, "block_prealloc": ""}}})");
  const Config d;
  EXPECT_EQ(c.port, d.port);
  EXPECT_EQ(c.default_state, "normal");
  const GlusterfsConfig& g = c.glusterfs;
  EXPECT_EQ(g.executor, "ssh");
  EXPECT_EQ(g.db, "heketi.db");
  EXPECT_EQ(g.loglevel, "info");
  EXPECT_EQ(g.brick_max_size_gb, 4096);
  EXPECT_EQ(g.brick_min_size_gb, 1);
  EXPECT_EQ(g.max_bricks_per_volume, 32);
  EXPECT_EQ(g.average_file_size_kb, 64);
  EXPECT_EQ(g.zone_checking, "none");
  EXPECT_EQ(g.block_hosting_volume_size, 1024);
  EXPECT_EQ(g.block_hosting_volume_options, "group gluster-block");
  EXPECT_EQ(g.max_inflight_operations, 8);
  EXPECT_EQ(g.refresh_time_background_cleaner, 3600);
  EXPECT_EQ(g.volume_create_retry_limit, 4);
  EXPECT_EQ(g.sshexec.fstab, "/etc/fstab");
  EXPECT_EQ(g.sshexec.user, "heketi");
  EXPECT_EQ(g.sshexec.port, "22");
  EXPECT_EQ(g.sshexec.gluster_cli_timeout, 600);
  EXPECT_EQ(g.sshexec.block_prealloc, "full");
  EXPECT_TRUE(c.warnings.empty());
}

TEST(ConfigTest, RebalanceOnExpansionIgnoresTheFile) {
  Config c = MustParse(R"({"glusterfs": {"sshexec": {"rebalance_on_expansion": false}}})");
  EXPECT_TRUE(c.glusterfs.sshexec.rebalance_on_expansion);
  c = MustParse(R"({})", {{"HEKETI_GLUSTERAPP_REBALANCE_ON_EXPANSION", "false"}});
  EXPECT_FALSE(c.glusterfs.sshexec.rebalance_on_expansion);
  EXPECT_FALSE(c.glusterfs.kubeexec.rebalance_on_expansion);
}

TEST(ConfigTest, MaxVolumesPerClusterHasNoCapUnlessConfigured) {
  EXPECT_EQ(MustParse(R"({"glusterfs": {"max_volumes_per_cluster": 0}})").glusterfs.max_volumes_per_cluster,
            0);
  EXPECT_EQ(MustParse(R"({"glusterfs": {"max_volumes_per_cluster": -1}})").glusterfs.max_volumes_per_cluster,
            0);
  EXPECT_EQ(MustParse(R"({"glusterfs": {"max_volumes_per_cluster": 250}})").glusterfs.max_volumes_per_cluster,
            250);
  EXPECT_EQ(
      MustParse("{}", {{"HEKETI_GLUSTER_MAX_VOLUMES_PER_CLUSTER", "-5"}}).glusterfs.max_volumes_per_cluster,
      0);
  EXPECT_EQ(
      MustParse("{}", {{"HEKETI_GLUSTER_MAX_VOLUMES_PER_CLUSTER", "300"}}).glusterfs.max_volumes_per_cluster,
      300);
}

TEST(ConfigTest, InvalidLogLevelKeepsTheDefaultWithAWarning) {
  Config c = MustParse(R"({"jwt": {"admin": {"key": "a"}, "user": {"key": "u"}},
                           "glusterfs": {"executor": "mock", "loglevel": "verbose"}})");
  EXPECT_EQ(c.glusterfs.loglevel, "info");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find("verbose"), std::string::npos);
  EXPECT_TRUE(Validate(c).ok());
  EXPECT_EQ(MustParse("{}", {{"HEKETI_GLUSTERAPP_LOGLEVEL", "warning"}}).glusterfs.loglevel, "warning");
}

TEST(ConfigTest, EnvironmentOverridesTheFile) {
  const Env env = {
      {"HEKETI_HTTP_PORT", "9000"},
      {"BRICKYARD_BIND_ADDRESS", "0.0.0.0"},
      {"HEKETI_ADMIN_KEY", "env-admin"},
      {"HEKETI_USER_KEY", "env-user"},
      {"HEKETI_BACKUP_DB_TO_KUBE_SECRET", "no"},  // any value means true
      {"HEKETI_PROFILING", "0"},                  // any value means true
      {"HEKETI_DEFAULT_STATE", "read-only"},
      {"HEKETI_EXECUTOR", "kubernetes"},
      {"HEKETI_DB_PATH", "/var/lib/heketi/x.db"},
      {"HEKETI_PRE_REQUEST_VOLUME_OPTIONS", "a on"},
      {"HEKETI_POST_REQUEST_VOLUME_OPTIONS", "b off"},
      {"HEKETI_ZONE_CHECKING", "strict"},
      {"HEKETI_AUTO_CREATE_BLOCK_HOSTING_VOLUME", "T"},
      {"HEKETI_BLOCK_HOSTING_VOLUME_SIZE", "200"},
      {"HEKETI_BLOCK_HOSTING_VOLUME_OPTIONS", "group x"},
      {"HEKETI_DISABLE_HEALTH_MONITOR", "true"},
      {"HEKETI_MAX_INFLIGHT_OPERATIONS", "3"},
      {"HEKETI_DISABLE_BACKGROUND_CLEANER", "true"},
      {"HEKETI_JWT_IAT_LEEWAY_SECONDS", "30"},
      {"HEKETI_MOCK_DEVICE_SIZE_GB", "100"},
      {"HEKETI_FSTAB", "/var/lib/heketi/fstab"},
      {"HEKETI_MOUNT_OPTS", "rw"},
      {"HEKETI_SNAPSHOT_LIMIT", "14"},
      {"HEKETI_GLUSTER_CLI_TIMEOUT", "120"},
      {"HEKETI_DEBUG_UMOUNT_FAILURES", "1"},
      {"HEKETI_BLOCK_VOLUME_DEFAULT_PREALLOC", "none"},
      {"HEKETI_LVM_WRAPPER", "/usr/sbin/exec-on-host"},
      {"HEKETI_SSH_KEYFILE", "/etc/heketi/key"},
      {"HEKETI_SSH_USER", "root"},
      {"HEKETI_SSH_PORT", "2222"},
  };
  Config c = MustParse(R"({"port": "8080", "use_auth": false, "glusterfs": {"executor": "mock"}})", env);
  EXPECT_EQ(c.port, "9000");
  EXPECT_EQ(c.bind_address, "0.0.0.0");
  EXPECT_EQ(c.admin_key, "env-admin");
  EXPECT_EQ(c.user_key, "env-user");
  EXPECT_TRUE(c.use_auth);  // a key from the environment turns auth on
  EXPECT_TRUE(c.backup_db_to_kube_secret);
  EXPECT_TRUE(c.profiling);
  EXPECT_EQ(c.default_state, "read-only");
  EXPECT_EQ(c.jwt_iat_leeway_s, 30);
  const GlusterfsConfig& g = c.glusterfs;
  EXPECT_EQ(g.executor, "kubernetes");
  EXPECT_EQ(g.db, "/var/lib/heketi/x.db");
  EXPECT_EQ(g.pre_request_volume_options, "a on");
  EXPECT_EQ(g.post_request_volume_options, "b off");
  EXPECT_EQ(g.zone_checking, "strict");
  EXPECT_TRUE(g.auto_create_block_hosting_volume);
  EXPECT_EQ(g.block_hosting_volume_size, 200);
  EXPECT_EQ(g.block_hosting_volume_options, "group x");
  EXPECT_TRUE(g.disable_monitor_gluster_nodes);
  EXPECT_EQ(g.max_inflight_operations, 3);
  EXPECT_TRUE(g.disable_background_cleaner);
  EXPECT_EQ(g.mock_device_size_gb, 100);
  for (const ExecutorOptions* e : {&g.sshexec, &g.kubeexec}) {
    EXPECT_EQ(e->fstab, "/var/lib/heketi/fstab");
    EXPECT_EQ(e->mountopts, "rw");
    EXPECT_EQ(e->snapshot_limit, 14);
    EXPECT_EQ(e->gluster_cli_timeout, 120);
    EXPECT_TRUE(e->debug_umount_failures);
    EXPECT_EQ(e->block_prealloc, "none");
    EXPECT_EQ(e->lvm_wrapper, "/usr/sbin/exec-on-host");
    EXPECT_EQ(e->keyfile, "/etc/heketi/key");
    EXPECT_EQ(e->user, "root");
    EXPECT_EQ(e->port, "2222");
  }
  EXPECT_TRUE(Validate(c).ok()) << Validate(c).message();
}

TEST(ConfigTest, EmptyEnvironmentValuesDoNotOverride) {
  Env env;
  for (const char* name : {"HEKETI_HTTP_PORT", "HEKETI_ADMIN_KEY", "HEKETI_EXECUTOR", "HEKETI_PROFILING",
                           "HEKETI_MAX_INFLIGHT_OPERATIONS", "HEKETI_SSH_USER", "BRICKYARD_BIND_ADDRESS"}) {
    env[name] = "";
  }
  Config c = MustParse(R"({"port": "8123", "use_auth": false, "jwt": {"admin": {"key": "file"}},
    "glusterfs": {"executor": "mock", "max_inflight_operations": 5, "sshexec": {"user": "fileuser"}}})",
                       env);
  EXPECT_EQ(c.port, "8123");
  EXPECT_EQ(c.admin_key, "file");
  EXPECT_FALSE(c.use_auth);
  EXPECT_FALSE(c.profiling);
  EXPECT_EQ(c.bind_address, "127.0.0.1");
  EXPECT_EQ(c.glusterfs.executor, "mock");
  EXPECT_EQ(c.glusterfs.max_inflight_operations, 5);
  EXPECT_EQ(c.glusterfs.sshexec.user, "fileuser");
}

TEST(ConfigTest, EnvironmentFlagsFollowHeketiParsing) {
  // Only the exact value "true" disables the background tasks.
  Config c =
      MustParse("{}", {{"HEKETI_DISABLE_HEALTH_MONITOR", "yes"}, {"HEKETI_DISABLE_BACKGROUND_CLEANER", "1"}});
  EXPECT_FALSE(c.glusterfs.disable_monitor_gluster_nodes);
  EXPECT_FALSE(c.glusterfs.disable_background_cleaner);
  // Parsed booleans accept Go's spellings.
  for (const char* yes : {"1", "t", "T", "TRUE", "true", "True"}) {
    EXPECT_TRUE(MustParse("{}", {{"HEKETI_AUTO_CREATE_BLOCK_HOSTING_VOLUME", yes}})
                    .glusterfs.auto_create_block_hosting_volume);
  }
  EXPECT_FALSE(MustParse(R"({"glusterfs": {"auto_create_block_hosting_volume": true}})",
                         {{"HEKETI_AUTO_CREATE_BLOCK_HOSTING_VOLUME", "False"}})
                   .glusterfs.auto_create_block_hosting_volume);
}

TEST(ConfigTest, UnparsableEnvironmentValuesAreErrors) {
  EXPECT_EQ(ParseError("{}", {{"HEKETI_AUTO_CREATE_BLOCK_HOSTING_VOLUME", "yes"}}),
            "config: HEKETI_AUTO_CREATE_BLOCK_HOSTING_VOLUME: must be a boolean");
  EXPECT_EQ(ParseError("{}", {{"HEKETI_MAX_INFLIGHT_OPERATIONS", "many"}}),
            "config: HEKETI_MAX_INFLIGHT_OPERATIONS: must be a non-negative integer");
  EXPECT_EQ(ParseError("{}", {{"HEKETI_JWT_IAT_LEEWAY_SECONDS", "-1"}}),
            "config: HEKETI_JWT_IAT_LEEWAY_SECONDS: must be a non-negative integer");
  EXPECT_EQ(ParseError("{}", {{"HEKETI_SNAPSHOT_LIMIT", "1x"}}),
            "config: HEKETI_SNAPSHOT_LIMIT: must be an integer");
  EXPECT_EQ(ParseError("{}", {{"HEKETI_BLOCK_HOSTING_VOLUME_SIZE", "99999999999999999999"}}),
            "config: HEKETI_BLOCK_HOSTING_VOLUME_SIZE: must be an integer");
}

TEST(ConfigTest, ValidationFailures) {
  const Config base = MustParse(kMinimalValid);
  ASSERT_TRUE(Validate(base).ok());
  struct Case {
    std::function<void(Config&)> mutate;
    std::string message;
  };
  const Case cases[] = {
      {[](Config& c) { c.glusterfs.executor = "local"; }, "invalid executor: local"},
      {[](Config& c) { c.user_key = ""; }, "ERROR: Missing JWT information in config file"},
      {[](Config& c) { c.admin_key = ""; }, "ERROR: Missing JWT information in config file"},
      {[](Config& c) {
         c.enable_tls = true;
         c.cert_file = "c.pem";
       },
       "config: enable_tls: requires cert_file and key_file"},
      {[](Config& c) { c.default_state = "maintenance"; },
       "config: default_state: unknown admin state name: maintenance"},
      {[](Config& c) { c.glusterfs.zone_checking = "loose"; },
       "config: glusterfs.zone_checking: must be none or strict, got \"loose\""},
      {[](Config& c) { c.port = "http"; }, "config: port: must be a port number, got \"http\""},
      {[](Config& c) { c.port = "65536"; }, "config: port: must be a port number, got \"65536\""},
      {[](Config& c) { c.bind_address = ""; },
       "config: bind_address: must not be empty (0.0.0.0 means all interfaces)"},
      {[](Config& c) { c.log_format = "xml"; }, "config: log_format: must be text or json"},
      {[](Config& c) { c.glusterfs.gid_min = 0; }, "config: glusterfs.gid_min: must be at least 1"},
      {[](Config& c) { c.glusterfs.gid_max = 2147483647; },
       "config: glusterfs.gid_max: must be at most 2147483646"},
      {[](Config& c) {
         c.glusterfs.gid_min = 5000;
         c.glusterfs.gid_max = 4000;
       },
       "config: glusterfs.gid_min: must not exceed glusterfs.gid_max"},
      {[](Config& c) { c.glusterfs.max_inflight_operations = 0; },
       "config: glusterfs.max_inflight_operations: must be at least 1"},
      {[](Config& c) { c.glusterfs.brick_max_size_gb = 0; },
       "config: glusterfs.brick_max_size_gb: must be at least 1"},
      {[](Config& c) { c.glusterfs.brick_min_size_gb = -1; },
       "config: glusterfs.brick_min_size_gb: must be at least 1"},
      {[](Config& c) { c.glusterfs.max_bricks_per_volume = 0; },
       "config: glusterfs.max_bricks_per_volume: must be at least 1"},
      {[](Config& c) {
         c.glusterfs.brick_min_size_gb = 10;
         c.glusterfs.brick_max_size_gb = 5;
       },
       "config: glusterfs.brick_min_size_gb: must not exceed glusterfs.brick_max_size_gb"},
      {[](Config& c) { c.glusterfs.sshexec.max_sessions_per_host = 0; },
       "config: glusterfs.sshexec.max_sessions_per_host: must be at least 1"},
      {[](Config& c) { c.glusterfs.kubeexec.gluster_cli_timeout = 0; },
       "config: glusterfs.kubeexec.gluster_cli_timeout: must be at least 1"},
      {[](Config& c) {
         c.glusterfs.executor = "ssh";
         c.glusterfs.sshexec.port = "Default is 22";
       },
       "config: glusterfs.sshexec.port: must be a port number, got \"Default is 22\""},
  };
  for (const Case& k : cases) {
    Config c = base;
    k.mutate(c);
    EXPECT_EQ(ValidateError(c), k.message);
  }
}

TEST(ConfigTest, ValidationAccepts) {
  Config c = MustParse(kMinimalValid);
  for (const char* executor : {"mock", "ssh", "kubernetes", "kube", "inject/ssh", "inject/mock", "mock/stateless"}) {
    c.glusterfs.executor = executor;
    EXPECT_TRUE(Validate(c).ok()) << executor;
  }
  c = MustParse(kMinimalValid);
  c.use_auth = false;  // DECISIONS #1: then no keys are needed
  c.admin_key = "";
  c.user_key = "";
  c.port = "0";
  c.glusterfs.gid_min = 7;
  c.glusterfs.gid_max = 7;
  c.enable_tls = true;
  c.cert_file = "c.pem";
  c.key_file = "k.pem";
  c.glusterfs.loglevel = "bogus";  // only ever warned about
  EXPECT_TRUE(Validate(c).ok()) << Validate(c).message();
}

TEST(ConfigTest, BrickyardKeysRoundTrip) {
  Config c = MustParse(R"({
    "bind_address": "10.0.0.5",
    "jwt": {"admin": {"key": "a"}, "user": {"key": "u"}, "exp_leeway_seconds": 15},
    "job_retention_seconds": 3600,
    "log_format": "json",
    "glusterfs": {
      "executor": "ssh",
      "max_queued_operations": 50,
      "gid_min": 3000,
      "gid_max": 4000,
      "mock_device_size_gb": 64,
      "mock_delay_ms": 25,
      "sshexec": {"keyfile": "/k", "known_hosts": "/etc/heketi/known_hosts", "trust_on_first_use": true,
                  "connect_timeout": 3, "command_timeout": 90, "max_sessions_per_host": 2}
    }
  })");
  EXPECT_EQ(c.bind_address, "10.0.0.5");
  EXPECT_EQ(c.jwt_exp_leeway_s, 15);
  EXPECT_EQ(c.job_retention_s, 3600);
  EXPECT_EQ(c.log_format, "json");
  const GlusterfsConfig& g = c.glusterfs;
  EXPECT_EQ(g.max_queued_operations, 50);
  EXPECT_EQ(g.gid_min, 3000);
  EXPECT_EQ(g.gid_max, 4000);
  EXPECT_EQ(g.mock_device_size_gb, 64);
  EXPECT_EQ(g.mock_delay_ms, 25);
  EXPECT_EQ(g.sshexec.known_hosts, "/etc/heketi/known_hosts");
  EXPECT_TRUE(g.sshexec.trust_on_first_use);
  EXPECT_EQ(g.sshexec.connect_timeout_s, 3);
  EXPECT_EQ(g.sshexec.command_timeout_s, 90);
  EXPECT_EQ(g.sshexec.max_sessions_per_host, 2);
  EXPECT_TRUE(Validate(c).ok()) << Validate(c).message();
  // Brickyard's keys are taken as written: zero is a real value.
  Config z = MustParse(R"({"jwt": {"exp_leeway_seconds": 0}, "job_retention_seconds": 0,
                           "glusterfs": {"max_queued_operations": 0}})");
  EXPECT_EQ(z.jwt_exp_leeway_s, 0);
  EXPECT_EQ(z.job_retention_s, 0);
  EXPECT_EQ(z.glusterfs.max_queued_operations, 0);
}

TEST(ConfigTest, LoadReadsAFile) {
  auto dir = std::filesystem::path(::testing::TempDir()) / ("config_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = (dir / "heketi.json").string();
  std::ofstream(path) << kHeketiSample;
  auto r = Load(path, {{"HEKETI_HTTP_PORT", "7000"}});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->port, "7000");
  EXPECT_EQ(r->glusterfs.executor, "mock");

  auto missing = Load((dir / "absent.json").string(), {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("unable to open config file"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(ConfigTest, ProcessEnvReadsTheEnvironment) {
  ::setenv("BRICKYARD_CONFIG_TEST_VAR", "a=b", 1);
  Env env = ProcessEnv();
  EXPECT_EQ(env["BRICKYARD_CONFIG_TEST_VAR"], "a=b");
  ::unsetenv("BRICKYARD_CONFIG_TEST_VAR");
}

}  // namespace
}  // namespace brickyard::config
