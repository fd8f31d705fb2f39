#include "cli/topology_load.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "client/fake_transport.h"

namespace brickyard::cli {
namespace {

using client::HttpRequest;
using client::HttpResponse;
using client::MakeResponse;

// A minimal stateful Heketi: clusters, nodes and devices in memory.
class FakeHeketi {
 public:
  Result<HttpResponse> Handle(const HttpRequest& r) {
    std::lock_guard<std::mutex> lock(mu_);
    if (r.method == "GET" && r.path == "/clusters") {
      Json ids = Json::array();
      for (const auto& [id, c] : clusters_) ids.push_back(id);
      return MakeResponse(200, Json{{"clusters", ids}}.dump());
    }
    if (r.method == "POST" && r.path == "/clusters") {
      std::string id = "c" + std::to_string(++next_);
      Json body = Json::parse(r.body);
      clusters_[id] = {{"id", id}, {"nodes", Json::array()}, {"volumes", Json::array()},
                       {"block", body["block"]}, {"file", body["file"]}, {"blockvolumes", Json::array()}};
      return MakeResponse(201, clusters_[id].dump());
    }
    if (r.path.rfind("/clusters/", 0) == 0) {
      std::string id = r.path.substr(10);
      if (!clusters_.count(id)) return MakeResponse(404, "Id not found\n");
      if (r.method == "DELETE") {
        deleted_.push_back(id);
        clusters_.erase(id);
        return MakeResponse(200);
      }
      return MakeResponse(200, clusters_[id].dump());
    }
    if (r.method == "POST" && r.path == "/nodes") {
      Json body = Json::parse(r.body);
      std::string manage = body["hostnames"]["manage"][0];
      if (manage == "bad") return MakeResponse(400, "New Node doesn't have glusterd running\n");
      std::string id = "n" + std::to_string(++next_);
      body["id"] = id;
      body["state"] = "online";
      body["devices"] = Json::array();
      nodes_[id] = body;
      clusters_[body["cluster"]]["nodes"].push_back(id);
      return MakeResponse(200, body.dump());
    }
    if (r.method == "GET" && r.path.rfind("/nodes/", 0) == 0) {
      auto it = nodes_.find(r.path.substr(7));
      if (it == nodes_.end()) return MakeResponse(404, "Id not found\n");
      return MakeResponse(200, it->second.dump());
    }
    if (r.method == "POST" && r.path == "/devices") {
      Json body = Json::parse(r.body);
      devices_.push_back(body);
      if (body["name"] == "/dev/bad") return MakeResponse(500, "Unable to execute command on node\n");
      nodes_[body["node"]]["devices"].push_back({{"name", body["name"]}, {"id", "d" + std::to_string(++next_)}});
      return MakeResponse(204);
    }
    return MakeResponse(404, "Invalid path or request\n");
  }

  std::mutex mu_;
  int next_ = 0;
  std::map<std::string, Json> clusters_, nodes_;
  std::vector<Json> devices_;
  std::vector<std::string> deleted_;
};

class TopologyLoadTest : public ::testing::Test {
 protected:
  TopologyLoadTest()
      : client_(*client::ParseBaseUrl("http://h:1"), {},
                std::make_unique<client::FakeTransport>([this](const HttpRequest& r) { return heketi_.Handle(r); }),
                clock_) {}

  std::string Load(const std::string& text) {
    auto file = ParseTopologyFile(text);
    EXPECT_TRUE(file.ok()) << file.status().message();
    std::ostringstream out;
    Status s = LoadTopology(client_, *file, out);
    EXPECT_TRUE(s.ok()) << s.message();
    return out.str();
  }

  FakeClock clock_{1700000000};
  FakeHeketi heketi_;
  client::Client client_;
};

const char kSeedTopology[] = R"({"clusters":[{"nodes":[
  {"node":{"hostnames":{"manage":["glustera"],"storage":["10.99.3.216"]},"zone":1},"devices":["/dev/xvdf"]},
  {"node":{"hostnames":{"manage":["glusterb"],"storage":["10.99.4.161"]},"zone":2},
   "devices":[{"name":"/dev/xvdf","destroydata":true,"tags":{"tier":"gold"}}]}]}]})";

