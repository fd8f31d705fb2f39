#include <gtest/gtest.h>

#include "executors/commands/gluster.h"
#include "executors/ssh/executor_fixture.h"

namespace brickyard::executors::ssh {
namespace {

std::string CliXml(int ret, const std::string& err, const std::string& body = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cliOutput><opRet>" +
         std::to_string(ret) + "</opRet><opErrno>0</opErrno>" +
         (err.empty() ? "<opErrstr/>" : "<opErrstr>" + err + "</opErrstr>") + body + "</cliOutput>\n";
}

const std::string kVolumeInfo = CliXml(0, "", R"(<volInfo><volumes><volume>
  <name>vol1</name><id>3f0c9a52-7d1e-4b8a-9c6f-2e5d4a3b1c0f</id><status>1</status>
  <statusStr>Started</statusStr><brickCount>2</brickCount><distCount>1</distCount>
  <stripeCount>1</stripeCount><replicaCount>2</replicaCount><arbiterCount>0</arbiterCount>
  <disperseCount>0</disperseCount><redundancyCount>0</redundancyCount><type>2</type>
  <typeStr>Replicate</typeStr><transport>0</transport>
  <bricks>
    <brick uuid="u1">s1:/b/1<name>s1:/b/1</name><hostUuid>u1</hostUuid><isArbiter>0</isArbiter></brick>
    <brick uuid="u2">s2:/b/2<name>s2:/b/2</name><hostUuid>u2</hostUuid><isArbiter>0</isArbiter></brick>
  </bricks><optCount>1</optCount>
  <options><option><name>user.heketi.id</name><value>abc</value></option></options>
</volume><count>1</count></volumes></volInfo>)");

class VolumeTest : public ExecutorFixture {
 protected:
  static VolumeRequest Replica3() {
    VolumeRequest v;
    v.name = "vol1";
    v.id = "6c1e0f2d9a8b47c3b5e4d3c2b1a09f8e";
    v.kind = VolumeRequest::Kind::kReplica;
    v.replica = 3;
    for (int i = 1; i <= 6; ++i) v.bricks.push_back({"s" + std::to_string(i), "/b/" + std::to_string(i)});
    v.options = {"performance.quick-read off"};
    return v;
  }
};

TEST_F(VolumeTest, CreateRunsTheBuiltBatch) {
  ASSERT_TRUE(exec_->VolumeCreate(kHost, Replica3()).ok());
  EXPECT_EQ(fake_->lines(), Lines(commands::VolumeCreate(opts_, Replica3())));
  ExpectAllOnHost();
}

TEST_F(VolumeTest, CreateFailureNamesHostCommandAndStderr) {
  const std::string start = Line(commands::VolumeStart(opts_, "vol1"));
  fake_->When(start, FakeTransport::Exit(1, "", "volume start: vol1: failed: Commit failed on s2\n"));
  Status st = exec_->VolumeCreate(kHost, Replica3());
  EXPECT_EQ(st.code(), Code::kInternal);
  EXPECT_EQ(st.message(), std::string(kHost) + ": command `" + start +
                              "` failed with exit status 1: volume start: vol1: failed: Commit failed on s2");
}

// glusterd refuses a command while another node's transaction holds the
// cluster lock; nothing ran, so the command is sent again after a pause.
TEST_F(VolumeTest, AnotherTransactionInProgressIsRetried) {
  exec_->SetGlusterdBusyFirstDelay(std::chrono::milliseconds(1));
  const std::string create = Lines(commands::VolumeCreate(opts_, Replica3())).front();
  fake_->When(create, FakeTransport::Exit(1, "", "volume create: vol1: failed: Another transaction "
                                                 "is in progress. Please try again after some time.\n"),
              1);
  ASSERT_TRUE(exec_->VolumeCreate(kHost, Replica3()).ok());
  std::vector<std::string> want = {create};
  Append(want, Lines(commands::VolumeCreate(opts_, Replica3())));
  EXPECT_EQ(fake_->lines(), want);
}

// With --xml the CLI exits 0 and says it in opErrstr.
TEST_F(VolumeTest, AnotherTransactionInProgressInXmlIsRetried) {
  exec_->SetGlusterdBusyFirstDelay(std::chrono::milliseconds(1));
  const std::string info = Line(commands::VolumeInfo(opts_, "vol1"));
  fake_->When(info, FakeTransport::Exit(0, CliXml(-1, "Another transaction is in progress for vol1.")), 1);
  fake_->When(info, FakeTransport::Exit(0, kVolumeInfo));
  auto v = exec_->VolumeInfo(kHost, "vol1");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(fake_->lines(), (std::vector<std::string>{info, info}));
}

// It gives up after kGlusterdBusyRetries more tries and reports glusterd's answer.
TEST_F(VolumeTest, AnotherTransactionInProgressGivesUp) {
  exec_->SetGlusterdBusyFirstDelay(std::chrono::milliseconds(1));
  const std::string del = Line(commands::VolumeDelete(opts_, "vol1"));
  fake_->When(del, FakeTransport::Exit(1, "", "volume delete: vol1: failed: Another transaction is in progress"));
  Status st = exec_->VolumeDestroy(kHost, "vol1");
  EXPECT_EQ(st.code(), Code::kInternal);
  EXPECT_NE(st.message().find("Another transaction is in progress"), std::string::npos);
  size_t sent = 0;
  for (const auto& line : fake_->lines()) sent += line == del;
  EXPECT_EQ(sent, 1u + SshExecutor::kGlusterdBusyRetries);
}

// Other programs and other failures are not retried.
TEST_F(VolumeTest, OtherFailuresAreNotRetried) {
  const std::string start = Line(commands::VolumeStart(opts_, "vol1"));
  fake_->When(start, FakeTransport::Exit(1, "", "volume start: vol1: failed: Commit failed on s2\n"));
  EXPECT_FALSE(exec_->VolumeCreate(kHost, Replica3()).ok());
  EXPECT_EQ(fake_->lines().back(), start);
  EXPECT_EQ(fake_->lines().size(), Lines(commands::VolumeCreate(opts_, Replica3())).size());
}

TEST_F(VolumeTest, CreateRefusesAnUnsafeNameWithoutRunningAnything) {
  VolumeRequest v = Replica3();
  v.name = "vol1; rm -rf /";
  EXPECT_EQ(exec_->VolumeCreate(kHost, v).code(), Code::kInvalidArgument);
  EXPECT_TRUE(fake_->calls().empty());
}

TEST_F(VolumeTest, ExpandAddsBricksThenRebalances) {
  ASSERT_TRUE(exec_->VolumeExpand(kHost, Replica3()).ok());
  std::vector<std::string> want = Lines(commands::VolumeAddBricks(opts_, Replica3()));
  want.push_back(Line(commands::VolumeRebalanceStart(opts_, "vol1")));
  EXPECT_EQ(fake_->lines(), want);
}

TEST_F(VolumeTest, ExpandIgnoresARebalanceFailureAndCanSkipIt) {
  fake_->When("rebalance", FakeTransport::Exit(1, "", "rebalance failed"));
  EXPECT_TRUE(exec_->VolumeExpand(kHost, Replica3()).ok());
  config::ExecutorOptions o;
  o.rebalance_on_expansion = false;
  Reset(o);
  ASSERT_TRUE(exec_->VolumeExpand(kHost, Replica3()).ok());
  EXPECT_EQ(fake_->lines(), Lines(commands::VolumeAddBricks(opts_, Replica3())));
}

TEST_F(VolumeTest, DestroyStopsForcefullyThenDeletes) {
  fake_->When("stop", FakeTransport::Exit(1, "", "volume stop: vol1: failed: already stopped"));
  ASSERT_TRUE(exec_->VolumeDestroy(kHost, "vol1").ok());
  EXPECT_EQ(fake_->lines(), (std::vector<std::string>{Line(commands::VolumeStop(opts_, "vol1", true)),
                                                      Line(commands::VolumeDelete(opts_, "vol1"))}));
}

TEST_F(VolumeTest, DestroyOfAMissingVolumeIsNotFound) {
  fake_->When("", FakeTransport::Exit(1, "", "volume delete: vol1: failed: Volume vol1 does not exist"));
  Status st = exec_->VolumeDestroy(kHost, "vol1");
  EXPECT_EQ(st.code(), Code::kNotFound);
  EXPECT_NE(st.message().find("does not exist"), std::string::npos);
}

TEST_F(VolumeTest, DestroyOtherFailuresAreInternal) {
  fake_->When("delete", FakeTransport::Exit(1, "", "Another transaction is in progress"));
  EXPECT_EQ(exec_->VolumeDestroy(kHost, "vol1").code(), Code::kInternal);
}

class CloneTest : public VolumeTest {
 protected:
  void ScriptGoodClone() {
    fake_->When("'create'", FakeTransport::Exit(0, CliXml(0, "", "<snapCreate><snapshot><name>s</name>"
                                                                   "<uuid>u</uuid></snapshot></snapCreate>")));
    fake_->When("'clone'", FakeTransport::Exit(0, CliXml(0, "", "<CloneCreate><volume><name>c1</name>"
                                                                  "<uuid>u</uuid></volume></CloneCreate>")));
    fake_->When("", FakeTransport::Exit(0, CliXml(0, "")));
  }
  // The temporary snapshot name the executor chose (argument after "create").
  std::string SnapName() {
    const std::vector<std::string> argv = fake_->calls().at(0).cmd.argv;
    for (size_t i = 0; i + 1 < argv.size(); ++i) {
      if (argv[i] == "create") return argv[i + 1];
    }
    return "";
  }
};

TEST_F(CloneTest, SnapshotsClonesStartsAndDropsTheSnapshot) {
  ScriptGoodClone();
  ASSERT_TRUE(exec_->VolumeClone(kHost, "vol1", "c1").ok());
  const std::string snap = SnapName();
  EXPECT_EQ(snap.rfind("tmpsnap_", 0), 0u) << snap;
  EXPECT_EQ(fake_->lines(), (std::vector<std::string>{Line(commands::SnapshotCreate(opts_, snap, "vol1")),
                                                      Line(commands::SnapshotActivate(opts_, snap)),
                                                      Line(commands::SnapshotClone(opts_, "c1", snap)),
                                                      Line(commands::VolumeStartXml(opts_, "c1")),
                                                      Line(commands::SnapshotDeactivate(opts_, snap)),
                                                      Line(commands::SnapshotDelete(opts_, snap))}));
}

TEST_F(CloneTest, AFailedStartRemovesTheCloneAndTheSnapshot) {
  fake_->When("'start'", FakeTransport::Exit(1, CliXml(-1, "Commit failed on s2.")), 1);
  ScriptGoodClone();
  Status st = exec_->VolumeClone(kHost, "vol1", "c1");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("Commit failed on s2."), std::string::npos) << st.message();
  EXPECT_NE(st.message().find(kHost), std::string::npos);
  const std::string snap = SnapName();
  const auto lines = fake_->lines();
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[4], Line(commands::VolumeStop(opts_, "c1", true)));
  EXPECT_EQ(lines[5], Line(commands::VolumeDelete(opts_, "c1")));
  EXPECT_EQ(lines[6], Line(commands::SnapshotDeactivate(opts_, snap)));
  EXPECT_EQ(lines[7], Line(commands::SnapshotDelete(opts_, snap)));
}

