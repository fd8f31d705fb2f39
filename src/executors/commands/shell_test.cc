// Runs generated command lines through real local shells (/bin/sh, and bash
// when present) to prove that quoting hands each program exactly its argv,
// whatever the input. The program is replaced by `printf '%s\0'`, which
// echoes its arguments back NUL-separated.
#include <stdlib.h>
#include <sys/stat.h>

#include <random>

#include <gtest/gtest.h>

#include "executors/commands/batches.h"
#include "executors/commands/command.h"
#include "executors/commands/gluster.h"
#include "executors/commands/health.h"
#include "executors/commands/lvm.h"
#include "executors/commands/mount.h"
#include "executors/commands/test_support.h"
#include "executors/commands/xfs.h"

namespace brickyard::executors::commands {
namespace {

using test_support::RunProgram;
using test_support::RunResult;
using test_support::Shells;
using test_support::SplitNul;

// Stands in for sudo so that `sudo -n prog args` runs `prog args` locally.
constexpr char kFakeSudo[] = "sudo() { if [ \"$1\" = -n ]; then shift; fi; \"$@\"; }; ";

// The argv that `shell -c <line of cmd>` hands to its program, recovered by
// running the line with `printf '%s\0'` put in front of the program.
std::vector<std::string> ArgvSeenByShell(const std::string& shell, const Command& cmd) {
  Command echo = cmd;
  echo.argv.insert(echo.argv.begin(), {"printf", "%s\\0"});
  RunResult r = RunProgram({shell, "-c", std::string(kFakeSudo) + ToShellLine(echo)});
  EXPECT_EQ(r.exit_code, 0) << ToShellLine(echo);
  return SplitNul(r.out);
}

TEST(ShellQuoteProperty, RandomBytesRoundTrip) {
  std::mt19937 rng(20240301);  // fixed seed: hermetic and reproducible
  for (const auto& shell : Shells()) {
    for (int batch = 0; batch < 40; ++batch) {
      std::vector<std::string> words;
      std::string script = "printf '%s\\0'";
      for (int i = 0; i < 50; ++i) {
        std::string w(rng() % 48, ' ');
        for (auto& c : w) {
          // Bias towards the characters shells care about.
          static const std::string kSpecial = "'\"\\$`!*?[]{}()<>|&;#~=%^ \t\n\r-";
          c = rng() % 3 == 0 ? kSpecial[rng() % kSpecial.size()] : static_cast<char>(1 + rng() % 255);
        }
        words.push_back(w);
        script += " " + ShellQuote(w);
      }
      RunResult r = RunProgram({shell, "-c", script});
      ASSERT_EQ(r.exit_code, 0) << shell;
      ASSERT_EQ(SplitNul(r.out), words) << shell << " batch " << batch;
    }
  }
}

TEST(ShellQuoteProperty, SingleWordWithPrintfPercentS) {
  std::mt19937 rng(7);
  for (int i = 0; i < 150; ++i) {
    std::string w(1 + rng() % 32, ' ');
    for (auto& c : w) c = static_cast<char>(1 + rng() % 255);
    RunResult r = RunProgram({"/bin/sh", "-c", "printf %s " + ShellQuote(w)});
    ASSERT_EQ(r.exit_code, 0);
    ASSERT_EQ(r.out, w);
  }
}

// Every builder, fed inputs that pass validation yet are full of characters
// a shell would act on.
// A command substitution that ran would create `marker`.
std::vector<Command> HostileButValidCommands(bool sudo, const std::string& marker) {
  config::ExecutorOptions o;
  o.sudo = sudo;
  o.lvm_wrapper = "exec-on-host";
  o.mountopts = "rw,context=\"system_u:object_r:glusterd_brick_t:s0\",x$(touch${IFS}" + marker +
                ")`touch${IFS}" + marker + "`;|&*?~!#";
  o.snapshot_limit = 3;
  const std::string d = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  BrickRequest b;
  b.device_id = d;
  b.brick_id = "11112222333344445555666677778888";
  b.tp_name = "tp_11112222333344445555666677778888";
  b.lv_name = "brick_11112222333344445555666677778888";
  b.size_kib = 1048576;
  b.tp_size_kib = 1048576;
  b.pool_meta_kib = 8192;
  b.gid = 2001;
  b.path = "/var/lib/heketi/mounts/vg_" + d + "/brick_11112222333344445555666677778888/brick";
  VolumeRequest v;
  v.name = "vol_-_x";
  v.id = "6c1e0f2d9a8b47c3b5e4d3c2b1a09f8e";
  v.kind = VolumeRequest::Kind::kReplica;
  v.replica = 3;
  v.arbiter = true;
  v.bricks = {{"fe80::1", "/b:1/brick"}, {"n2.example.com", "/b/2/brick"}, {"10.0.0.3", "/b/3/brick"}};
  v.options = {"user.note it's $(reboot) `id`; \"x\" \\ & | > < * ? ~ # ! {a,b} caf\xc3\xa9 \xe2\x98\x83  ",
               "user.x a  b\\nc"};

  std::vector<Command> out;
  auto add = [&](auto r) {
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return;
    if constexpr (std::is_same_v<std::decay_t<decltype(*r)>, Command>) {
      out.push_back(*r);
    } else {
      for (const auto& c : *r) out.push_back(c);
    }
  };
  add(DeviceSetupBatch(o, "/dev/disk/by-path/pci-0000:00:09.0", d, true));
  add(DeviceHandleBatch(o, "/dev/vdb"));
  add(DeviceTeardownBatch(o, d, "/dev/vdb"));
  add(BrickCreateBatch(o, b));
  add(BrickExpandBatch(o, b, true));
  add(FstabRemoveBrick(o, b.brick_id));
  add(Umount(o, "/var/lib/heketi/mounts/vg_" + d));
  add(LvRemove(o, d, b.lv_name));
  add(ThinCount(o, d, b.tp_name));
  add(VolumeCreate(o, v));
  add(VolumeAddBricks(o, v));
  add(VolumeReplaceBrick(o, v.name, v.bricks[0], {"fe80::2", "/b/9/brick"}));
  add(PeerProbe(o, "fe80::1"));
  add(SnapshotCreate(o, "tmpsnap_7a0c4e2b-9d61-4f35-8e1a-3b5c7d9f1e2a", v.name));
  add(GlusterdCheck(o));
  add(MkfsXfs(o, d, b.lv_name, false));
  return out;
}

class LocalShellTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/bycmdXXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { (void)RunProgram({"rm", "-rf", dir_}); }
  std::string Read(const std::string& path) {
    RunResult r = RunProgram({"cat", path});
    return r.out;
  }
  std::string dir_;
};

TEST_F(LocalShellTest, EveryBuilderDeliversItsExactArgv) {
  const std::string marker = dir_ + "/PWNED";
  for (bool sudo : {false, true}) {
    std::vector<Command> cmds = HostileButValidCommands(sudo, marker);
    ASSERT_GT(cmds.size(), 30u);
    for (const auto& shell : Shells()) {
      for (const auto& c : cmds) {
        ASSERT_EQ(c.sudo, sudo);
        EXPECT_EQ(ArgvSeenByShell(shell, c), c.argv) << shell << ": " << ToShellLine(c);
      }
    }
  }
  struct stat st;
  EXPECT_NE(stat(marker.c_str(), &st), 0) << "a command substitution ran";
}

TEST_F(LocalShellTest, FstabAppendWritesExactlyTheLine) {
  config::ExecutorOptions o;
  o.fstab = dir_ + "/fstab";
  o.mountopts = "rw,context=\"a:b\",x$(touch${IFS}" + dir_ + "/PWNED)`touch${IFS}" + dir_ +
                "/PWNED2`;y'z";
  const std::string d = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  const std::string m = "/var/lib/heketi/mounts/vg_" + d + "/brick_11112222333344445555666677778888";
  auto line = FstabLine(o, d, "brick_11112222333344445555666677778888", m);
  ASSERT_TRUE(line.ok());
  auto cmd = FstabAppend(o, d, "brick_11112222333344445555666677778888", m);
  ASSERT_TRUE(cmd.ok());
  for (const auto& shell : Shells()) {
    ASSERT_EQ(RunProgram({shell, "-c", ToShellLine(*cmd)}).exit_code, 0);  // through a remote-style shell
  }
  ASSERT_EQ(RunProgram(cmd->argv).exit_code, 0);  // and as a plain argv
  std::string expected;
  for (size_t i = 0; i < Shells().size() + 1; ++i) expected += *line + "\n";
  EXPECT_EQ(Read(o.fstab), expected);
  struct stat st;
  EXPECT_NE(stat((dir_ + "/PWNED").c_str(), &st), 0);
  EXPECT_NE(stat((dir_ + "/PWNED2").c_str(), &st), 0);
}

TEST_F(LocalShellTest, FstabRemoveDeletesOnlyThatBrick) {
  config::ExecutorOptions o;
  o.fstab = dir_ + "/fstab";
  const std::string a = "/dev/mapper/vg_x-brick_aaaa1111aaaa1111aaaa1111aaaa1111 /m/a xfs rw 1 2\n";
  const std::string b = "/dev/mapper/vg_x-brick_bbbb2222bbbb2222bbbb2222bbbb2222 /m/b xfs rw 1 2\n";
  const std::string root = "UUID=1234 / ext4 defaults 0 1\n";
  ASSERT_EQ(RunProgram({"sh", "-c", "printf '%s' \"$1\" > \"$2\"", "sh", root + a + b, o.fstab}).exit_code, 0);
  auto cmd = FstabRemoveBrick(o, "aaaa1111aaaa1111aaaa1111aaaa1111");
  ASSERT_TRUE(cmd.ok());
  ASSERT_EQ(RunProgram({"/bin/sh", "-c", ToShellLine(*cmd)}).exit_code, 0);
  EXPECT_EQ(Read(o.fstab), root + b);
  EXPECT_EQ(Read(o.fstab + ".save"), root + a + b);
}

}  // namespace
}  // namespace brickyard::executors::commands
