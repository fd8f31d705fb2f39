#include "cli/storage_list.h"

#include <gtest/gtest.h>

namespace brickyard::cli {
namespace {

TEST(StorageListTest, Base64) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64(std::string("\xff\x00\x01", 3)), "/wAB");
}

TEST(StorageListTest, ListHoldsSecretEndpointsServiceAndJob) {
  Json volume = {{"name", "heketidbstorage"},
                 {"mount", {{"glusterfs", {{"hosts", {"10.0.0.1", "10.0.0.2"}}}}}}};
  Json list = HeketiStorageList(volume, "db", "heketi/heketi:dev", {{"role", "storage"}});
  ASSERT_EQ(list["items"].size(), 4u);
  EXPECT_EQ(list["kind"], "List");
  EXPECT_EQ(list["items"][0]["metadata"]["name"], "heketi-storage-secret");
  EXPECT_EQ(list["items"][0]["data"]["heketi.db"], "ZGI=");
  EXPECT_EQ(list["items"][1]["kind"], "Service");
  EXPECT_EQ(list["items"][2]["kind"], "Endpoints");
  EXPECT_EQ(list["items"][2]["subsets"].size(), 2u);
  const Json& job = list["items"][3];
  EXPECT_EQ(job["metadata"]["name"], "heketi-storage-copy-job");
  EXPECT_EQ(job["spec"]["template"]["spec"]["volumes"][0]["glusterfs"]["path"], "heketidbstorage");
  EXPECT_EQ(job["spec"]["template"]["spec"]["nodeSelector"]["role"], "storage");
  EXPECT_EQ(DefaultDbVolumeOptions().back(), "user.heketi.dbstoragelevel 1");
}

}  // namespace
}  // namespace brickyard::cli