TEST_F(CloneTest, AMissingOriginIsNotFoundAndRunsNothingElse) {
  fake_->When("", FakeTransport::Exit(1, CliXml(-1, "Volume vol1 does not exist")));
  Status st = exec_->VolumeClone(kHost, "vol1", "c1");
  EXPECT_EQ(st.code(), Code::kNotFound);
  EXPECT_EQ(fake_->lines().size(), 1u);
}

TEST_F(VolumeTest, ReplaceBrickCommitsForce) {
  ASSERT_TRUE(exec_->VolumeReplaceBrick(kHost, "vol1", {"s1", "/b/1"}, {"s9", "/b/9"}).ok());
  EXPECT_EQ(fake_->lines(),
            std::vector<std::string>{Line(commands::VolumeReplaceBrick(opts_, "vol1", {"s1", "/b/1"}, {"s9", "/b/9"}))});
}

TEST_F(VolumeTest, VolumeInfoParsesTheXml) {
  fake_->When("info", FakeTransport::Exit(0, kVolumeInfo));
  auto v = exec_->VolumeInfo(kHost, "vol1");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(fake_->lines(), std::vector<std::string>{Line(commands::VolumeInfo(opts_, "vol1"))});
  EXPECT_EQ(v->name, "vol1");
  EXPECT_EQ(v->replica_count, 2);
  ASSERT_EQ(v->bricks.size(), 2u);
  EXPECT_EQ(v->bricks[1].name, "s2:/b/2");
}

