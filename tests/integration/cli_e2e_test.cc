// End-to-end tests of brickyard-cli: the real server (mock executor, temp
// store, free loopback port) driven through the real brickyard-cli binary
// with the command sequences of the heketi-cli sessions in the seed articles.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "server_process.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr char kSecret[] = "PASSWORD";
const std::string kHex32 = "[0-9a-f]{32}";

bool Matches(const std::string& s, const std::string& pattern) {
  return std::regex_match(s, std::regex(pattern));
}

std::string Capture(const std::string& s, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(s, m, std::regex(pattern)) || m.size() < 2) return "";
  return m[1];
}

// The three-node file of seed 004 (a 10 GB /dev/xvdf per node).
json Seed004Topology() {
  json nodes = json::array();
  const std::vector<std::pair<std::string, std::string>> hosts = {
      {"glustera.tftest.encompasshost.internal", "10.99.3.216"},
      {"glusterb.tftest.encompasshost.internal", "10.99.4.161"},
      {"glusterc.tftest.encompasshost.internal", "10.99.5.91"}};
  int zone = 1;
  for (const auto& [manage, storage] : hosts) {
    nodes.push_back({{"node", {{"hostnames", {{"manage", {manage}}, {"storage", {storage}}}}, {"zone", zone++}}},
                     {"devices", {"/dev/xvdf"}}});
  }
  return {{"clusters", {{{"nodes", nodes}}}}};
}

// The two-cluster file of seed 000: one pool on sdb, one on sdc..sdg.
json Seed000Topology() {
  json rhv = json::array(), ocp = json::array();
  for (int i = 0; i < 3; ++i) {
    std::string a = "192.168.99." + std::to_string(28 + i), b = "192.168.199." + std::to_string(28 + i);
    rhv.push_back({{"node", {{"hostnames", {{"manage", {a}}, {"storage", {a}}}}, {"zone", i + 1}}},
                   {"devices", {"/dev/sdb"}}});
    ocp.push_back({{"node", {{"hostnames", {{"manage", {b}}, {"storage", {b}}}}, {"zone", i + 1}}},
                   {"devices", {"/dev/sdc", "/dev/sdd", "/dev/sde", "/dev/sdf", "/dev/sdg"}}});
  }
  return {{"clusters", {{{"nodes", rhv}}, {{"nodes", ocp}}}}};
}

class CliE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    json config = {{"jwt", {{"admin", {{"key", kSecret}}}, {"user", {{"key", "user-secret"}}}}},
                   {"glusterfs", {{"executor", "mock"}, {"loglevel", "warning"}, {"mock_device_size_gb", 2048}}}};
    ASSERT_TRUE(server_.Start(config));
    env_ = {{"HEKETI_CLI_SERVER", server_.url()}, {"HEKETI_CLI_USER", "admin"}, {"HEKETI_CLI_KEY", kSecret}};
    dir_ = server_.dir();
  }

  CliRun Cli(const std::vector<std::string>& args) { return RunProgram(CliBinary(), args, env_, dir_); }

  // Runs a command that must succeed and returns its stdout.
  std::string Ok(const std::vector<std::string>& args) {
    CliRun r = Cli(args);
    EXPECT_EQ(r.exit_code, 0) << "brickyard-cli " << testing_args(args) << "\nstderr: " << r.err;
    EXPECT_EQ(r.err, "");
    return r.out;
  }

  static std::string testing_args(const std::vector<std::string>& args) {
    std::string s;
    for (const auto& a : args) s += a + " ";
    return s;
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    std::string path = (fs::path(dir_) / name).string();
    std::ofstream(path) << text;
    return path;
  }

  ServerProcess server_;
  std::map<std::string, std::string> env_;
  std::string dir_;
};

