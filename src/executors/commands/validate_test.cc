#include "executors/commands/validate.h"

#include <gtest/gtest.h>

namespace brickyard::executors::commands {
namespace {

// Inputs an attacker might send; none is a valid name, host, path or id.
const std::vector<std::string>& Hostile() {
  static const std::vector<std::string> v = {
      "",
      "a;reboot",
      "$(reboot)",
      "`reboot`",
      "a'b",
      "a\"b",
      "a\nb",
      "a b",
      "a\tb",
      "..",
      "-rf",
      "--help",
      std::string("a\0b", 3),
      "caf\xc3\xa9",
      "a|b",
      "a&b",
      "a>b",
      "a*",
      "~root",
      "a\\b",
      std::string(5000, 'a'),
  };
  return v;
}

TEST(ValidateVolumeNameTest, AcceptsGlusterNames) {
  for (const char* ok : {"vol_6c1e0f2d9a8b47c3b5e4d3c2b1a09f8e", "heketidbstorage", "a", "A-b_9",
                         "9lives", "tmpsnap_7a0c4e2b-9d61-4f35-8e1a-3b5c7d9f1e2a"}) {
    EXPECT_TRUE(ValidateVolumeName(ok).ok()) << ok;
  }
  EXPECT_TRUE(ValidateVolumeName(std::string(256, 'v')).ok());
}

TEST(ValidateVolumeNameTest, RefusesHostileAndReserved) {
  for (const auto& bad : Hostile()) {
    Status st = ValidateVolumeName(bad);
    EXPECT_EQ(st.code(), Code::kInvalidArgument) << bad;
  }
  for (const char* bad : {"all", "volume", "force", "type", "snap-max-hard-limit", "-vol", "a/b",
                          "a.b", "a:b"}) {
    EXPECT_FALSE(ValidateVolumeName(bad).ok()) << bad;
  }
  EXPECT_FALSE(ValidateVolumeName(std::string(257, 'v')).ok());
  EXPECT_EQ(ValidateVolumeName("all").message(), "\"all\" cannot be the name of a volume");
}

TEST(ValidateVolumeNameTest, MessageEscapesControlBytes) {
  Status st = ValidateVolumeName("a\nb");
  EXPECT_EQ(st.message(),
            "volume name \"a\\x0ab\" may only contain letters, digits, '-' and '_'");
}

TEST(ValidateHostnameTest, AcceptsAddressesAndNames) {
  for (const char* ok : {"192.168.121.11", "10.0.0.1", "::1", "fe80::1", "2001:db8::8a2e:370:7334",
                         "::ffff:192.0.2.1", "node1", "node-1.example.com", "a.b-c.d",
                         "xn--bcher-kva.example", "1node.example.com"}) {
    EXPECT_TRUE(ValidateHostname(ok).ok()) << ok;
  }
  std::string long_ok;
  for (int i = 0; i < 4; ++i) long_ok += std::string(62, 'a') + ".";
  long_ok += "a";  // 253 characters
  ASSERT_EQ(long_ok.size(), 253u);
  EXPECT_TRUE(ValidateHostname(long_ok).ok());
}

TEST(ValidateHostnameTest, RefusesHostileAndMalformed) {
  for (const auto& bad : Hostile()) EXPECT_FALSE(ValidateHostname(bad).ok()) << bad;
  for (const char* bad : {"-node", "node-", "a..b", ".a", "a.", "node_1", "256.1.1.1", "1.2.3",
                          "01.2.3.4", "1.2.3.999", "fe80::1%eth0", "[::1]", "host:22", "a/b",
                          "12345"}) {
    EXPECT_FALSE(ValidateHostname(bad).ok()) << bad;
  }
  EXPECT_FALSE(ValidateHostname(std::string(64, 'a') + ".com").ok());  // label > 63
  EXPECT_FALSE(ValidateHostname(std::string(254, 'a')).ok());
}

TEST(ValidatePathTest, AcceptsDevicePaths) {
  for (const char* ok : {"/dev/vdb", "/dev/disk/by-path/pci-0000:00:09.0", "/dev/mapper/mpath_a",
                         "/dev/disk/by-id/lvm-pv-uuid-q1Xz3c-8bYV", "/var/lib/heketi/fstab",
                         "/a/.hidden/b", "/a/b..c"}) {
    EXPECT_TRUE(ValidateDevicePath(ok).ok()) << ok;
  }
  EXPECT_TRUE(ValidateDevicePath("/" + std::string(4095, 'a')).ok());
}

TEST(ValidatePathTest, RefusesHostileAndTraversal) {
  for (const auto& bad : Hostile()) EXPECT_FALSE(ValidateDevicePath(bad).ok()) << bad;
  for (const char* bad : {"dev/vdb", "/dev/../etc/shadow", "/dev/..", "/..", "/dev/./vdb",
                          "/dev/vdb;reboot", "/dev/$(reboot)", "/dev/vd b", "/dev/vdb\n"}) {
    EXPECT_FALSE(ValidateDevicePath(bad).ok()) << bad;
  }
  EXPECT_FALSE(ValidateDevicePath("/" + std::string(4096, 'a')).ok());
  EXPECT_EQ(ValidatePath("x", "fstab").message(), "fstab path \"x\" must be absolute");
}

TEST(ValidateIdTest, ExactlyLowerHex32) {
  EXPECT_TRUE(ValidateId("0a1b2c3d4e5f60718293a4b5c6d7e8f9", "device").ok());
  for (const auto& bad : Hostile()) EXPECT_FALSE(ValidateId(bad, "device").ok()) << bad;
  EXPECT_FALSE(ValidateId("0A1B2C3D4E5F60718293A4B5C6D7E8F9", "device").ok());
  EXPECT_FALSE(ValidateId("0a1b2c3d4e5f60718293a4b5c6d7e8f", "device").ok());
  EXPECT_FALSE(ValidateId("0a1b2c3d4e5f60718293a4b5c6d7e8f9a", "device").ok());
  EXPECT_FALSE(ValidateId("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", "device").ok());
}

TEST(ValidateLvmNameTest, Rules) {
  for (const char* ok : {"brick_11112222333344445555666677778888", "tp_x", "e1f2a3b4c5d6_0", "a+b.c-d"}) {
    EXPECT_TRUE(ValidateLvmName(ok, "LV").ok()) << ok;
  }
  for (const auto& bad : Hostile()) EXPECT_FALSE(ValidateLvmName(bad, "LV").ok()) << bad;
  for (const char* bad : {".", "..", "-x", "a/b"}) EXPECT_FALSE(ValidateLvmName(bad, "LV").ok()) << bad;
  EXPECT_FALSE(ValidateLvmName(std::string(128, 'a'), "LV").ok());
}

TEST(SplitVolumeOptionTest, SplitsKeyAndValue) {
  auto r = SplitVolumeOption("performance.readdir-ahead off");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first, "performance.readdir-ahead");
  EXPECT_EQ(r->second, "off");
  r = SplitVolumeOption("  user.heketi.device-tag-match   tier=gold  ");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first, "user.heketi.device-tag-match");
  EXPECT_EQ(r->second, "tier=gold");
  // Characters the shell would interpret stay one literal argument.
  r = SplitVolumeOption("user.note $(reboot); `id` 'q' \"d\" caf\xc3\xa9");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->second, "$(reboot); `id` 'q' \"d\" caf\xc3\xa9");
}