TEST_F(VolumeTest, VolumeInfoOfAMissingVolumeIsNotFound) {
  fake_->When("info", FakeTransport::Exit(1, CliXml(-1, "Volume vol1 does not exist")));
  auto v = exec_->VolumeInfo(kHost, "vol1");
  EXPECT_EQ(v.status().code(), Code::kNotFound);
  EXPECT_NE(v.status().message().find(kHost), std::string::npos);
}

TEST_F(VolumeTest, VolumeInfoOfGarbageIsInternal) {
  fake_->When("info", FakeTransport::Exit(0, "Connection failed. Please check if gluster daemon is operational.\n"));
  EXPECT_FALSE(exec_->VolumeInfo(kHost, "vol1").ok());
}

TEST_F(VolumeTest, HealInfoParsesTheXml) {
  fake_->When("heal", FakeTransport::Exit(0, CliXml(0, "", R"(<healInfo><bricks>
    <brick hostUuid="u1"><name>s1:/b/1</name><status>Connected</status><numberOfEntries>3</numberOfEntries></brick>
    <brick hostUuid="u2"><name>s2:/b/2</name><status>Transport endpoint is not connected</status><numberOfEntries>-</numberOfEntries></brick>
  </bricks></healInfo>)")));
  auto h = exec_->HealInfo(kHost, "vol1");
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(fake_->lines(), std::vector<std::string>{Line(commands::VolumeHealInfo(opts_, "vol1"))});
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[0].entries, 3);
  EXPECT_EQ((*h)[1].entries, -1);
}

}  // namespace
}  // namespace brickyard::executors::ssh
