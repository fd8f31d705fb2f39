#include "api/block_volume_responses.h"

#include <gtest/gtest.h>

#include "api/wire.h"

namespace brickyard::api {
namespace {

model::BlockVolume Sample() {
  model::BlockVolume bv;
  bv.id = "bv1";
  bv.name = "blockvol_bv1";
  bv.size_gib = 5;
  bv.ha_count = 3;
  bv.auth = true;
  bv.hosts = {"10.0.0.1", "10.0.0.2", "10.0.0.3"};
  bv.iqn = "iqn.2016-12.org.gluster-block:g1";
  bv.username = "g1";
  bv.password = "pw";
  bv.cluster_id = "c1";
  bv.hosting_volume_id = "v1";
  return bv;
}

TEST(BlockVolumeResponsesTest, InfoHasHeketisShapeWithoutAuth) {
  EXPECT_EQ(ToWire(EncodeBlockVolume(Sample())),
            R"({"size":5,"name":"blockvol_bv1","hacount":3,"id":"bv1",)"
            R"("blockvolume":{"hosts":["10.0.0.1","10.0.0.2","10.0.0.3"],)"
            R"("iqn":"iqn.2016-12.org.gluster-block:g1","lun":0,"username":"g1","password":"pw"},)"
            R"("cluster":"c1","blockhostingvolume":"v1","usablesize":5})"
            "\n");
}

TEST(BlockVolumeResponsesTest, ReportedUsableSizeWins) {
  model::BlockVolume bv = Sample();
  bv.usable_size_gib = 4;
  EXPECT_EQ(EncodeBlockVolume(bv)["usablesize"], 4);
}

TEST(BlockVolumeResponsesTest, EmptyMembersAreOmitted) {
  model::BlockVolume bv;
  bv.id = "x";
  bv.name = "n";
  bv.size_gib = 1;
  EXPECT_EQ(ToWire(EncodeBlockVolume(bv)),
            R"({"size":1,"name":"n","id":"x","blockvolume":{"hosts":[],"iqn":"","lun":0,)"
            R"("username":"","password":""},"usablesize":1})"
            "\n");
}

TEST(BlockVolumeResponsesTest, DumpInfoKeepsStoredValuesAndAuth) {
  model::BlockVolume bv = Sample();
  Json info = EncodeBlockVolumeDumpInfo(bv);
  EXPECT_EQ(info["auth"], true);
  EXPECT_FALSE(info.contains("usablesize"));
  bv.auth = false;
  EXPECT_FALSE(EncodeBlockVolumeDumpInfo(bv).contains("auth"));
}

}  // namespace
}  // namespace brickyard::api
