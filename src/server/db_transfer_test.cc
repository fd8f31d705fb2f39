#include "server/db_transfer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "server/file_util.h"
#include "server/test_dir.h"
#include "store/sqlite_store.h"

namespace brickyard::server {
namespace {

using nlohmann::json;

const std::string kExport = std::string(BY_TESTDATA) + "/heketi_export.json";

json Load(const std::string& path) { return json::parse(*ReadWholeFile(path)); }

// What a Brickyard export adds to Heketi's: the brick set order and a fresh
// generation id.
json Comparable(json j) {
  for (auto& [id, b] : j["brickentries"].items()) {
    b.erase("SetIndex");
    b.erase("SetPosition");
  }
  j["dbattributeentries"]["DB_GENERATION_ID"]["Value"] = "";
  return j;
}

std::string FirstIdNamed(const json& entries, const std::string& name) {
  for (const auto& [id, e] : entries.items()) {
    if (e["Info"]["name"] == name) return id;
  }
  return "";
}

class DbTransferTest : public ::testing::Test {
 protected:
  // Writes `j` as an export and imports it into d.db.
  Status ImportJson(const json& j) {
    const std::string path = dir_.File("in-" + std::to_string(n_++) + ".json");
    EXPECT_TRUE(WriteNewFile(path, j.dump(2)).ok());
    return ImportDatabase(path, db_, report_);
  }

