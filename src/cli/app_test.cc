#include "cli/app.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "client/fake_transport.h"

namespace brickyard::cli {
namespace {

using client::FakeTransport;
using client::HttpRequest;
using client::HttpResponse;
using client::MakeResponse;

// Runs the CLI against a scripted server: routes map "METHOD path" to a
// response; unknown routes answer 404 "Invalid path or request".
class CliTest : public ::testing::Test {
 protected:
  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    Io io;
    io.out = &out_;
    io.err = &err_;
    io.getenv = [this](const std::string& k) -> std::optional<std::string> {
      auto it = env_.find(k);
      return it == env_.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    io.clock = &clock_;
    io.version = "v0.0.0-test";
    io.sleep = [this](std::chrono::milliseconds d) { sleeps_.push_back(d.count()); };
    io.transport = [this](const client::BaseUrl& base, const GlobalOptions& g)
        -> Result<std::unique_ptr<client::Transport>> {
      server_ = base.ToString();
      globals_ = g;
      return std::unique_ptr<client::Transport>(new ForwardingTransport(this));
    };
    return RunCli(args, io);
  }

  class ForwardingTransport : public client::Transport {
   public:
    explicit ForwardingTransport(CliTest* t) : t_(t) {}
    Result<HttpResponse> Send(const HttpRequest& r) override {
      t_->requests_.push_back(r);
      auto it = t_->routes_.find(r.method + " " + r.path);
      if (it == t_->routes_.end()) return MakeResponse(404, "Invalid path or request\n");
      return it->second;
    }

   private:
    CliTest* t_;
  };

  Json Body(size_t i) { return Json::parse(requests_.at(i).body); }

