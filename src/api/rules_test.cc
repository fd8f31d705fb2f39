#include "api/rules.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

const std::string kId = "0123456789abcdef0123456789ABCDEF";

TEST(RulesTest, VolumeNames) {
  EXPECT_TRUE(IsVolumeName("vol_1-a"));
  EXPECT_FALSE(IsVolumeName(""));
  EXPECT_FALSE(IsVolumeName("a.b"));
  EXPECT_FALSE(IsVolumeName("a b"));
  EXPECT_FALSE(IsVolumeName("ns_pvc.name"));
  // Names gluster's CLI would misread or refuse.
  EXPECT_FALSE(IsVolumeName("-rf"));
  EXPECT_FALSE(IsVolumeName("all"));
  EXPECT_FALSE(IsVolumeName(std::string(257, 'a')));
  EXPECT_TRUE(IsVolumeName(std::string(256, 'a')));
}

TEST(RulesTest, DeviceNames) {
  EXPECT_TRUE(IsDeviceName("/dev/sdb"));
  EXPECT_TRUE(IsDeviceName("/dev/disk/by-id/wwn-0x5000:1.2_3"));
  EXPECT_FALSE(IsDeviceName("/"));
  EXPECT_FALSE(IsDeviceName("dev/sdb"));
  EXPECT_FALSE(IsDeviceName("/dev/sd b"));
  EXPECT_FALSE(IsDeviceName("/dev/$(reboot)"));
  // Names a node command would refuse are refused here, before anything runs.
  EXPECT_FALSE(IsDeviceName("/dev/../etc/passwd"));
  EXPECT_FALSE(IsDeviceName("/dev/./sdb"));
  EXPECT_FALSE(IsDeviceName("/dev/" + std::string(4092, 'a')));
  EXPECT_TRUE(IsDeviceName("/dev/" + std::string(4091, 'a')));
}

TEST(RulesTest, TagNames) {
  EXPECT_TRUE(IsTagName("arbiter"));
  EXPECT_TRUE(IsTagName("a.b_c-1"));
  EXPECT_FALSE(IsTagName(""));
  EXPECT_FALSE(IsTagName("a b"));
  EXPECT_FALSE(IsTagName("a=b"));
}

TEST(RulesTest, ClusterNames) {
  EXPECT_TRUE(IsClusterName("prod"));
  EXPECT_TRUE(IsClusterName("Prod.eu-1_a"));
  EXPECT_TRUE(IsClusterName(std::string(64, 'a')));
  EXPECT_FALSE(IsClusterName(std::string(65, 'a')));
  EXPECT_FALSE(IsClusterName(""));
  EXPECT_FALSE(IsClusterName("1prod"));
  EXPECT_FALSE(IsClusterName("_prod"));
  EXPECT_FALSE(IsClusterName("pr od"));
}

TEST(RulesTest, Hostnames) {
  EXPECT_TRUE(IsHostname("10.0.0.1"));
  EXPECT_TRUE(IsHostname("::1"));
  EXPECT_TRUE(IsHostname("fe80::1:2"));
  EXPECT_TRUE(IsHostname("node1"));
  EXPECT_TRUE(IsHostname("node1.example.com"));
  EXPECT_TRUE(IsHostname("node1.example.com."));
  EXPECT_TRUE(IsHostname("my_host"));
  EXPECT_FALSE(IsHostname(""));
  EXPECT_FALSE(IsHostname("-node"));
  EXPECT_FALSE(IsHostname("node 1"));
  EXPECT_FALSE(IsHostname("node..example"));
  EXPECT_FALSE(IsHostname("http://node1"));
  EXPECT_FALSE(IsHostname(std::string(64, 'a')));
  EXPECT_TRUE(IsIpAddress("192.168.1.10"));
  EXPECT_FALSE(IsIpAddress("192.168.1"));
  EXPECT_FALSE(IsDnsName("10.0.0.1"));
}

TEST(RulesTest, HostnamesProblem) {
  EXPECT_EQ(HostnamesProblem({"a.example.com", "10.0.0.1"}, "manage"), std::nullopt);
  EXPECT_EQ(HostnamesProblem({"good", "bad host"}, "manage"),
            "[good bad host] is not a valid manage hostname");
  EXPECT_EQ(HostnamesProblem({""}, "storage"), "[] is not a valid storage hostname");
  // Heketi's rule accepts these; gluster and the node commands do not
  for (const char* h : {"my_host", "node-.example.com", "node1.example.com.", "123"}) {
    EXPECT_EQ(HostnamesProblem({h}, "manage"), "[" + std::string(h) + "] is not a valid manage hostname")
        << h;
  }
  EXPECT_EQ(HostnamesProblem({"node-1.example.com", "fe80::1:2", "10.0.0.1"}, "storage"), std::nullopt);
}

TEST(RulesTest, Uuids) {
  EXPECT_EQ(UuidProblem(kId), std::nullopt);
  EXPECT_EQ(UuidProblem("abc"), "abc is not a valid UUID");
  EXPECT_EQ(UuidProblem(std::string(32, 'g')), std::string(32, 'g') + " is not a valid UUID");
  EXPECT_EQ(IdsProblem({}), std::nullopt);
  EXPECT_EQ(IdsProblem({kId, "x"}), "x is not a valid UUID");
  EXPECT_EQ(IdsProblem(std::vector<std::string>(33, kId)),
            "too many ids specified (33), up to 32 supported");
  EXPECT_EQ(IdsProblem(std::vector<std::string>(32, kId)), std::nullopt);
}

