// SshTransport against a real sshd on 127.0.0.1 (LocalSshd). Skipped when
// not root or when OpenSSH is not installed.
#include "executors/ssh/ssh_transport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "executors/ssh/local_sshd.h"

namespace brickyard::executors::ssh {
namespace {

commands::Command Cmd(std::vector<std::string> argv, int timeout_s = 20) {
  commands::Command c;
  c.argv = std::move(argv);
  c.timeout_s = timeout_s;
  return c;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class SshTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string why = LocalSshd::Unavailability();
    if (!why.empty()) GTEST_SKIP() << "no local sshd: " << why;
    sshd_ = std::make_unique<LocalSshd>();
    ASSERT_TRUE(sshd_->ok());
    ASSERT_TRUE(sshd_->Start()) << "sshd did not start; see " << sshd_->dir() << "/sshd.log";
  }

  // Options for the local server; known_hosts holds its key unless changed.
  SshOptions Options() {
    SshOptions o;
    o.user = "root";
    o.port = sshd_->port();
    o.keyfile = sshd_->client_key();
    o.known_hosts = sshd_->WriteFile("known_hosts", sshd_->KnownHostsLine());
    o.connect_timeout_s = 5;
    o.max_sessions_per_host = 2;
    return o;
  }

  std::unique_ptr<SshTransport> Make(SshOptions o) {
    auto t = SshTransport::Create(std::move(o));
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? std::move(t).value() : nullptr;
  }