  FakeClock clock_{1700000000};
  std::ostringstream out_, err_;
  std::map<std::string, std::string> env_;
  std::map<std::string, HttpResponse> routes_;
  std::vector<HttpRequest> requests_;
  std::vector<int64_t> sleeps_;
  std::string server_;
  GlobalOptions globals_;
};

TEST_F(CliTest, ServerDefaultsAndEnvironmentPrecedence) {
  routes_["GET /clusters"] = MakeResponse(200, R"({"clusters":[]})");
  EXPECT_EQ(Run({"cluster", "list"}), 0);
  EXPECT_EQ(server_, "http://localhost:8080");
  EXPECT_EQ(out_.str(), "Clusters:\n");

  env_ = {{"HEKETI_CLI_SERVER", "http://heketi:1"}, {"HEKETI_CLI_USER", "admin"}, {"HEKETI_CLI_KEY", "k1"}};
  Run({"cluster", "list"});
  EXPECT_EQ(server_, "http://heketi:1");
  EXPECT_EQ(globals_.user, "admin");
  EXPECT_EQ(globals_.secret, "k1");

  env_["BRICKYARD_SERVER"] = "http://brickyard:2";
  env_["BRICKYARD_KEY"] = "k2";
  Run({"cluster", "list"});
  EXPECT_EQ(server_, "http://brickyard:2");
  EXPECT_EQ(globals_.secret, "k2");

  Run({"-s", "http://flag:3", "--secret", "k3", "cluster", "list"});
  EXPECT_EQ(server_, "http://flag:3");
  EXPECT_EQ(globals_.secret, "k3");
  // Global flags also work after the command, as with heketi-cli.
  Run({"cluster", "list", "--server", "http://after:4"});
  EXPECT_EQ(server_, "http://after:4");
}

TEST_F(CliTest, JsonIsCompactWithoutNewline) {
  routes_["GET /clusters"] = MakeResponse(200, "{\"clusters\":[\"c1\"]}\n");
  EXPECT_EQ(Run({"cluster", "list", "--json"}), 0);
  EXPECT_EQ(out_.str(), R"({"clusters":["c1"]})");
}

TEST_F(CliTest, ErrorsGoToStderrWithExit255) {
  EXPECT_EQ(Run({"volume", "info"}), 255);
  EXPECT_EQ(err_.str(), "Error: Volume id missing\n");
  EXPECT_EQ(out_.str(), "");
  EXPECT_EQ(Run({"node", "add", "--zone=1", "--cluster=c"}), 255);
  EXPECT_EQ(err_.str(), "Error: Missing management hostname\n");
  EXPECT_EQ(Run({"volume", "create"}), 255);
  EXPECT_EQ(err_.str(), "Error: Missing volume size\n");
  EXPECT_EQ(Run({"cluster", "list", "--no-such-flag"}), 255);
  EXPECT_EQ(err_.str().rfind("Error: ", 0), 0u);
  routes_["GET /volumes/abc"] = MakeResponse(404, "Id not found\n");
  EXPECT_EQ(Run({"volume", "info", "abc"}), 255);
  EXPECT_EQ(err_.str(), "Error: Id not found\n");
}

TEST_F(CliTest, UnauthorizedAddsHint) {
  routes_["GET /clusters"] = MakeResponse(401, "Invalid JWT token: signature is invalid (client and server secrets may not match)\n");
  EXPECT_EQ(Run({"cluster", "list"}), 255);
  EXPECT_EQ(err_.str().substr(0, err_.str().find('\n')),
            "Error: Invalid JWT token: signature is invalid (client and server secrets may not match)");
  EXPECT_NE(err_.str().find("--secret"), std::string::npos);
}

TEST_F(CliTest, HelpAndVersion) {
  EXPECT_EQ(Run({"--help"}), 0);
  EXPECT_NE(out_.str().find("volume"), std::string::npos);
  EXPECT_EQ(Run({"volume", "create", "--help"}), 0);
  EXPECT_NE(out_.str().find("--persistent-volume-endpoint"), std::string::npos);
  EXPECT_EQ(Run({"-v"}), 0);
  EXPECT_EQ(out_.str(), "brickyard-cli v0.0.0-test\n");
  EXPECT_EQ(Run({"node"}), 0);  // a group alone prints its help
  EXPECT_NE(out_.str().find("settags"), std::string::npos);
}

TEST_F(CliTest, ClusterCreateSendsBothFlags) {
  routes_["POST /clusters"] = MakeResponse(201, R"({"id":"c1","nodes":[],"volumes":[],"block":false,"file":true,"blockvolumes":[]})");
  EXPECT_EQ(Run({"cluster", "create", "--block=false"}), 0);
  EXPECT_EQ(Body(0), Json::parse(R"({"file":true,"block":false})"));
  EXPECT_EQ(out_.str(), "Cluster id: c1\n");
  EXPECT_EQ(Run({"cluster", "create", "--name", "ocp"}), 0);
  EXPECT_EQ(Body(1), Json::parse(R"({"file":true,"block":true,"name":"ocp"})"));
}

TEST_F(CliTest, ClusterSetflagsKeepsTheOtherFlag) {
  EXPECT_EQ(Run({"cluster", "setflags", "c1"}), 255);
  EXPECT_EQ(err_.str(), "Error: At least one of --file or --block must be specified\n");
  routes_["GET /clusters/c1"] = MakeResponse(200, R"({"id":"c1","block":true,"file":true})");
  routes_["POST /clusters/c1/flags"] = MakeResponse(200, "");
  EXPECT_EQ(Run({"cluster", "setflags", "c1", "--file=false"}), 0);
  EXPECT_EQ(Body(1), Json::parse(R"({"file":false,"block":true})"));
  EXPECT_EQ(out_.str(), "");
}

TEST_F(CliTest, NodeAddFollowsAsyncProtocol) {
  routes_["POST /nodes"] = MakeResponse(202, "", {{"Location", "/queue/j1"}});
  routes_["GET /queue/j1"] = MakeResponse(303, "", {{"Location", "/nodes/n1"}});
  routes_["GET /nodes/n1"] = MakeResponse(200, R"({"zone":2,"hostnames":{"manage":["m"],"storage":["10.0.0.1"]},"cluster":"c1","id":"n1","state":"online","devices":[]})");
  EXPECT_EQ(Run({"node", "add", "--zone=2", "--cluster=c1", "--management-host-name=m", "--storage-host-name=10.0.0.1"}), 0);
  EXPECT_EQ(Body(0), Json::parse(R"({"zone":2,"hostnames":{"manage":["m"],"storage":["10.0.0.1"]},"cluster":"c1"})"));
  EXPECT_EQ(out_.str(), "Node information:\nId: n1\nState: online\nCluster Id: c1\nZone: 2\nManagement Hostname m\nStorage Hostname 10.0.0.1\n");
  EXPECT_EQ(err_.str(), "");  // stderr is not a terminal: no progress
}

TEST_F(CliTest, StateAndTagCommands) {
  routes_["POST /nodes/n1/state"] = MakeResponse(202, "", {{"Location", "/queue/j"}});
  routes_["GET /queue/j"] = MakeResponse(204);
  EXPECT_EQ(Run({"node", "remove", "n1"}), 0);
  EXPECT_EQ(Body(0), Json::parse(R"({"state":"failed"})"));
  EXPECT_EQ(out_.str(), "Node n1 is now removed\n");

  routes_["POST /devices/d1/tags"] = MakeResponse(200, "{}");
  EXPECT_EQ(Run({"device", "settags", "d1", "tier:gold", "url:http://x"}), 0);
  EXPECT_EQ(Body(2), Json::parse(R"({"change_type":"update","tags":{"tier":"gold","url":"http://x"}})"));
  EXPECT_EQ(Run({"device", "settags", "-e", "d1", "a:b"}), 0);
  EXPECT_EQ(Body(3)["change_type"], "set");
  EXPECT_EQ(Run({"device", "deltags", "d1", "tier"}), 0);
  EXPECT_EQ(Body(4), Json::parse(R"({"change_type":"delete","tags":{"tier":""}})"));
  EXPECT_EQ(Run({"device", "rmtags", "d1", "--all"}), 0);
  EXPECT_EQ(Body(5), Json::parse(R"({"change_type":"set","tags":{}})"));
  EXPECT_EQ(Run({"device", "settags", "d1", "bad"}), 255);
  EXPECT_EQ(err_.str(), "Error: Invalid tag 'bad': expected key:value\n");
}

TEST_F(CliTest, DeviceRemoveWithoutHealCheckWaits) {
  routes_["POST /devices/d1/state"] = MakeResponse(202, "", {{"Location", "/queue/j"}});
  routes_["GET /queue/j"] = MakeResponse(204);
  EXPECT_EQ(Run({"device", "remove", "d1", "--expert-option-disable-heal-check"}), 0);
  EXPECT_EQ(sleeps_.front(), 10000);
  EXPECT_EQ(Body(0), Json::parse(R"({"state":"failed","healcheck":"disable"})"));
  EXPECT_EQ(out_.str(), "Device d1 is now removed\n");
}

TEST_F(CliTest, DeviceDeleteAlwaysSendsForceForget) {
  routes_["DELETE /devices/d1"] = MakeResponse(202, "", {{"Location", "/queue/j"}});
  routes_["GET /queue/j"] = MakeResponse(204);
  EXPECT_EQ(Run({"device", "delete", "d1"}), 0);
  EXPECT_EQ(Body(0), Json::parse(R"({"forceforget":false})"));
  EXPECT_EQ(out_.str(), "Device d1 deleted\n");
}

TEST_F(CliTest, PersistentVolumeNeedsEndpointForStdout) {
  EXPECT_EQ(Run({"volume", "create", "--size=1", "--persistent-volume"}), 255);
  EXPECT_EQ(err_.str(), "--persistent-volume-endpoint must be provided when using --persistent-volume\nError: Missing endpoint\n");
  EXPECT_TRUE(requests_.empty());
}

TEST_F(CliTest, PersistentVolumeFileAndStdout) {
  routes_["POST /volumes"] = MakeResponse(202, "", {{"Location", "/queue/j"}});
  routes_["GET /queue/j"] = MakeResponse(303, "", {{"Location", "/volumes/1ba23e1134e531dec3830cfbcad1eeae"}});
  routes_["GET /volumes/1ba23e1134e531dec3830cfbcad1eeae"] = MakeResponse(
      200, R"({"size":100,"name":"vol_1ba23e1134e531dec3830cfbcad1eeae","id":"1ba23e1134e531dec3830cfbcad1eeae"})");
  auto path = std::filesystem::temp_directory_path() / ("pv01_" + std::to_string(::getpid()) + ".json");
  EXPECT_EQ(Run({"volume", "create", "--size=100", "--persistent-volume-file=" + path.string()}), 0);
  EXPECT_EQ(out_.str(), "");
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  Json pv = Json::parse(text);
  EXPECT_EQ(pv["metadata"]["name"], "glusterfs-1ba23e11");
  EXPECT_EQ(pv["spec"]["glusterfs"]["endpoints"], "TYPE ENDPOINT HERE");
  EXPECT_NE(text.back(), '\n');

  EXPECT_EQ(Run({"volume", "create", "--size=100", "--persistent-volume", "--persistent-volume-endpoint=ep"}), 0);
  EXPECT_EQ(Json::parse(out_.str())["spec"]["glusterfs"]["endpoints"], "ep");
  EXPECT_EQ(out_.str().back(), '\n');
}

TEST_F(CliTest, VolumeExpandAcceptsFlagOrArgument) {
  EXPECT_EQ(Run({"volume", "expand", "v1"}), 255);
  EXPECT_EQ(err_.str(), "Error: Missing volume amount to expand\n");
  EXPECT_EQ(Run({"volume", "expand", "--expand-size=2"}), 255);
  EXPECT_EQ(err_.str(), "Error: Missing volume id\n");
  routes_["POST /volumes/v1/expand"] = MakeResponse(202, "", {{"Location", "/queue/j"}});
  routes_["GET /queue/j"] = MakeResponse(303, "", {{"Location", "/volumes/v1"}});
  routes_["GET /volumes/v1"] = MakeResponse(200, R"({"id":"v1","size":3})");
  EXPECT_EQ(Run({"volume", "expand", "--volume=v1", "--expand-size=2", "--json"}), 0);
  EXPECT_EQ(Body(0), Json::parse(R"({"expand_size":2})"));
  EXPECT_EQ(out_.str(), R"({"id":"v1","size":3})");
}

TEST_F(CliTest, TopologyLoadJsonFlagIsTheFile) {
  EXPECT_EQ(Run({"topology", "load"}), 255);
  EXPECT_EQ(err_.str(), "Error: Missing configuration file\n");
  EXPECT_EQ(Run({"topology", "load", "--json=/nonexistent/topo.json"}), 255);
  EXPECT_EQ(err_.str(), "Error: Unable to open config file\n");
}

TEST_F(CliTest, BlockVolumeHaValidation) {
  EXPECT_EQ(Run({"blockvolume", "create", "--size=1", "--ha=-1"}), 255);
  EXPECT_EQ(err_.str(), "Error: Invalid HA count\n");
}

TEST_F(CliTest, LoglevelAndMode) {
  routes_["GET /internal/logging"] = MakeResponse(200, R"({"loglevel":{"glusterfs":"info"}})");
  EXPECT_EQ(Run({"loglevel", "get"}), 0);
  EXPECT_EQ(out_.str(), "info\n");
  routes_["POST /internal/logging"] = MakeResponse(200, R"({"loglevel":{"glusterfs":"debug"}})");
  EXPECT_EQ(Run({"loglevel", "set", "debug"}), 0);
  EXPECT_EQ(out_.str(), "Server log level updated\n");
  routes_["GET /admin"] = MakeResponse(200, R"({"state":"normal"})");
  EXPECT_EQ(Run({"server", "mode", "get"}), 0);
  EXPECT_EQ(out_.str(), "normal\n");
  EXPECT_EQ(Run({"server", "mode", "set", "bogus"}), 255);
}

TEST_F(CliTest, DbDumpIsPrintedVerbatim) {
  routes_["GET /db/dump"] = MakeResponse(200, "{\n    \"clusterentries\": {}\n}\n");
  EXPECT_EQ(Run({"db", "dump"}), 0);
  EXPECT_EQ(out_.str(), "{\n    \"clusterentries\": {}\n}\n");
}

TEST_F(CliTest, CompletionAndManual) {
  EXPECT_EQ(Run({"completion", "bash"}), 0);
  EXPECT_NE(out_.str().find("complete -F _brickyard_cli brickyard-cli"), std::string::npos);
  EXPECT_EQ(Run({"completion", "zsh"}), 0);
  EXPECT_EQ(out_.str().rfind("#compdef brickyard-cli", 0), 0u);
  EXPECT_EQ(Run({"completion", "fish"}), 255);
  EXPECT_EQ(Run({"man"}), 0);
  EXPECT_NE(out_.str().find("## brickyard-cli volume create"), std::string::npos);
}

}  // namespace
}  // namespace brickyard::cli