TEST_F(CliE2eTest, Seed004SessionThroughVolumeDelete) {
  // heketi-cli --server ... --user admin --secret "PASSWORD" cluster list
  CliRun first = RunProgram(CliBinary(), {"--server", server_.url(), "--user", "admin", "--secret", kSecret,
                                          "cluster", "list"}, {}, dir_);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, "Clusters:\n");

  std::string file = WriteFile("topology.json", Seed004Topology().dump(2));
  auto load = Cli({"topology", "load", "--json=" + file});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  auto lines = load.Lines();
  ASSERT_EQ(lines.size(), 9u) << load.out;
  EXPECT_TRUE(Matches(lines[0], "Creating cluster \\.\\.\\. ID: " + kHex32)) << lines[0];
  const std::string cid = lines[0].substr(lines[0].size() - 32);
  EXPECT_EQ(lines[1], "\tAllowing file volumes on cluster.");
  EXPECT_EQ(lines[2], "\tAllowing block volumes on cluster.");
  EXPECT_TRUE(Matches(lines[3], "\tCreating node glustera\\.tftest\\.encompasshost\\.internal \\.\\.\\. ID: " + kHex32));
  EXPECT_EQ(lines[4], "\t\tAdding device /dev/xvdf ... OK");
  EXPECT_TRUE(Matches(lines[5], "\tCreating node glusterb\\.tftest\\.encompasshost\\.internal \\.\\.\\. ID: " + kHex32));
  EXPECT_EQ(lines[6], "\t\tAdding device /dev/xvdf ... OK");
  EXPECT_EQ(lines[8], "\t\tAdding device /dev/xvdf ... OK");

  // Loading the same file again finds everything.
  EXPECT_EQ(Ok({"topology", "load", "--json=" + file}),
            "\tFound node glustera.tftest.encompasshost.internal on cluster " + cid + "\n"
            "\t\tFound device /dev/xvdf\n"
            "\tFound node glusterb.tftest.encompasshost.internal on cluster " + cid + "\n"
            "\t\tFound device /dev/xvdf\n"
            "\tFound node glusterc.tftest.encompasshost.internal on cluster " + cid + "\n"
            "\t\tFound device /dev/xvdf\n");

  EXPECT_EQ(Ok({"cluster", "list"}), "Clusters:\nId:" + cid + " [file][block]\n");
  auto nodes = Cli({"node", "list"}).Lines();
  ASSERT_EQ(nodes.size(), 3u);
  for (const auto& n : nodes) EXPECT_TRUE(Matches(n, "Id:" + kHex32 + "\tCluster:" + cid)) << n;

  // heketi-cli volume create --size=1
  std::string created = Ok({"volume", "create", "--size=1"});
  const std::string vid = Capture(created, "Volume Id: (" + kHex32 + ")");
  ASSERT_FALSE(vid.empty()) << created;
  const std::string mount_host = Capture(created, "Mount: ([0-9.]+):vol_");
  const std::set<std::string> all = {"10.99.3.216", "10.99.4.161", "10.99.5.91"};
  ASSERT_TRUE(all.count(mount_host)) << created;
  std::string backups = Capture(created, "backup-volfile-servers=([0-9.,]+)\n");
  std::set<std::string> backup_set;
  for (size_t p = 0; p <= backups.size();) {
    size_t comma = backups.find(',', p);
    if (comma == std::string::npos) comma = backups.size();
    backup_set.insert(backups.substr(p, comma - p));
    p = comma + 1;
  }
  std::set<std::string> others = all;
  others.erase(mount_host);
  EXPECT_EQ(backup_set, others);
  EXPECT_EQ(created,
            "Name: vol_" + vid + "\n"
            "Size: 1\n"
            "Volume Id: " + vid + "\n"
            "Cluster Id: " + cid + "\n"
            "Mount: " + mount_host + ":vol_" + vid + "\n"
            "Mount Options: backup-volfile-servers=" + backups + "\n"
            "Block: false\n"
            "Free Size: 0\n"
            "Reserved Size: 0\n"
            "Block Hosting Restriction: (none)\n"
            "Block Volumes: []\n"
            "Durability Type: replicate\n"
            "Distribute Count: 1\n"
            "Replica Count: 3\n");
  EXPECT_EQ(Ok({"volume", "info", vid}), created);

  EXPECT_EQ(Ok({"volume", "list"}),
            "Id:" + vid + "    Cluster:" + cid + "    Name:vol_" + vid + "\n");
  EXPECT_EQ(Ok({"volume", "delete", vid}), "Volume " + vid + " deleted\n");
  EXPECT_EQ(Ok({"volume", "list"}), "");
}

TEST_F(CliE2eTest, Seed000TwoClustersVolumesPinnedByClusterId) {
  std::string file = WriteFile("heketi-rhv-plus-ocp-topology.json", Seed000Topology().dump(4));
  auto load = Cli({"topology", "load", "--json=" + file});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  auto lines = load.Lines();
  std::vector<std::string> clusters;
  for (const auto& l : lines)
    if (Matches(l, "Creating cluster \\.\\.\\. ID: " + kHex32)) clusters.push_back(l.substr(l.size() - 32));
  ASSERT_EQ(clusters.size(), 2u) << load.out;
  int ocp_devices = 0;
  for (const auto& l : lines) ocp_devices += Matches(l, "\t\tAdding device /dev/sd[c-g] \\.\\.\\. OK");
  EXPECT_EQ(ocp_devices, 15);

  const std::string rhv = clusters[0];
  std::string engine = Ok({"volume", "create", "--size", "100", "--name", "rhv-hosted-engine", "--clusters", rhv});
  EXPECT_NE(engine.find("Name: rhv-hosted-engine\nSize: 100\n"), std::string::npos) << engine;
  EXPECT_NE(engine.find("Cluster Id: " + rhv + "\n"), std::string::npos);
  EXPECT_TRUE(std::regex_search(engine, std::regex("\nMount: 192\\.168\\.99\\.(28|29|30):rhv-hosted-engine\n")))
      << engine;
  std::string vms = Ok({"volume", "create", "--size", "1024", "--name", "rhv-virtual-machines", "--clusters", rhv});
  EXPECT_NE(vms.find("Cluster Id: " + rhv + "\n"), std::string::npos) << vms;

  // The OCP pool holds no volume; its info lists its three nodes.
  std::string info = Ok({"cluster", "info", clusters[1]});
  EXPECT_TRUE(Matches(info, "Cluster id: " + clusters[1] + "\nNodes:\n(" + kHex32 + "\n){2}" + kHex32 +
                                "\nVolumes:\n\nBlock: true\n\nFile: true\n"))
      << info;
}