  std::unique_ptr<LocalSshd> sshd_;
};

TEST_F(SshTransportTest, RunsCommandsAndReusesTheSession) {
  auto t = Make(Options());
  ASSERT_TRUE(t);
  auto r = t->Run("127.0.0.1", Cmd({"printf", "%s|", "a b", "it's", "$HOME", ";rm -rf /"}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->exit_status, 0);
  EXPECT_EQ(r->stdout_text, "a b|it's|$HOME|;rm -rf /|");  // no shell expansion at all
  auto fail = t->Run("127.0.0.1", Cmd({"sh", "-c", "echo out; echo oops >&2; exit 3"}));
  ASSERT_TRUE(fail.ok()) << fail.status().ToString();
  EXPECT_EQ(fail->exit_status, 3);
  EXPECT_EQ(fail->stdout_text, "out\n");
  // The account's shell start-up files may write to stderr before the command.
  EXPECT_THAT(fail->stderr_text, ::testing::EndsWith("oops\n"));
  EXPECT_EQ(t->OpenSessions("127.0.0.1"), 1);
}

TEST_F(SshTransportTest, LargeOutputOnBothStreams) {
  auto t = Make(Options());
  ASSERT_TRUE(t);
  auto r = t->Run("127.0.0.1",
                  Cmd({"sh", "-c", "head -c 3000000 /dev/zero; head -c 2000000 /dev/zero >&2"}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stdout_text.size(), 3000000u);
  ASSERT_GE(r->stderr_text.size(), 2000000u);  // start-up files may add to stderr
  EXPECT_EQ(r->stderr_text.find_first_not_of('\0', r->stderr_text.size() - 2000000u),
            std::string::npos);
}

TEST_F(SshTransportTest, UnknownHostKeyIsRefused) {
  SshOptions o = Options();
  o.known_hosts = sshd_->WriteFile("empty_known_hosts", "");
  auto t = Make(o);
  ASSERT_TRUE(t);
  auto r = t->Run("127.0.0.1", Cmd({"true"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_NE(r.status().message().find("127.0.0.1:" + std::to_string(o.port)), std::string::npos);
  EXPECT_NE(r.status().message().find("unknown"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("SHA256:"), std::string::npos);
  EXPECT_EQ(ReadAll(o.known_hosts), "");  // nothing recorded
}

TEST_F(SshTransportTest, TrustOnFirstUseRecordsTheKey) {
  SshOptions o = Options();
  o.known_hosts = sshd_->dir() + "/new/known_hosts";  // neither file nor directory exist
  o.trust_on_first_use = true;
  {
    auto t = Make(o);
    ASSERT_TRUE(t);
    auto r = t->Run("127.0.0.1", Cmd({"true"}));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  const std::string recorded = ReadAll(o.known_hosts);
  EXPECT_NE(recorded.find("[127.0.0.1]:" + std::to_string(o.port)), std::string::npos) << recorded;
  // The recorded key is now trusted without TOFU.
  o.trust_on_first_use = false;
  auto strict = Make(o);
  ASSERT_TRUE(strict);
  EXPECT_TRUE(strict->Run("127.0.0.1", Cmd({"true"})).ok());
}

TEST_F(SshTransportTest, ChangedHostKeyIsRefusedEvenWithTrustOnFirstUse) {
  SshOptions o = Options();  // records the current key
  o.trust_on_first_use = true;
  sshd_->Stop();
  ASSERT_TRUE(sshd_->RotateHostKey());
  ASSERT_TRUE(sshd_->Start());
  auto t = Make(o);
  ASSERT_TRUE(t);
  auto r = t->Run("127.0.0.1", Cmd({"true"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_NE(r.status().message().find("CHANGED"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("SHA256:"), std::string::npos);
}

TEST_F(SshTransportTest, ReconnectsAfterServerRestart) {
  auto t = Make(Options());
  ASSERT_TRUE(t);
  ASSERT_TRUE(t->Run("127.0.0.1", Cmd({"true"})).ok());
  sshd_->Stop();  // kills the pooled session's server side too
  ASSERT_TRUE(sshd_->Start());
  auto r = t->Run("127.0.0.1", Cmd({"echo", "back"}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->stdout_text, "back\n");
}

TEST_F(SshTransportTest, UnreachableHostIsUnavailable) {
  auto t = Make(Options());
  ASSERT_TRUE(t);
  sshd_->Stop();
  auto r = t->Run("127.0.0.1", Cmd({"true"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_NE(r.status().message().find("cannot connect to 127.0.0.1"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("'true'"), std::string::npos);
}

TEST_F(SshTransportTest, UnauthorizedKeyIsRefused) {
  SshOptions o = Options();
  sshd_->WriteFile("authorized_keys", "");
  auto t = Make(o);
  ASSERT_TRUE(t);
  auto r = t->Run("127.0.0.1", Cmd({"true"}));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("authentication as root"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(r.status().message().find("PRIVATE KEY"), std::string::npos);
}

TEST_F(SshTransportTest, TimeoutKillsTheCommandAndNamesIt) {
  auto t = Make(Options());
  ASSERT_TRUE(t);
  const auto start = std::chrono::steady_clock::now();
  auto r = t->Run("127.0.0.1", Cmd({"sleep", "30"}, /*timeout_s=*/1));
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_NE(r.status().message().find("timed out"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("127.0.0.1"), std::string::npos);
  EXPECT_NE(r.status().message().find("'sleep' '30'"), std::string::npos);
  EXPECT_LT(took, std::chrono::seconds(5));
  // The timed-out session was dropped; the next command gets a fresh one.
  auto next = t->Run("127.0.0.1", Cmd({"echo", "ok"}));
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->stdout_text, "ok\n");
}

TEST_F(SshTransportTest, ConcurrentCommandsShareABoundedPool) {
  auto t = Make(Options());  // max 2 sessions
  ASSERT_TRUE(t);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  std::atomic<int> peak{0};
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      if (t->Run("127.0.0.1", Cmd({"sleep", "0.3"})).ok()) ++ok;
      int now = t->OpenSessions("127.0.0.1");
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 6);
  EXPECT_LE(peak.load(), 2);
  EXPECT_LE(t->OpenSessions("127.0.0.1"), 2);
}

TEST(SshTransportCreateTest, RejectsAMissingKeyFile) {
  SshOptions o;
  o.keyfile = "/nonexistent/id_ed25519";
  o.known_hosts = "/nonexistent/known_hosts";
  auto t = SshTransport::Create(o);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Code::kInvalidArgument);
  EXPECT_NE(t.status().message().find("/nonexistent/id_ed25519"), std::string::npos);
}

}  // namespace
}  // namespace brickyard::executors::ssh