  TestDir dir_;
  const std::string db_ = dir_.File("d.db");
  std::ostringstream report_;
  int n_ = 0;
};

TEST_F(DbTransferTest, ImportsTheExportAndExportsItBack) {
  ASSERT_TRUE(ImportDatabase(kExport, db_, report_).ok()) << report_.str();
  const std::string r = report_.str();
  EXPECT_NE(r.find("  clusters: 2\n"), std::string::npos) << r;
  EXPECT_NE(r.find("  volumes: 6\n"), std::string::npos) << r;
  EXPECT_NE(r.find("  blockvolumes: 2\n"), std::string::npos) << r;
  EXPECT_NE(r.find("no brick set order"), std::string::npos) << r;
  EXPECT_EQ(r.find("Errors"), std::string::npos) << r;

  const std::string out = dir_.File("out.json");
  std::ostringstream data, exported;
  ASSERT_TRUE(ExportDatabase(db_, out, data, exported).ok());
  EXPECT_NE(exported.str().find("2 block volumes"), std::string::npos) << exported.str();
  json original = Load(kExport);
  json back = Load(out);
  EXPECT_NE(back["dbattributeentries"]["DB_GENERATION_ID"]["Value"],
            original["dbattributeentries"]["DB_GENERATION_ID"]["Value"]);
  EXPECT_EQ(Comparable(back), Comparable(original));
}

TEST_F(DbTransferTest, ImportedObjectsKeepTheirIdsAndFields) {
  ASSERT_TRUE(ImportDatabase(kExport, db_, report_).ok()) << report_.str();
  json original = Load(kExport);
  const std::string bv_id = FirstIdNamed(original["blockvolumeentries"], "blockvol_pvc1");
  const std::string arb_id = FirstIdNamed(original["volumeentries"], "logs");
  auto st = store::SqliteStore::Open(db_, {});
  ASSERT_TRUE(st.ok());
  Status s = (*st)->View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(model::BlockVolume bv, tx.GetBlockVolume(bv_id));
    EXPECT_EQ(bv.size_gib, 5);
    EXPECT_TRUE(bv.auth);
    EXPECT_EQ(bv.password, "0a1b2c3d-4e5f-6789-abcd-ef0123456789");
    BY_ASSIGN_OR_RETURN(model::Volume bhv, tx.GetVolume(bv.hosting_volume_id));
    EXPECT_EQ(bhv.block_info.free_size, 83);
    BY_ASSIGN_OR_RETURN(auto bricks, tx.ListVolumeBricks(arb_id));
    EXPECT_EQ(bricks.size(), 3u);
    for (const auto& b : bricks) {
      EXPECT_EQ(b.set_index, 0);
      EXPECT_EQ(b.set_position == 2, b.role == model::BrickRole::kArbiter) << b.id;
    }
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(DbTransferTest, RefusesAnExistingDatabaseFile) {
  ASSERT_TRUE(WriteNewFile(db_, "precious").ok());
  Status st = ImportDatabase(kExport, db_, report_);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_NE(st.message().find("already exists"), std::string::npos);
  EXPECT_EQ(*ReadWholeFile(db_), "precious");
}

TEST_F(DbTransferTest, BadJsonWritesNothing) {
  const std::string path = dir_.File("bad.json");
  ASSERT_TRUE(WriteNewFile(path, "{\"clusterentries\": {").ok());
  EXPECT_EQ(ImportDatabase(path, db_, report_).code(), Code::kInvalidArgument);
  EXPECT_NE(report_.str().find("Nothing written"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(DbTransferTest, ADanglingLinkWritesNothing) {
  json j = Load(kExport);
  const std::string node = j["nodeentries"].begin().key();
  j["nodeentries"].erase(node);
  EXPECT_EQ(ImportJson(j).code(), Code::kInvalidArgument);
  EXPECT_NE(report_.str().find("lists node " + node + " in nodes, which is not in the export"),
            std::string::npos)
      << report_.str();
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(DbTransferTest, ALinkMissingOnOneSideIsAnError) {
  json j = Load(kExport);
  auto& logs = j["volumeentries"][FirstIdNamed(j["volumeentries"], "logs")];
  logs["Bricks"].erase(logs["Bricks"].begin());
  EXPECT_EQ(ImportJson(j).code(), Code::kInvalidArgument);
  EXPECT_NE(report_.str().find("which does not list it in Bricks"), std::string::npos)
      << report_.str();
}

TEST_F(DbTransferTest, UnbalancedSpaceIsAnError) {
  json j = Load(kExport);
  auto& dev = j["deviceentries"].begin().value();
  dev["Info"]["storage"]["free"] = dev["Info"]["storage"]["free"].get<int64_t>() - 1;
  EXPECT_EQ(ImportJson(j).code(), Code::kInvalidArgument);
  EXPECT_NE(report_.str().find("!= free"), std::string::npos) << report_.str();
}

TEST_F(DbTransferTest, BlockHostingSpaceMustBalance) {
  json j = Load(kExport);
  for (auto& [id, v] : j["volumeentries"].items()) {
    if (v["Info"].contains("block")) v["Info"]["blockinfo"]["freesize"] = 90;
  }
  EXPECT_EQ(ImportJson(j).code(), Code::kInvalidArgument);
  EXPECT_NE(report_.str().find("GiB != block volumes 15 + free 90 + reserved 2"),
            std::string::npos)
      << report_.str();
}

TEST_F(DbTransferTest, IncompleteBrickSetsAreAnError) {
  json j = Load(kExport);
  const std::string ec = FirstIdNamed(j["volumeentries"], "archive");
  const std::string brick = j["volumeentries"][ec]["Bricks"][0];
  j["brickentries"][brick]["Info"]["volume"] = FirstIdNamed(j["volumeentries"], "media");
  j["volumeentries"][ec]["Bricks"].erase(j["volumeentries"][ec]["Bricks"].begin());
  auto& media = j["volumeentries"][FirstIdNamed(j["volumeentries"], "media")]["Bricks"];
  media.push_back(brick);
  EXPECT_EQ(ImportJson(j).code(), Code::kInvalidArgument);
  EXPECT_NE(report_.str().find("5 bricks do not make whole sets of 6"), std::string::npos)
      << report_.str();
  EXPECT_NE(report_.str().find("4 bricks do not make whole sets of 3"), std::string::npos)
      << report_.str();
}

TEST_F(DbTransferTest, UnknownAttributesAndSharedHostnamesAreErrors) {
  json j = Load(kExport);
  j["dbattributeentries"]["DB_FUTURE_FLAG"] = {{"Key", "DB_FUTURE_FLAG"}, {"Value", "yes"}};
  auto it = j["nodeentries"].begin();
  const std::string host = it.value()["Info"]["hostnames"]["storage"][0];
  ++it;
  it.value()["Info"]["hostnames"]["storage"][0] = host;
  EXPECT_EQ(ImportJson(j).code(), Code::kInvalidArgument);
  EXPECT_NE(report_.str().find("unknown db attribute DB_FUTURE_FLAG"), std::string::npos);
  EXPECT_NE(report_.str().find("hostname " + host + " is used by nodes"), std::string::npos)
      << report_.str();
}

TEST_F(DbTransferTest, PendingMarkersMustNameAnOperation) {
  json j = Load(kExport);
  auto& bv = j["blockvolumeentries"].begin().value();
  bv["Pending"]["Id"] = "0123456789abcdef0123456789abcdef";
  EXPECT_EQ(ImportJson(j).code(), Code::kInvalidArgument);
  EXPECT_NE(report_.str().find("is pending on operation 0123456789abcdef0123456789abcdef, "
                               "which is not in the export"),
            std::string::npos)
      << report_.str();
}

TEST_F(DbTransferTest, CommandUnsafeNamesAreErrors) {
  json j = Load(kExport);
  j["volumeentries"].begin().value()["Info"]["name"] = "x; rm -rf /";
  EXPECT_EQ(ImportJson(j).code(), Code::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(DbTransferTest, ExportRefusesAnExistingFileAndWritesToAStream) {
  ASSERT_TRUE(ImportDatabase(kExport, db_, report_).ok());
  const std::string out = dir_.File("out.json");
  ASSERT_TRUE(WriteNewFile(out, "keep").ok());
  std::ostringstream data, log;
  EXPECT_EQ(ExportDatabase(db_, out, data, log).code(), Code::kInvalidArgument);
  EXPECT_EQ(*ReadWholeFile(out), "keep");
  ASSERT_TRUE(ExportDatabase(db_, "-", data, log).ok());
  EXPECT_EQ(Comparable(json::parse(data.str())), Comparable(Load(kExport)));
  EXPECT_EQ(ExportDatabase(dir_.File("none.db"), "-", data, log).code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace brickyard::server
