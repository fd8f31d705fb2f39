// docs/config.md against the parser. There is no config dump, so the keys are
// read from the decoder tables of config.cc (`{"name", String(...)}` and the
// like) and the variables from the table of env.cc (`{"HEKETI_...", Set...}`).
// Every JSON key and every variable must be documented; every key and
// variable a table row of the document names must be one the parser reads.
// Sanity counts and a behavioural check catch a scan that silently finds
// nothing (e.g. after the tables change shape).
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"

namespace brickyard::config {
namespace {

const std::string kRoot = BY_SOURCE_DIR;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> Matches(const std::string& text, const std::regex& re) {
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

// JSON key names of config.cc's decoder tables.
std::set<std::string> JsonKeys() {
  static const std::regex re(R"re(\{"([a-z_]+)",\s*(?:String|Bool|Int|Uint|Port|Object)\()re");
  return Matches(ReadFile(kRoot + "/src/config/config.cc"), re);
}

// Variable names of env.cc's table.
std::set<std::string> EnvVars() {
  static const std::regex re(R"re(\{"((?:HEKETI|BRICKYARD)_[A-Z0-9_]+)",\s*Set)re");
  return Matches(ReadFile(kRoot + "/src/config/env.cc"), re);
}

std::string Doc() {
  return ReadFile(kRoot + "/docs/config.md");
}

// True when `key` is written in backquotes in `doc`, alone or as a part of a
// dotted path (`glusterfs.sshexec.keyfile`).
bool DocumentsKey(const std::string& doc, const std::string& key) {
  const std::regex re("`(?:[A-Za-z_]+\\.)*" + key + "(?:\\.[A-Za-z_]+)*`");
  return std::regex_search(doc, re);
}

// Table rows of the document: the cells of each line starting with "| ".
std::vector<std::vector<std::string>> Rows(const std::string& doc) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(doc);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| ", 0) != 0) continue;
    std::vector<std::string> cells;
    size_t start = 1;
    for (size_t bar = line.find('|', start); bar != std::string::npos; bar = line.find('|', start)) {
      cells.push_back(line.substr(start, bar - start));
      start = bar + 1;
    }
    rows.push_back(cells);
  }
  return rows;
}

TEST(ConfigDocTest, ScansFindTheTables) {
  const std::set<std::string> keys = JsonKeys();
  const std::set<std::string> vars = EnvVars();
  EXPECT_GE(keys.size(), 60u) << "config.cc's decoder tables were not found whole";
  EXPECT_GE(vars.size(), 30u) << "env.cc's variable table was not found whole";
  for (const char* k : {"port", "jwt", "admin", "key", "glusterfs", "sshexec", "keyfile", "max_sessions_per_host",
                        "operation_retry_limits", "volume_create", "mock_state_file"}) {
    EXPECT_TRUE(keys.count(k)) << k;
  }
  for (const char* v : {"HEKETI_HTTP_PORT", "BRICKYARD_BIND_ADDRESS", "HEKETI_SSH_PORT", "HEKETI_JWT_IAT_LEEWAY_SECONDS"}) {
    EXPECT_TRUE(vars.count(v)) << v;
  }
}

// The scanned names are the parser's: each variable, set to a value that
// cannot be an integer nor a boolean, either changes the result or is
// refused with its name; an unknown variable does neither.
TEST(ConfigDocTest, ScannedVariablesAreRead) {
  auto fingerprint = [](const Result<Config>& r) {
    if (!r.ok()) return "error: " + std::string(r.status().message());
    const Config& c = r.value();
    const GlusterfsConfig& g = c.glusterfs;
    std::ostringstream s;
    s << c.port << c.bind_address << c.use_auth << c.admin_key << c.user_key << c.backup_db_to_kube_secret
      << c.profiling << c.default_state << g.executor << g.db << g.loglevel << g.pre_request_volume_options
      << g.post_request_volume_options << g.zone_checking << g.block_hosting_volume_options;
    for (const std::string& w : c.warnings) s << w;  // an unknown loglevel is a warning
    for (const ExecutorOptions* e : {&g.sshexec, &g.kubeexec}) {
      s << e->fstab << e->mountopts << e->block_prealloc << e->lvm_wrapper << e->keyfile << e->user << e->port;
    }
    return s.str();
  };
  const std::string base = fingerprint(Parse("{}", {}));
  for (const std::string& var : EnvVars()) {
    auto r = Parse("{}", {{var, "zz-doc-check"}});
    if (!r.ok()) {
      EXPECT_NE(std::string(r.status().message()).find(var), std::string::npos) << r.status().message();
      continue;
    }
    if (var == "HEKETI_DISABLE_HEALTH_MONITOR" || var == "HEKETI_DISABLE_BACKGROUND_CLEANER") {
      // Only the exact value "true" counts (Heketi).
      auto on = Parse("{}", {{var, "true"}});
      ASSERT_TRUE(on.ok());
      EXPECT_TRUE(on->glusterfs.disable_monitor_gluster_nodes || on->glusterfs.disable_background_cleaner) << var;
      continue;
    }
    EXPECT_NE(fingerprint(r), base) << var << " changed nothing";
  }
  EXPECT_EQ(fingerprint(Parse("{}", {{"HEKETI_NOT_A_SETTING", "zz-doc-check"}})), base);
}

TEST(ConfigDocTest, EveryJsonKeyIsDocumented) {
  const std::string doc = Doc();
  for (const std::string& key : JsonKeys()) {
    EXPECT_TRUE(DocumentsKey(doc, key)) << "JSON key `" << key << "` (config.cc) is not in docs/config.md";
  }
}

TEST(ConfigDocTest, EveryEnvironmentVariableIsDocumented) {
  const std::string doc = Doc();
  for (const std::string& var : EnvVars()) {
    EXPECT_NE(doc.find("`" + var + "`"), std::string::npos)
        << "environment variable " << var << " (env.cc) is not in docs/config.md";
  }
}

// The key and env columns of the document's tables name only what the
// parser reads. rebalance_on_expansion is an executor option the file cannot
// set (only HEKETI_GLUSTERAPP_REBALANCE_ON_EXPANSION can), as in Heketi.
TEST(ConfigDocTest, TablesNameOnlyWhatIsRead) {
  const std::set<std::string> keys = JsonKeys();
  const std::set<std::string> vars = EnvVars();
  const std::set<std::string> env_only_fields = {"rebalance_on_expansion"};
  static const std::regex key_re(R"re(`([A-Za-z_.]+)`)re");
  static const std::regex var_re(R"re(`((?:HEKETI|BRICKYARD)_[A-Z0-9_]+)`)re");
  int key_rows = 0;
  for (const auto& cells : Rows(Doc())) {
    if (cells.size() != 4) continue;  // the key | env override | default | meaning tables
    for (const std::string& path : Matches(cells[0], key_re)) {
      ++key_rows;
      std::string rest = path;
      for (size_t dot; (dot = rest.find('.')) != std::string::npos; rest = rest.substr(dot + 1)) {
        EXPECT_TRUE(keys.count(rest.substr(0, dot))) << "`" << path << "`: no key " << rest.substr(0, dot);
      }
      EXPECT_TRUE(keys.count(rest) || env_only_fields.count(rest)) << "`" << path << "` is not read by config.cc";
    }
    for (const std::string& var : Matches(cells[1], var_re)) {
      EXPECT_TRUE(vars.count(var)) << var << " is documented as an override but env.cc does not read it";
    }
  }
  EXPECT_GE(key_rows, 60) << "the tables of docs/config.md were not found whole";
}

}  // namespace
}  // namespace brickyard::config
