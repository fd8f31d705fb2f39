#include "executors/commands/lvm_parse.h"

#include <gtest/gtest.h>

#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

using test_support::Golden;

TEST(LvmReportParseTest, PvUuidFromPvsOrVgs) {
  auto r = ParsePvUuid(Golden("pvs_handle.json"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "q1Xz3c-8bYV-Vn2S-6kzI-T1Pp-eC0f-3DzJvQ");
  r = ParsePvUuid(Golden("vgs_handle.json"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "Hn4kLm-2Qw9-Er5T-yU7i-Op0a-Sd3F-gH6jKl");
  r = ParsePvUuid(Golden("pvs_empty.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(ParsePvUuid("  Failed to find device \"/dev/vdx\".").status().code(), Code::kInternal);
}

// A row value is rendered with dump(), which recurses per level: a node
// printing deeply nested JSON used to exhaust the server's stack (found by
// fuzz/fuzz_lvm_output).
TEST(LvmReportParseTest, RefusesDeepNesting) {
  const size_t depth = 1000000;
  std::string report = R"({"report":[{"lv":[{"lv_name":)" + std::string(depth, '[') +
                       std::string(depth, ']') + "}]}]}";
  auto rows = ParseLvmReport(report, "lv");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), Code::kInternal);
  EXPECT_EQ(rows.status().message().rfind("LVM report nests too deeply", 0), 0u) << rows.status().message();
}

TEST(LvmReportParseTest, ExaminerReports) {
  auto pvs = ParseLvmReport(Golden("pvs_report.json"), "pv");
  ASSERT_TRUE(pvs.ok()) << pvs.status().ToString();
  ASSERT_EQ(pvs->size(), 2u);
  EXPECT_EQ((*pvs)[1].at("pv_name"), "/dev/vdb");
  EXPECT_EQ((*pvs)[1].at("pv_free"), "<84754432.00k");
  auto vgs = ParseLvmReport(Golden("vgs_report.json"), "vg");
  ASSERT_TRUE(vgs.ok());
  ASSERT_EQ(vgs->size(), 2u);
  EXPECT_EQ((*vgs)[1].at("vg_name"), "vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9");
  auto lvs = ParseLvmReport(Golden("lvs_report.json"), "lv");
  ASSERT_TRUE(lvs.ok());
  ASSERT_EQ(lvs->size(), 2u);
  EXPECT_EQ((*lvs)[0].at("pool_lv"), "tp_11112222333344445555666677778888");
  EXPECT_EQ((*lvs)[1].at("lv_attr"), "twi-aotz--");
  // The wrong kind yields no rows, not an error.
  auto none = ParseLvmReport(Golden("lvs_report.json"), "pv");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_FALSE(ParseLvmReport("{\"report\": 3}", "pv").ok());
  EXPECT_FALSE(ParseLvmReport("{\"report\": [{\"pv\": {}}]}", "pv").ok());
  EXPECT_FALSE(ParseLvmReport("{\"report\": [{\"pv\": [1]}]}", "pv").ok());
  EXPECT_FALSE(ParseLvmReport("{ truncated", "pv").ok());
}

TEST(LvmReportParseTest, SizesInKib) {
  EXPECT_EQ(*ParseLvmSizeKib("10485760.00k"), 10485760);
  EXPECT_EQ(*ParseLvmSizeKib("<84754432.99k"), 84754432);
  EXPECT_EQ(*ParseLvmSizeKib("0k"), 0);
  EXPECT_EQ(*ParseLvmSizeKib("4096"), 4096);
  for (const char* bad : {"", "k", "-1k", "1.2.3k", "12m", "x", "+5k", ".5k"}) {
    EXPECT_FALSE(ParseLvmSizeKib(bad).ok()) << bad;
  }
}

TEST(VgDisplayParseTest, ExtentFields) {
  auto r = ParseVgDisplay(Golden("vgdisplay.txt"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->extent_kib, 4096);
  EXPECT_EQ(r->total_kib, 25567LL * 4096);
  EXPECT_EQ(r->used_kib, 4875LL * 4096);
  EXPECT_EQ(r->free_kib, 20692LL * 4096);
  EXPECT_EQ(r->total_kib, r->used_kib + r->free_kib);
  EXPECT_TRUE(r->pv_uuid.empty());
}

TEST(VgDisplayParseTest, SkipsNoiseAndRejectsBadLines) {
  auto r = ParseVgDisplay("  WARNING: noise\n" + Golden("vgdisplay.txt"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->extent_kib, 4096);
  EXPECT_EQ(ParseVgDisplay("a:b:c\n").status().code(), Code::kInternal);
  EXPECT_FALSE(ParseVgDisplay("").ok());
  EXPECT_FALSE(ParseVgDisplay("vg:r/w:772:-1:0:0:0:-1:0:1:1:104722432:x:25567:0:25567:u\n").ok());
  EXPECT_FALSE(ParseVgDisplay("vg:r/w:772:-1:0:0:0:-1:0:1:1:104722432:0:25567:0:25567:u\n").ok());
  EXPECT_FALSE(
      ParseVgDisplay("vg:r/w:772:-1:0:0:0:-1:0:1:1:1:4096:99999999999999999:0:1:u\n").ok());
}

TEST(ThinCountParseTest, Values) {
  EXPECT_EQ(*ParseThinCount(Golden("thin_count_zero.txt")), 0);
  EXPECT_EQ(*ParseThinCount(Golden("thin_count_two.txt")), 2);
  EXPECT_FALSE(ParseThinCount("").ok());
  EXPECT_FALSE(ParseThinCount("  Failed to find logical volume").ok());
  EXPECT_FALSE(ParseThinCount("-1").ok());
}

TEST(LvmParseTest, LvPool) {
  EXPECT_EQ(*ParseLvPool("  tp_11112222333344445555666677778888\n"),
            "tp_11112222333344445555666677778888");
  EXPECT_FALSE(ParseLvPool("  \n").ok());  // an LV outside any pool
  EXPECT_FALSE(ParseLvPool("tp_a tp_b\n").ok());
  EXPECT_FALSE(ParseLvPool("  Failed to find logical volume \"vg/x\"").ok());
}

TEST(UdevParseTest, Symlinks) {
  auto paths = ParseUdevSymlinks(Golden("udevadm_symlinks.txt"), "/dev/vdb");
  EXPECT_EQ(paths, (std::vector<std::string>{"/dev/vdb", "/dev/disk/by-id/virtio-0123456789",
                                             "/dev/disk/by-path/pci-0000:00:09.0",
                                             "/dev/disk/by-path/virtio-pci-0000:00:09.0"}));
  EXPECT_EQ(ParseUdevSymlinks("", "/dev/vdb"), (std::vector<std::string>{"/dev/vdb"}));
  EXPECT_EQ(ParseUdevSymlinks("vdb disk/x disk/x\n", "/dev/vdb"),
            (std::vector<std::string>{"/dev/vdb", "/dev/disk/x"}));
}

}  // namespace
}  // namespace brickyard::executors::commands