TEST_F(CliE2eTest, NamedClustersAreAcceptedWhereIdsAre) {
  std::string created = Ok({"cluster", "create", "--name", "ocp"});
  const std::string cid = Capture(created, "Cluster id: (" + kHex32 + ")");
  ASSERT_FALSE(cid.empty()) << created;
  for (int i = 1; i <= 3; ++i) {
    std::string host = "10.1.0." + std::to_string(i);
    std::string node = Ok({"node", "add", "--zone=" + std::to_string(i), "--cluster=ocp",
                           "--management-host-name=" + host, "--storage-host-name=" + host});
    const std::string nid = Capture(node, "Id: (" + kHex32 + ")");
    EXPECT_EQ(node, "Node information:\nId: " + nid + "\nState: online\nCluster Id: " + cid + "\nZone: " +
                        std::to_string(i) + "\nManagement Hostname " + host + "\nStorage Hostname " + host + "\n");
    EXPECT_EQ(Ok({"device", "add", "--name=/dev/sdb", "--node=" + nid}), "Device added successfully\n");
  }
  std::string vol = Ok({"volume", "create", "--size=5", "--clusters=ocp"});
  EXPECT_NE(vol.find("Cluster Id: " + cid + "\n"), std::string::npos) << vol;
  EXPECT_EQ(Ok({"cluster", "info", "ocp"}).substr(0, 44), "Cluster id: " + cid);
  EXPECT_NE(Ok({"cluster", "list"}).find("Id:" + cid + " [file][block] Name:ocp\n"), std::string::npos);
}

TEST_F(CliE2eTest, Seed001PersistentVolumeFileDescribesTheVolume) {
  std::string file = WriteFile("topology.json", Seed004Topology().dump());
  Ok({"topology", "load", "--json=" + file});
  // heketi-cli volume create --size=100 --persistent-volume-file=pv01.json
  EXPECT_EQ(Ok({"volume", "create", "--size=100", "--persistent-volume-file=pv01.json"}), "");
  std::ifstream in(fs::path(dir_) / "pv01.json");
  json pv = json::parse(in);
  json volumes = json::parse(Ok({"volume", "list", "--json"}));
  ASSERT_EQ(volumes["volumes"].size(), 1u);
  const std::string vid = volumes["volumes"][0];
  json volume = json::parse(Ok({"volume", "info", vid, "--json"}));
  EXPECT_EQ(pv["kind"], "PersistentVolume");
  EXPECT_EQ(pv["apiVersion"], "v1");
  EXPECT_EQ(pv["metadata"]["name"], "glusterfs-" + vid.substr(0, 8));
  EXPECT_TRUE(pv["metadata"]["creationTimestamp"].is_null());
  EXPECT_EQ(pv["metadata"]["annotations"]["pv.beta.kubernetes.io/gid"], "0");
  EXPECT_EQ(pv["spec"]["capacity"]["storage"], "100Gi");
  EXPECT_EQ(pv["spec"]["glusterfs"]["path"], volume["name"]);
  EXPECT_EQ(pv["spec"]["glusterfs"]["path"], "vol_" + vid);
  EXPECT_EQ(pv["spec"]["glusterfs"]["endpoints"], "TYPE ENDPOINT HERE");
  EXPECT_EQ(pv["spec"]["accessModes"], json::array({"ReadWriteMany"}));
  EXPECT_EQ(pv["spec"]["persistentVolumeReclaimPolicy"], "Retain");
  EXPECT_EQ(pv["status"], json::object());

  std::string printed = Ok({"volume", "create", "--size=2", "--gid=2001", "--persistent-volume",
                            "--persistent-volume-endpoint=glusterfs-cluster"});
  json pv2 = json::parse(printed);
  EXPECT_EQ(pv2["spec"]["glusterfs"]["endpoints"], "glusterfs-cluster");
  EXPECT_EQ(pv2["metadata"]["annotations"]["pv.beta.kubernetes.io/gid"], "2001");
  EXPECT_EQ(pv2["spec"]["capacity"]["storage"], "2Gi");
}