TEST(SplitVolumeOptionTest, RefusesMalformed) {
  for (const char* bad : {"", "   ", "key", "key ", " value", "-key value", "--mode=x y",
                          "ke;y value", "k$(x) v", "key -value", "key --help", "key a\nb",
                          "key a\tb", "key a\x7f", "key \xff", "key \xc0\xaf", "key \xc2\x85"}) {
    EXPECT_FALSE(SplitVolumeOption(bad).ok()) << Printable(bad);
  }
  EXPECT_FALSE(SplitVolumeOption(std::string("key a\0b", 7)).ok());
  EXPECT_FALSE(SplitVolumeOption("key " + std::string(5000, 'v')).ok());
}

TEST(ValidateTagsTest, Rules) {
  EXPECT_TRUE(ValidateTags({{"arbiter", "required"}, {"rack.zone-1_a", "caf\xc3\xa9"}}).ok());
  EXPECT_FALSE(ValidateTags({{"", "x"}}).ok());
  EXPECT_FALSE(ValidateTags({{"a b", "x"}}).ok());
  EXPECT_FALSE(ValidateTags({{std::string(33, 'k'), "x"}}).ok());
  EXPECT_FALSE(ValidateTags({{"k", std::string(65, 'v')}}).ok());
  EXPECT_TRUE(ValidateTags({{"k", std::string(64, 'v')}}).ok());
  EXPECT_FALSE(ValidateTags({{"k", "a\nb"}}).ok());
  EXPECT_FALSE(ValidateTags({{"k", "\xff"}}).ok());
  model::Tags many;
  for (int i = 0; i < 33; ++i) many["t" + std::to_string(i)] = "v";
  EXPECT_FALSE(ValidateTags(many).ok());
}

