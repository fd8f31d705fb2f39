#include "executors/ssh/ssh_executor.h"

#include <gtest/gtest.h>
#include <libssh/libssh.h>

#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "executors/commands/gluster.h"
#include "executors/commands/health.h"
#include "executors/ssh/executor_fixture.h"

namespace brickyard::executors::ssh {
namespace {

using PeerTest = ExecutorFixture;

TEST_F(PeerTest, GlusterdCheck) {
  EXPECT_TRUE(exec_->GlusterdCheck(kHost).ok());
  EXPECT_EQ(fake_->lines(), std::vector<std::string>{Line(commands::GlusterdCheck(opts_))});
  fake_->When("", FakeTransport::Exit(1, "Connection failed. Please check if gluster daemon is operational.\n"));
  Status down = exec_->GlusterdCheck(kHost);
  EXPECT_EQ(down.code(), Code::kUnavailable);
  EXPECT_NE(down.message().find("glusterd is not running on node1.example.com"), std::string::npos);
  Reset(opts_);
  fake_->When("", Status(Unavailable("cannot connect to node1.example.com:22")));
  EXPECT_EQ(exec_->GlusterdCheck(kHost).message(), "cannot connect to node1.example.com:22");
}

TEST_F(PeerTest, ProbeSetsTheSnapshotLimitWhenConfigured) {
  config::ExecutorOptions o;
  o.snapshot_limit = 14;
  Reset(o);
  ASSERT_TRUE(exec_->PeerProbe(kHost, "10.0.0.2").ok());
  EXPECT_EQ(fake_->lines(), Lines(commands::PeerProbe(opts_, "10.0.0.2")));
  EXPECT_EQ(fake_->lines().size(), 2u);
}

TEST_F(PeerTest, ProbeFailureNamesTheNodeAndCommand) {
  fake_->When("probe", FakeTransport::Exit(1, "", "peer probe: failed: Probe returned with Transport endpoint is not connected"));
  Status st = exec_->PeerProbe(kHost, "10.0.0.2");
  EXPECT_EQ(st.code(), Code::kInternal);
  EXPECT_NE(st.message().find(std::string(kHost) + ": command `"), std::string::npos);
  EXPECT_NE(st.message().find("'probe' '10.0.0.2'"), std::string::npos);
  EXPECT_NE(st.message().find("Transport endpoint"), std::string::npos);
}

TEST_F(PeerTest, ProbeRefusesAHostnameThatIsAFlag) {
  EXPECT_EQ(exec_->PeerProbe(kHost, "--help").code(), Code::kInvalidArgument);
  EXPECT_TRUE(fake_->calls().empty());
}

TEST_F(PeerTest, DetachFailureIsIgnored) {
  fake_->When("", FakeTransport::Exit(1, "", "peer detach: failed"));
  EXPECT_TRUE(exec_->PeerDetach(kHost, "10.0.0.2").ok());
  EXPECT_EQ(fake_->lines(), std::vector<std::string>{Line(commands::PeerDetach(opts_, "10.0.0.2"))});
}

TEST_F(PeerTest, SudoPrefixesEveryCommand) {
  config::ExecutorOptions o;
  o.sudo = true;
  Reset(o);
  ASSERT_TRUE(exec_->PeerProbe(kHost, "10.0.0.2").ok());
  for (const auto& line : fake_->lines()) EXPECT_EQ(line.rfind("sudo -n ", 0), 0u) << line;
}

TEST_F(PeerTest, LongStderrIsBoundedInTheError) {
  fake_->When("", FakeTransport::Exit(1, "", std::string(100000, 'x')));
  Status st = exec_->PeerProbe(kHost, "10.0.0.2");
  EXPECT_LT(st.message().size(), 2000u);
}

// A transport that counts, per host, the commands containing `needle` in
// flight at once, and remembers the highest count.
class OverlapWatcher final : public Transport {
 public:
  explicit OverlapWatcher(std::string needle) : needle_(std::move(needle)) {}
  Result<CommandResult> Run(const std::string&, const commands::Command& cmd) override {
    const std::string line = commands::ToShellLine(cmd);
    if (line.find(needle_) != std::string::npos) {
      const int now = ++in_flight;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      --in_flight;
    }
    CommandResult r;
    r.exit_status = 0;
    if (line.find("thin_count") != std::string::npos) r.stdout_text = "0\n";
    return r;
  }
  std::atomic<int> in_flight{0};
  std::atomic<int> peak{0};