TEST_F(TopologyLoadTest, CreatesThenFindsOnSecondRun) {
  EXPECT_EQ(Load(kSeedTopology),
            "Creating cluster ... ID: c1\n"
            "\tAllowing file volumes on cluster.\n"
            "\tAllowing block volumes on cluster.\n"
            "\tCreating node glustera ... ID: n2\n"
            "\t\tAdding device /dev/xvdf ... OK\n"
            "\tCreating node glusterb ... ID: n4\n"
            "\t\tAdding device /dev/xvdf ... OK\n");
  EXPECT_EQ(heketi_.devices_[1], Json::parse(R"({"name":"/dev/xvdf","tags":{"tier":"gold"},"node":"n4","destroydata":true})"));
  EXPECT_EQ(Load(kSeedTopology),
            "\tFound node glustera on cluster c1\n"
            "\t\tFound device /dev/xvdf\n"
            "\tFound node glusterb on cluster c1\n"
            "\t\tFound device /dev/xvdf\n");
}

TEST_F(TopologyLoadTest, NewNodeJoinsTheClusterOfAFoundNode) {
  Load(R"({"clusters":[{"nodes":[{"node":{"hostnames":{"manage":["a"],"storage":["1.1.1.1"]},"zone":1},"devices":[]}]}]})");
  EXPECT_EQ(Load(R"({"clusters":[{"file":false,"nodes":[
      {"node":{"hostnames":{"manage":["a"],"storage":["1.1.1.1"]},"zone":1},"devices":["/dev/sdb"]},
      {"node":{"hostnames":{"manage":["b"],"storage":["1.1.1.2"]},"zone":2},"devices":["/dev/sdb"]}]}]})"),
            "\tFound node a on cluster c1\n"
            "\t\tAdding device /dev/sdb ... OK\n"
            "\tCreating node b ... ID: n4\n"
            "\t\tAdding device /dev/sdb ... OK\n");
}

TEST_F(TopologyLoadTest, FailuresArePrintedAndEmptyNewClusterIsDeleted) {
  EXPECT_EQ(Load(R"({"clusters":[{"block":false,"nodes":[
      {"node":{"hostnames":{"manage":["bad"],"storage":["1.1.1.9"]},"zone":1},"devices":["/dev/sdb"]}]}]})"),
            "Creating cluster ... ID: c1\n"
            "\tAllowing file volumes on cluster.\n"
            "\tCreating node bad ... Unable to create node: New Node doesn't have glusterd running\n");
  EXPECT_EQ(heketi_.deleted_, std::vector<std::string>{"c1"});
  EXPECT_EQ(Load(R"({"clusters":[{"nodes":[{"node":{"hostnames":{"manage":["m"],"storage":["1.1.1.1"]},"zone":1},
      "devices":["/dev/bad"]}]}]})")
                .substr(0),
            "Creating cluster ... ID: c2\n"
            "\tAllowing file volumes on cluster.\n"
            "\tAllowing block volumes on cluster.\n"
            "\tCreating node m ... ID: n3\n"
            "\t\tAdding device /dev/bad ... Unable to add device: Unable to execute command on node\n");
}

TEST(ParseTopologyFileTest, LenientLikeGo) {
  auto f = ParseTopologyFile(R"({"Clusters":[{"Nodes":[{"Node":{"Hostnames":{"Manage":["a"],"Storage":["b"]},
      "Zone":3,"Cluster":"ignored","unknown":1},"Devices":["/dev/sdb",{"Name":"/dev/sdc","DestroyData":false}]}]}]})");
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->dump(),
            R"({"clusters":[{"file":true,"block":true,"nodes":[{"node":{"zone":3,"hostnames":{"manage":["a"],)"
            R"("storage":["b"]},"cluster":""},"devices":[{"name":"/dev/sdb"},{"name":"/dev/sdc"}]}]}]})");
  EXPECT_EQ(ParseTopologyFile("not json").status().message(), "Unable to parse config file");
  EXPECT_FALSE(ParseTopologyFile(R"({"clusters":[{"nodes":[{"node":{"zone":"1"}}]}]})").ok());
}

// Tags are copied into the node request; a deeply nested value there used to
// exhaust the stack (found by fuzz/fuzz_topology_file).
TEST(ParseTopologyFileTest, RefusesDeepNesting) {
  const size_t depth = 1000000;
  std::string file = R"({"clusters":[{"nodes":[{"node":{"hostnames":{"manage":["a"]},"tags":{"x":)" +
                     std::string(depth, '[') + std::string(depth, ']') + "}}}]}]}";
  auto f = ParseTopologyFile(file);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().message(), "Unable to parse config file");
}

}  // namespace
}  // namespace brickyard::cli
