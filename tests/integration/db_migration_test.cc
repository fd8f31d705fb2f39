// Migration from Heketi, backups and restore, end to end: the real
// `brickyard db import|export|restore` commands, the real server on the
// imported store (mock executor) and the real brickyard-cli.
//
// The export in tests/testdata/heketi_export.json was written by hand from
// Heketi's format: two clusters, volumes of every durability (none,
// replica 3, arbiter, disperse 4+2), a block-hosting volume with two block
// volumes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "http_client.h"
#include "server_process.h"

namespace brickyard::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kExport = std::string(BY_TESTDATA) + "/heketi_export.json";

json Load(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

// What Brickyard adds to a Heketi export: brick set order and a fresh
// generation id.
json Comparable(json j) {
  for (auto& [id, b] : j["brickentries"].items()) {
    b.erase("SetIndex");
    b.erase("SetPosition");
  }
  j["dbattributeentries"]["DB_GENERATION_ID"]["Value"] = "";
  return j;
}

std::vector<std::string> Keys(const json& map) {
  std::vector<std::string> out;
  for (const auto& [k, v] : map.items()) out.push_back(k);
  return out;
}

class DbMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The first start makes the server's directory; its empty store is then
    // replaced by the imported one.
    ASSERT_TRUE(server_.Start(Config()));
    server_.Stop();
    db_ = server_.db_path();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_ + suffix);
    want_ = Load(kExport);
  }

  static json Config() {
    return {{"jwt", {{"admin", {{"key", "admin-secret"}}}, {"user", {{"key", "user-secret"}}}}},
            {"glusterfs", {{"executor", "mock"}, {"loglevel", "warning"}}}};
  }

  CliRun Server(const std::vector<std::string>& args) { return RunProgram(ServerBinary(), args, {}); }

  CliRun Cli(const std::vector<std::string>& args) {
    return RunProgram(CliBinary(), args,
                      {{"HEKETI_CLI_SERVER", server_.url()},
                       {"HEKETI_CLI_USER", "admin"},
                       {"HEKETI_CLI_KEY", "admin-secret"}},
                      server_.dir());
  }

  void ImportAndStart() {
    CliRun r = Server({"db", "import", "--jsonfile", kExport, "--dbfile", db_});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    ASSERT_TRUE(server_.Start(Config()));
    client_ = std::make_unique<TestClient>(server_.url());
  }

  json Get(const std::string& path) {
    Response r = client_->Do("GET", path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return r.status == 200 ? r.Json() : json();
  }

  ServerProcess server_;
  std::string db_;
  json want_;
  std::unique_ptr<TestClient> client_;
};

