// Block volumes end to end: the real server with the mock executor (the
// testbed has no gluster-block), over HTTP and through brickyard-cli.
#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "http_client.h"
#include "server_process.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;

class BlockVolumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    json config = {{"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
                   {"glusterfs",
                    {{"executor", "mock"},
                     {"loglevel", "warning"},
                     {"auto_create_block_hosting_volume", true},
                     {"block_hosting_volume_size", 50}}}};
    ASSERT_TRUE(server_.Start(config));
    client_ = std::make_unique<TestClient>(server_.url());
    Response cl = client_->Do("POST", "/clusters", R"({"file":true,"block":true})");
    ASSERT_EQ(cl.status, 201) << cl.body;
    cluster_ = cl.Json()["id"];
    for (int i = 1; i <= 3; ++i) {
      std::string host = "10.0.7." + std::to_string(i);
      json node = {{"zone", i}, {"hostnames", {{"manage", {host}}, {"storage", {host}}}}, {"cluster", cluster_}};
      Response n = client_->Run("POST", "/nodes", node.dump());
      ASSERT_EQ(n.status, 200) << n.body;
      Response d = client_->Run("POST", "/devices",
                                json{{"node", n.Json()["id"]}, {"name", "/dev/sdb"}}.dump());
      ASSERT_EQ(d.status, 204) << d.body;
    }
  }

  CliRun Cli(const std::vector<std::string>& args) {
    return RunProgram(CliBinary(), args,
                      {{"HEKETI_CLI_SERVER", server_.url()},
                       {"HEKETI_CLI_USER", "admin"},
                       {"HEKETI_CLI_KEY", "admin-secret"}},
                      server_.dir());
  }

  ServerProcess server_;
  std::unique_ptr<TestClient> client_;
  std::string cluster_;
};

TEST_F(BlockVolumeTest, CreateExpandDeleteOverHttp) {
  Response made = client_->Run("POST", "/blockvolumes",
                               R"({"size":5,"name":"bv1","hacount":2,"auth":true})");
  ASSERT_EQ(made.status, 200) << made.body;
  json bv = made.Json();
  const std::string id = bv["id"];
  EXPECT_EQ(bv["size"], 5);
  EXPECT_EQ(bv["usablesize"], 5);
  EXPECT_EQ(bv["name"], "bv1");
  EXPECT_EQ(bv["hacount"], 2);
  EXPECT_EQ(bv["cluster"], cluster_);
  EXPECT_EQ(bv["blockvolume"]["hosts"].size(), 2u);
  EXPECT_EQ(bv["blockvolume"]["lun"], 0);
  EXPECT_TRUE(std::regex_match(bv["blockvolume"]["iqn"].get<std::string>(),
                               std::regex("iqn\\.2016-12\\.org\\.gluster-block:[0-9a-f]{32}")));
  EXPECT_NE(bv["blockvolume"]["password"], "");
  EXPECT_FALSE(bv.contains("auth"));

  // The block-hosting volume was created for it: 50 GiB, 98% free minus 5.
  const std::string bhv = bv["blockhostingvolume"];
  json vol = client_->Do("GET", "/volumes/" + bhv).Json();
  EXPECT_EQ(vol["size"], 50);
  EXPECT_EQ(vol["block"], true);
  EXPECT_EQ(vol["blockinfo"]["freesize"], 49 - 5);
  EXPECT_EQ(vol["blockinfo"]["reservedsize"], 1);
  EXPECT_EQ(vol["blockinfo"]["blockvolume"], json::array({id}));
  EXPECT_EQ(client_->Do("GET", "/clusters/" + cluster_).Json()["blockvolumes"], json::array({id}));
  EXPECT_EQ(client_->Do("GET", "/blockvolumes").Json()["blockvolumes"], json::array({id}));

  Response del_bhv = client_->Do("DELETE", "/volumes/" + bhv);
  EXPECT_EQ(del_bhv.status, 409);
  EXPECT_EQ(del_bhv.body, "Cannot delete a block hosting volume containing block volumes\n");

  Response same = client_->Do("POST", "/blockvolumes/" + id + "/expand", R"({"new_size":5})");
  EXPECT_EQ(same.status, 400) << same.body;
  Response grown = client_->Run("POST", "/blockvolumes/" + id + "/expand", R"({"new_size":9})");
  ASSERT_EQ(grown.status, 200) << grown.body;
  EXPECT_EQ(grown.Json()["size"], 9);
  EXPECT_EQ(client_->Do("GET", "/volumes/" + bhv).Json()["blockinfo"]["freesize"], 49 - 9);
  EXPECT_EQ(client_->Do("POST", "/blockvolumes/" + id + "/expand", R"({"new_size":90})").status, 500);

  json check = client_->Do("GET", "/db/check").Json();
  EXPECT_EQ(check["totalinconsistencies"], 0) << check.dump(2);
  EXPECT_EQ(check["blockvolumes"]["total"], 1);
  json dump = client_->Do("GET", "/db/dump").Json();
  EXPECT_EQ(dump["blockvolumeentries"][id]["Info"]["auth"], true);
  EXPECT_EQ(dump["blockvolumeentries"][id]["Info"]["size"], 9);

  EXPECT_EQ(client_->Run("DELETE", "/blockvolumes/" + id).status, 204);
  EXPECT_EQ(client_->Do("GET", "/blockvolumes/" + id).status, 404);
  EXPECT_EQ(client_->Do("GET", "/volumes/" + bhv).Json()["blockinfo"]["freesize"], 49);
  EXPECT_EQ(client_->Run("DELETE", "/volumes/" + bhv).status, 204);
  EXPECT_EQ(client_->Do("DELETE", "/blockvolumes/" + id).status, 404);
}

TEST_F(BlockVolumeTest, RequestsAreValidated) {
  EXPECT_EQ(client_->Do("POST", "/blockvolumes", R"({"size":0})").status, 400);
  EXPECT_EQ(client_->Do("POST", "/blockvolumes", R"({"size":1,"name":"a b"})").status, 400);
  EXPECT_EQ(client_->Do("POST", "/blockvolumes", R"({"size":"1"})").status, 422);
  Response big = client_->Do("POST", "/blockvolumes", R"({"size":60})");
  EXPECT_EQ(big.status, 500);
  EXPECT_NE(big.body.find("too small to host"), std::string::npos) << big.body;
  Response nocluster = client_->Do("POST", "/blockvolumes", R"({"size":1,"clusters":["nope"]})");
  EXPECT_EQ(nocluster.status, 400);
  EXPECT_EQ(client_->Do("POST", "/blockvolumes/0123456789abcdef0123456789abcdef/expand",
                        R"({"new_size":2})").status,
            404);
}

TEST_F(BlockVolumeTest, TheCliDrivesBlockVolumes) {
  CliRun r = Cli({"blockvolume", "create", "--size=3", "--name=pvc1", "--auth"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Name: pvc1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Size: 3"), std::string::npos) << r.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("Volume Id: ([0-9a-f]{32})"))) << r.out;
  const std::string id = m[1];

  r = Cli({"blockvolume", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Id:" + id), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Name:pvc1"), std::string::npos) << r.out;

  r = Cli({"blockvolume", "expand", "--new-size=4", id});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Size: 4"), std::string::npos) << r.out;

  r = Cli({"blockvolume", "info", id});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Hacount: 3"), std::string::npos) << r.out;

  r = Cli({"blockvolume", "delete", id});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Volume " + id + " deleted\n");
  r = Cli({"blockvolume", "info", id});
  EXPECT_NE(r.exit_code, 0);
}

}  // namespace
}  // namespace brickyard::testing