TEST_F(CliE2eTest, TopologyInfoAndObjectInfo) {
  std::string file = WriteFile("topology.json", Seed004Topology().dump());
  Ok({"topology", "load", "--json=" + file});
  std::string text = Ok({"topology", "info"});
  EXPECT_TRUE(std::regex_search(text, std::regex("^\nCluster Id: " + kHex32 + "\n\n    File:  true\n    Block: true\n\n    Volumes:\n\n    Nodes:\n")))
      << text;
  EXPECT_NE(text.find("\tManagement Hostnames: glustera.tftest.encompasshost.internal\n"
                      "\tStorage Hostnames: 10.99.3.216\n\tDevices:\n"),
            std::string::npos);
  EXPECT_TRUE(std::regex_search(text, std::regex("\t\tId:" + kHex32 + "   State:online    Size \\(GiB\\):2048    "
                                                 "Used \\(GiB\\):0       Free \\(GiB\\):2048    \n\t\t\tKnown Paths: /dev/xvdf\n")))
      << text;
  json topology = json::parse(Ok({"topology", "info", "--json"}));
  ASSERT_EQ(topology["clusters"].size(), 1u);
  EXPECT_EQ(topology["clusters"][0]["nodes"].size(), 3u);

  const std::string nid = topology["clusters"][0]["nodes"][0]["id"];
  const std::string did = topology["clusters"][0]["nodes"][0]["devices"][0]["id"];
  std::string node = Ok({"node", "info", nid});
  EXPECT_TRUE(Matches(node, "Node Id: " + nid + "\nState: online\nCluster Id: " + kHex32 +
                                "\nZone: [123]\nManagement Hostname: gluster[abc]\\.tftest\\.encompasshost\\.internal\n"
                                "Storage Hostname: [0-9.]+\nDevices:\nId:" + did +
                                "   Name:/dev/xvdf           State:online    Size \\(GiB\\):2048    "
                                "Used \\(GiB\\):0       Free \\(GiB\\):2048    Bricks:0       \n"))
      << node;
  EXPECT_TRUE(Matches(Ok({"device", "info", did}),
                      "Device Id: " + did + "\nState: online\nSize \\(GiB\\): 2048\nUsed \\(GiB\\): 0\n"
                      "Free \\(GiB\\): 2048\nCreate Path: /dev/xvdf\nPhysical Volume UUID: .*\n"
                      "Known Paths: /dev/xvdf\nBricks:\n"));
  EXPECT_EQ(Ok({"device", "disable", did}), "Device " + did + " is now offline\n");
  EXPECT_EQ(Ok({"device", "enable", did}), "Device " + did + " is now online\n");
  EXPECT_EQ(Ok({"node", "disable", nid}), "Node " + nid + " is now offline\n");
  EXPECT_EQ(Ok({"node", "enable", nid}), "Node " + nid + " is now online\n");
  EXPECT_EQ(Ok({"device", "settags", did, "tier:gold"}), "");
  EXPECT_NE(Ok({"device", "info", did}).find("Tags:\n  tier: gold\n"), std::string::npos);
}

TEST_F(CliE2eTest, ErrorsAreReportedAsHeketiCliDoes) {
  CliRun missing = Cli({"volume", "info", "00000000000000000000000000000000"});
  EXPECT_EQ(missing.exit_code, 255);
  EXPECT_EQ(missing.out, "");
  EXPECT_EQ(missing.err, "Error: Id not found\n");

  auto env = env_;
  env["HEKETI_CLI_KEY"] = "not-the-secret";
  CliRun denied = RunProgram(CliBinary(), {"cluster", "list"}, env, dir_);
  EXPECT_EQ(denied.exit_code, 255);
  EXPECT_EQ(denied.err.substr(0, denied.err.find('\n')),
            "Error: Invalid JWT token: signature is invalid (client and server secrets may not match)");

  // BRICKYARD_KEY takes precedence over HEKETI_CLI_KEY.
  env["BRICKYARD_KEY"] = kSecret;
  EXPECT_EQ(RunProgram(CliBinary(), {"cluster", "list"}, env, dir_).exit_code, 0);

  CliRun nospace = Cli({"volume", "create", "--size=1"});
  EXPECT_EQ(nospace.exit_code, 255);
  EXPECT_EQ(nospace.err.rfind("Error: ", 0), 0u) << nospace.err;

  server_.Stop();
  CliRun down = Cli({"cluster", "list"});
  EXPECT_EQ(down.exit_code, 255);
  EXPECT_EQ(down.err.rfind("Error: Unable to reach the server at " + server_.url(), 0), 0u) << down.err;
}

}  // namespace
}  // namespace brickyard::testing