TEST(RulesTest, Tags) {
  EXPECT_EQ(TagsProblem({}), std::nullopt);
  EXPECT_EQ(TagsProblem({{"rack", "r1"}, {"arbiter", ""}}), std::nullopt);
  model::Tags many;
  for (int i = 0; i < 33; ++i) many["t" + std::to_string(i)] = "v";
  EXPECT_EQ(TagsProblem(many), "too many tags specified (33), up to 32 supported");
  EXPECT_EQ(TagsProblem({{"", "v"}}), "tag names may not be empty");
  EXPECT_EQ(TagsProblem({{std::string(33, 'k'), "v"}}),
            "tag name " + std::string(33, 'k') + ": the length must be between 1 and 32");
  EXPECT_EQ(TagsProblem({{std::string(32, 'k'), std::string(64, 'v')}}), std::nullopt);
  EXPECT_EQ(TagsProblem({{"k", std::string(65, 'v')}}),
            "value of tag k: the length must be no more than 64");
  EXPECT_EQ(TagsProblem({{"a b", "v"}}), "invalid characters in tag name a b");
  // Lengths count code points, not bytes: 32 x "é" is 64 bytes.
  std::string accented;
  for (int i = 0; i < 32; ++i) accented += "\xC3\xA9";
  EXPECT_EQ(TagsProblem({{"k", accented}}), std::nullopt);
  EXPECT_EQ(RuneCount(accented), 32u);
}

TEST(RulesTest, HealCheck) {
  EXPECT_EQ(HealCheckProblem(""), std::nullopt);
  EXPECT_EQ(HealCheckProblem("enable"), std::nullopt);
  EXPECT_EQ(HealCheckProblem("disable"), std::nullopt);
  EXPECT_EQ(HealCheckProblem("off"), "off is not valid heal info check");
}

TEST(RulesTest, VolumeOptions) {
  EXPECT_EQ(VolumeOptionsProblem({}), std::nullopt);
  EXPECT_EQ(VolumeOptionsProblem({"", "user.heketi.arbiter true", "performance.readdir-ahead off",
                                  "user.heketi.device-tag-match tier=gold",
                                  "auth.allow 10.0.0.1,10.0.0.2", ""}),
            std::nullopt);
  EXPECT_EQ(VolumeOptionsProblem({"x"}), R"(option "x" must be "<key> <value>")");
  EXPECT_EQ(VolumeOptionsProblem({"ok yes", "key "}), R"(option "key " must be "<key> <value>")");
  EXPECT_EQ(VolumeOptionsProblem({" key value"}), R"(option " key value" must be "<key> <value>")");
  EXPECT_EQ(VolumeOptionsProblem({"key  value"}), R"(option "key  value" must be "<key> <value>")");
  EXPECT_EQ(VolumeOptionsProblem({"k$y value"}), R"(option "k$y value" must be "<key> <value>")");
  EXPECT_EQ(VolumeOptionsProblem({"key a\nb"}), R"(option "key a\nb" must be "<key> <value>")");
  EXPECT_EQ(VolumeOptionsProblem({std::string("key a\0b", 7)}),
            R"(option "key a\x00b" must be "<key> <value>")");
}

// What the `gluster volume set` builder would refuse is refused up front.
TEST(RulesTest, VolumeOptionsAsNodeCommandsTakeThem) {
  EXPECT_EQ(VolumeOptionsProblem({"user.x $(touch /tmp/x); `id` 'q' \"d\" | > caf\xC3\xA9"}), std::nullopt);
  EXPECT_EQ(VolumeOptionsProblem({"user.x -rf"}), R"(option "user.x -rf" must be "<key> <value>")");
  EXPECT_EQ(VolumeOptionsProblem({"-key value"}), R"(option "-key value" must be "<key> <value>")");
  EXPECT_EQ(VolumeOptionsProblem({"key a\tb"}), R"(option "key a\tb" must be "<key> <value>")");
  EXPECT_EQ(VolumeOptionsProblem({"key a\x7f"}), R"(option "key a\x7f" must be "<key> <value>")");
  EXPECT_EQ(VolumeOptionsProblem({"key \xff"}), "option \"key \xff\" must be \"<key> <value>\"");
  EXPECT_EQ(VolumeOptionsProblem({"key " + std::string(4092, 'v')}), std::nullopt);
  EXPECT_NE(VolumeOptionsProblem({"key " + std::string(4093, 'v')}), std::nullopt);
}

TEST(RulesTest, Quote) {
  EXPECT_EQ(Quote("a\"b\\c\td\r"), R"("a\"b\\c\td\r")");
  EXPECT_EQ(Quote("\x01\x7f"), R"("\x01\x7f")");
  EXPECT_EQ(Quote("\xC3\xA9"), "\"\xC3\xA9\"");
}

}  // namespace
}  // namespace brickyard::api
