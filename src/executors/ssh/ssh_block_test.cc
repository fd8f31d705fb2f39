#include <gtest/gtest.h>

#include "executors/commands/gluster_block.h"
#include "executors/ssh/executor_fixture.h"

namespace brickyard::executors::ssh {
namespace {

class SshBlockTest : public ExecutorFixture {
 protected:
  static BlockVolumeRequest Request() {
    BlockVolumeRequest r;
    r.hosting_volume = "vol_bhv";
    r.name = "bv1";
    r.ha_count = 3;
    r.auth = true;
    r.hosts = {"10.0.0.1", "10.0.0.2", "10.0.0.3"};
    r.size_gib = 5;
    return r;
  }
};

TEST_F(SshBlockTest, CreateRunsOneCommandAndReadsTheExport) {
  fake_->When("gluster-block", FakeTransport::Exit(0,
      R"j({"IQN":"iqn.2016-12.org.gluster-block:g1","USERNAME":"g1","PASSWORD":"pw",)j"
      R"j("PORTAL(S)":["10.0.0.1:3260"],"RESULT":"SUCCESS"})j"));
  auto made = exec_->BlockVolumeCreate(kHost, Request());
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(made->iqn, "iqn.2016-12.org.gluster-block:g1");
  EXPECT_EQ(made->username, "g1");
  EXPECT_EQ(made->password, "pw");
  commands::BlockCreateArgs args{"vol_bhv", "bv1", 3, true, Request().hosts, 5};
  EXPECT_EQ(fake_->lines(), std::vector<std::string>{Line(commands::BlockCreate(opts_, args))});
  ExpectAllOnHost();
}

TEST_F(SshBlockTest, CreateFailuresAreErrors) {
  fake_->When("gluster-block", FakeTransport::Exit(255, "",
      R"({"RESULT":"FAIL","errCode":255,"errMsg":"failed to configure on 10.0.0.2"})"));
  auto made = exec_->BlockVolumeCreate(kHost, Request());
  EXPECT_EQ(made.status().code(), Code::kInternal);
  EXPECT_NE(made.status().message().find("failed to configure"), std::string::npos);

  Reset(opts_);
  fake_->When("gluster-block", FakeTransport::Exit(1, R"({"RESULT":"SUCCESS","IQN":"x"})"));
  EXPECT_EQ(exec_->BlockVolumeCreate(kHost, Request()).status().code(), Code::kInternal);

  Reset(opts_);
  fake_->When("gluster-block", FakeTransport::Exit(0, "garbage"));
  EXPECT_EQ(exec_->BlockVolumeCreate(kHost, Request()).status().code(), Code::kInternal);
}

TEST_F(SshBlockTest, DeleteOfAMissingBlockVolumeIsNotFound) {
  fake_->When("delete", FakeTransport::Exit(2, "",
      R"({"RESULT":"FAIL","errCode":2,"errMsg":"block bv1 doesn't exist"})"));
  EXPECT_EQ(exec_->BlockVolumeDelete(kHost, "vol_bhv", "bv1").code(), Code::kNotFound);
  Reset(opts_);
  fake_->When("delete", FakeTransport::Exit(0, R"({"RESULT":"SUCCESS"})"));
  EXPECT_TRUE(exec_->BlockVolumeDelete(kHost, "vol_bhv", "bv1").ok());
  EXPECT_EQ(fake_->lines(), std::vector<std::string>{Line(commands::BlockDelete(opts_, "vol_bhv", "bv1"))});
}

TEST_F(SshBlockTest, ExpandAndInfo) {
  fake_->When("modify", FakeTransport::Exit(0, R"({"IQN":"x","SIZE":"8.0 GiB","RESULT":"SUCCESS"})"));
  fake_->When("info", FakeTransport::Exit(0,
      R"({"NAME":"bv1","VOLUME":"vol_bhv","GBID":"g1","SIZE":"8.0 GiB","HA":3,)"
      R"("EXPORTED ON":["10.0.0.1"]})"));
  EXPECT_TRUE(exec_->BlockVolumeExpand(kHost, "vol_bhv", "bv1", 8).ok());
  auto info = exec_->BlockVolumeInfo(kHost, "vol_bhv", "bv1");
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->size_gib, 8);
  EXPECT_EQ(fake_->lines(),
            (std::vector<std::string>{Line(commands::BlockModify(opts_, "vol_bhv", "bv1", 8)),
                                      Line(commands::BlockInfo(opts_, "vol_bhv", "bv1"))}));
}

}  // namespace
}  // namespace brickyard::executors::ssh