 private:
  const std::string needle_;
};

TEST(SshExecutorConcurrencyTest, FstabEditsOnOneNodeAreSerialised) {
  auto owned = std::make_unique<OverlapWatcher>("fstab");
  OverlapWatcher* watcher = owned.get();
  SshExecutor exec(std::move(owned), config::ExecutorOptions{});
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&exec, i] {
      BrickRequest b;
      b.device_id = kDeviceId;
      b.brick_id = std::string(31, 'a') + static_cast<char>('0' + i);
      b.tp_name = "tp_" + b.brick_id;
      b.lv_name = "brick_" + b.brick_id;
      b.size_kib = b.tp_size_kib = 1048576;
      b.pool_meta_kib = 8192;
      b.path = commands::BrickPath(kDeviceId, b.brick_id);
      EXPECT_TRUE(exec.BrickCreate(kHost, b).ok());
      EXPECT_TRUE(exec.BrickDestroy(kHost, b).ok());
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(watcher->peak.load(), 1);
}

TEST(SshExecutorConcurrencyTest, GlusterChangesOnOneNodeAreSerialised) {
  auto owned = std::make_unique<OverlapWatcher>("'gluster'");
  OverlapWatcher* watcher = owned.get();
  SshExecutor exec(std::move(owned), config::ExecutorOptions{});
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&exec, i] {
      VolumeRequest v;
      v.name = "vol" + std::to_string(i);
      v.id = std::string(32, 'b');
      v.bricks = {{"s1", "/b/" + std::to_string(i)}};
      EXPECT_TRUE(exec.VolumeCreate(kHost, v).ok());
      EXPECT_TRUE(exec.VolumeDestroy(kHost, v.name).ok());
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(watcher->peak.load(), 1);
}

class FactoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "by_ssh_factory.XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(FactoryTest, KeyfileIsRequired) {
  auto e = NewSshExecutor(config::ExecutorOptions{}, {{"HOME", "/root"}});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(e.status().message(), "sshexec.keyfile is required");
}

TEST_F(FactoryTest, AnUnreadableKeyIsRefusedAtCreation) {
  config::ExecutorOptions o;
  o.keyfile = (dir_ / "missing_key").string();
  auto e = NewSshExecutor(o, {{"HOME", "/root"}});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
  EXPECT_NE(e.status().message().find("missing_key"), std::string::npos);
}

TEST_F(FactoryTest, BadExecutorSettingsAreRefused) {
  config::ExecutorOptions o;
  o.keyfile = "/k";
  o.mountopts = "rw nouuid";
  auto e = NewSshExecutor(o, {{"HOME", "/root"}});
  EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
}

TEST_F(FactoryTest, BuildsWithAValidKeyWithoutConnecting) {
  ssh_key key = nullptr;
  ASSERT_EQ(ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key), SSH_OK);
  const std::string keyfile = (dir_ / "id_ed25519").string();
  ASSERT_EQ(ssh_pki_export_privkey_file(key, nullptr, nullptr, nullptr, keyfile.c_str()), SSH_OK);
  ssh_key_free(key);
  config::ExecutorOptions o;
  o.keyfile = keyfile;
  auto e = NewSshExecutor(o, {{"HOME", "/root"}}, "inject/ssh");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ((*e)->Name(), "inject/ssh");
}

}  // namespace
}  // namespace brickyard::executors::ssh