TEST(ValidateGidTest, Range) {
  EXPECT_TRUE(ValidateGid(0).ok());
  EXPECT_TRUE(ValidateGid(2001).ok());
  EXPECT_TRUE(ValidateGid(kMaxGid).ok());
  EXPECT_FALSE(ValidateGid(-1).ok());
  EXPECT_FALSE(ValidateGid(kMaxGid + 1).ok());
}

TEST(ValidateSizeSpecTest, Rules) {
  for (const char* ok : {"256K", "4M", "128", "1.5G", "512b", "64k"}) {
    EXPECT_TRUE(ValidateSizeSpec(ok, "x").ok()) << ok;
  }
  for (const char* bad : {"", "K", "4MB", "-4M", "4 M", "4M;x", ".5M", "5.M", "$(x)"}) {
    EXPECT_FALSE(ValidateSizeSpec(bad, "x").ok()) << bad;
  }
}

TEST(ValidateExecutorOptionsTest, DefaultsPass) {
  EXPECT_TRUE(ValidateExecutorOptions(config::ExecutorOptions{}).ok());
}

TEST(ValidateExecutorOptionsTest, RefusesBadSettings) {
  auto with = [](auto mutate) {
    config::ExecutorOptions o;
    mutate(o);
    return ValidateExecutorOptions(o);
  };
  EXPECT_FALSE(with([](auto& o) { o.fstab = "etc/fstab"; }).ok());
  EXPECT_FALSE(with([](auto& o) { o.mountopts = "rw noatime"; }).ok());
  EXPECT_FALSE(with([](auto& o) { o.mountopts = "-o rw"; }).ok());
  EXPECT_FALSE(with([](auto& o) { o.mountopts = "rw\n/dev/sda / xfs"; }).ok());
  EXPECT_FALSE(with([](auto& o) { o.pv_data_alignment = "256K;x"; }).ok());
  EXPECT_FALSE(with([](auto& o) { o.lv_chunksize = ""; }).ok());
  EXPECT_FALSE(with([](auto& o) { o.lvm_wrapper = "-x lvm"; }).ok());
  EXPECT_FALSE(with([](auto& o) { o.lvm_wrapper = "exec\non-host"; }).ok());
  EXPECT_FALSE(with([](auto& o) { o.xfs_su = -1; }).ok());
  EXPECT_FALSE(with([](auto& o) { o.gluster_cli_timeout = 0; }).ok());
  EXPECT_FALSE(with([](auto& o) { o.snapshot_limit = -1; }).ok());
  EXPECT_TRUE(with([](auto& o) { o.lvm_wrapper = "nsenter -t 1 -m -u -i -n -p --"; }).ok());
  EXPECT_TRUE(with([](auto& o) { o.mountopts = "rw,context=\"system_u:object_r:x:s0\""; }).ok());
}

TEST(PrintableTest, EscapesAndCuts) {
  EXPECT_EQ(Printable("ab c"), "ab c");
  EXPECT_EQ(Printable(std::string("a\0\n\\\xff", 5)), "a\\x00\\x0a\\x5c\\xff");
  EXPECT_EQ(Printable(std::string(100, 'x')), std::string(80, 'x') + "...");
}

}  // namespace
}  // namespace brickyard::executors::commands