TEST_F(DbMigrationTest, ImportReportsAndRefusesToOverwrite) {
  CliRun r = Server({"db", "import", "--jsonfile", kExport, "--dbfile", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  clusters: 2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  bricks: 19\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  blockvolumes: 2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Imported into " + db_), std::string::npos) << r.out;

  const auto size = fs::file_size(db_);
  r = Server({"db", "import", "--jsonfile", kExport, "--dbfile", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_EQ(fs::file_size(db_), size);
}

TEST_F(DbMigrationTest, BadExportsWriteNothing) {
  const std::string bad = server_.dir() + "/bad.json";
  std::ofstream(bad) << "{\"clusterentries\": {\"x\": [";
  CliRun r = Server({"db", "import", "--jsonfile", bad, "--dbfile", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("Nothing written."), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(db_));

  json dangling = want_;
  const std::string device = dangling["deviceentries"].begin().key();
  dangling["deviceentries"].erase(device);
  const std::string path = server_.dir() + "/dangling.json";
  std::ofstream(path) << dangling.dump(4);
  r = Server({"db", "import", "--jsonfile", path, "--dbfile", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("lists device " + device + " in Devices, which is not in the export"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("nothing written"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db_));
}

TEST_F(DbMigrationTest, TheServerServesTheImportedObjects) {
  ImportAndStart();
  EXPECT_EQ(Get("/clusters")["clusters"], json(Keys(want_["clusterentries"])));
  for (const auto& [id, c] : want_["clusterentries"].items()) {
    EXPECT_EQ(Get("/clusters/" + id), c["Info"]) << id;
  }
  for (const auto& [id, n] : want_["nodeentries"].items()) {
    json got = Get("/nodes/" + id);
    EXPECT_EQ(got["state"], n["State"]);
    json devices = json::array();
    for (const auto& d : got["devices"]) devices.push_back(d["id"]);
    EXPECT_EQ(devices, n["Devices"]) << id;
    got.erase("state");
    got.erase("devices");
    EXPECT_EQ(got, n["Info"]) << id;
  }
  for (const auto& [id, d] : want_["deviceentries"].items()) {
    json got = Get("/devices/" + id);
    EXPECT_EQ(got["state"], d["State"]);
    json bricks = json::array();
    for (const auto& b : got["bricks"]) {
      bricks.push_back(b["id"]);
      EXPECT_EQ(b, want_["brickentries"][b["id"].get<std::string>()]["Info"]);
    }
    EXPECT_EQ(bricks, d["Bricks"]) << id;
    got.erase("state");
    got.erase("bricks");
    EXPECT_EQ(got, d["Info"]) << id;
  }
  EXPECT_EQ(Get("/volumes")["volumes"], json(Keys(want_["volumeentries"])));
  for (const auto& [id, v] : want_["volumeentries"].items()) {
    json got = Get("/volumes/" + id);
    json bricks = json::array();
    for (const auto& b : got["bricks"]) bricks.push_back(b["id"]);
    EXPECT_EQ(bricks, v["Bricks"]) << id;
    EXPECT_EQ(got.value("glustervolumeoptions", json::array()), v["GlusterVolumeOptions"]) << id;
    got.erase("bricks");
    got.erase("glustervolumeoptions");
    EXPECT_EQ(got, v["Info"]) << id;  // mount options and block info included
  }
  EXPECT_EQ(Get("/blockvolumes")["blockvolumes"], json(Keys(want_["blockvolumeentries"])));
  for (const auto& [id, bv] : want_["blockvolumeentries"].items()) {
    json info = bv["Info"];
    info.erase("auth");  // never echoed by the API, as in Heketi
    EXPECT_EQ(Get("/blockvolumes/" + id), info) << id;
  }

  EXPECT_EQ(Comparable(Get("/db/dump")), Comparable(want_));
  json check = Get("/db/check");
  EXPECT_EQ(check["totalinconsistencies"], 0) << check.dump(2);
  EXPECT_EQ(check["blockvolumes"]["total"], 2);
  EXPECT_EQ(check["dbattributes"]["total"], 5);
}

TEST_F(DbMigrationTest, TheCliShowsImportedBlockVolumes) {
  ImportAndStart();
  CliRun r = Cli({"blockvolume", "list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Name:blockvol_pvc1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Name:blockvol_pvc2"), std::string::npos) << r.out;
  const std::string id = want_["blockvolumeentries"].begin().key();
  r = Cli({"blockvolume", "info", id});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Block Hosting Volume: " +
                       want_["blockvolumeentries"][id]["Info"]["blockhostingvolume"].get<std::string>()),
            std::string::npos)
      << r.out;
  r = Cli({"db", "check"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["totalinconsistencies"], 0);
}

TEST_F(DbMigrationTest, BackupThenRestore) {
  ImportAndStart();
  const std::string backup = server_.dir() + "/backup.db";
  CliRun r = Cli({"db", "backup", "--output", backup});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Database backup saved to " + backup), std::string::npos) << r.out;
  r = Cli({"db", "backup", "--output", backup});  // never overwrites
  EXPECT_EQ(r.exit_code, 255);
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  r = Cli({"db", "backup"});
  EXPECT_EQ(r.exit_code, 255);
  EXPECT_NE(r.err.find("Missing output file"), std::string::npos) << r.err;

  // A change after the backup, undone by the restore.
  std::string scratch;
  for (const auto& [id, v] : want_["volumeentries"].items()) {
    if (v["Info"]["name"] == "scratch") scratch = id;
  }
  ASSERT_EQ(client_->Run("DELETE", "/volumes/" + scratch).status, 204);
  EXPECT_EQ(client_->Do("GET", "/volumes/" + scratch).status, 404);

  r = Server({"db", "restore", "--from", backup, "--dbfile", db_});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("in use"), std::string::npos) << r.err;

  server_.Stop();
  r = Server({"db", "restore", "--from", backup, "--dbfile", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Restored " + db_), std::string::npos) << r.out;

  ASSERT_TRUE(server_.Start(Config()));
  client_ = std::make_unique<TestClient>(server_.url());
  EXPECT_EQ(client_->Do("GET", "/volumes/" + scratch).status, 200);
  EXPECT_EQ(Comparable(Get("/db/dump")), Comparable(want_));
}

TEST_F(DbMigrationTest, ExportWritesTheSameFormat) {
  CliRun r = Server({"db", "import", "--jsonfile", kExport, "--dbfile", db_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Server({"db", "export", "--dbfile", db_, "--jsonfile", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Comparable(json::parse(r.out)), Comparable(want_));
  EXPECT_NE(r.err.find("2 clusters"), std::string::npos) << r.err;

  const std::string out = server_.dir() + "/export.json";
  r = Server({"db", "export", "--dbfile", db_, "--jsonfile", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Comparable(Load(out)), Comparable(want_));
  r = Server({"db", "export", "--dbfile", db_, "--jsonfile", out});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace brickyard::testing
