#include <gtest/gtest.h>

#include "executors/commands/batches.h"
#include "executors/commands/lvm.h"
#include "executors/commands/mount.h"
#include "executors/ssh/executor_fixture.h"

namespace brickyard::executors::ssh {
namespace {

constexpr char kDevice[] = "/dev/vdb";
constexpr char kUuid[] = "q1Xz3c-8bYV-Vn2S-6kzI-T1Pp-eC0f-3DzJvQ";

const std::string kPvsJson = std::string(R"({"report":[{"pv":[{"pv_name":"/dev/vdb","pv_uuid":")") +
                             kUuid + R"(","vg_name":"vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9"}]}]})";
// 25567 extents of 4 MiB, 4875 allocated, 20692 free.
constexpr char kVgDisplay[] =
    "  vg_0a1b2c3d4e5f60718293a4b5c6d7e8f9:r/w:772:-1:0:2:2:-1:0:1:1:104722432:4096:25567:4875:"
    "20692:Bxq0sU-3kLw-Vb9N-2mQz-Rt6Y-uI8o-Pa1SdF\n";
constexpr char kSymlinks[] =
    "disk/by-id/virtio-0123456789 disk/by-path/pci-0000:00:09.0 "
    "disk/by-id/lvm-pv-uuid-q1Xz3c-8bYV-Vn2S-6kzI-T1Pp-eC0f-3DzJvQ\n";

class DeviceTest : public ExecutorFixture {
 protected:
  void ScriptHealthyDevice() {
    fake_->When("pvs", FakeTransport::Exit(0, kPvsJson));
    fake_->When("udevadm", FakeTransport::Exit(0, kSymlinks));
    fake_->When("vgdisplay", FakeTransport::Exit(0, kVgDisplay));
  }
  std::vector<std::string> ReadLines(const std::string& path) {
    std::vector<std::string> out = Lines(commands::DeviceHandleBatch(opts_, path));
    out.push_back(Line(commands::VgDisplay(opts_, kDeviceId)));
    return out;
  }
  std::string Rmdir() { return Line(commands::Rmdir(opts_, commands::VgMountDir(kDeviceId))); }
  std::string VgsHandle() { return Line(commands::VgsHandle(opts_, kDeviceId)); }
};

TEST_F(DeviceTest, SetupCreatesThePvAndVgAndReadsSizesAndHandle) {
  ScriptHealthyDevice();
  auto info = exec_->DeviceSetup(kHost, kDevice, kDeviceId, false);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  std::vector<std::string> want = Lines(commands::DeviceSetupBatch(opts_, kDevice, kDeviceId, false));
  EXPECT_EQ(want.size(), 2u);  // no wipefs
  Append(want, ReadLines(kDevice));
  EXPECT_EQ(fake_->lines(), want);
  ExpectAllOnHost();
  EXPECT_EQ(info->extent_kib, 4096);
  EXPECT_EQ(info->total_kib, 25567 * 4096);
  EXPECT_EQ(info->used_kib, 4875 * 4096);
  EXPECT_EQ(info->free_kib, 20692 * 4096);
  EXPECT_EQ(info->pv_uuid, kUuid);
  EXPECT_EQ(info->paths, (std::vector<std::string>{"/dev/vdb", "/dev/disk/by-id/virtio-0123456789",
                                                    "/dev/disk/by-path/pci-0000:00:09.0"}));
}

TEST_F(DeviceTest, SetupWipesFirstWhenAskedTo) {
  ScriptHealthyDevice();
  ASSERT_TRUE(exec_->DeviceSetup(kHost, kDevice, kDeviceId, true).ok());
  EXPECT_EQ(fake_->lines().front(), Line(commands::WipeFs(opts_, kDevice)));
}

TEST_F(DeviceTest, SetupSurvivesAFailedUdevQuery) {
  fake_->When("pvs", FakeTransport::Exit(0, kPvsJson));
  fake_->When("udevadm", FakeTransport::Exit(1, "", "device node not found"));
  fake_->When("vgdisplay", FakeTransport::Exit(0, kVgDisplay));
  auto info = exec_->DeviceSetup(kHost, kDevice, kDeviceId, false);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->paths, std::vector<std::string>{kDevice});
}

TEST_F(DeviceTest, SetupFailureOnAnUsedDeviceLeavesItAlone) {
  const std::string pvcreate = Line(commands::PvCreate(opts_, kDevice));
  fake_->When(pvcreate, FakeTransport::Exit(5, "", "  Can't initialize physical volume \"/dev/vdb\" of volume group \"other\""));
  auto info = exec_->DeviceSetup(kHost, kDevice, kDeviceId, false);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.status().code(), Code::kInternal);
  EXPECT_NE(info.status().message().find("setup of device /dev/vdb failed"), std::string::npos);
  EXPECT_NE(info.status().message().find("of volume group \"other\""), std::string::npos);
  EXPECT_EQ(fake_->lines(), std::vector<std::string>{pvcreate});  // no pvremove of someone's PV
}

TEST_F(DeviceTest, SetupRemovesThePvItCreatedWhenVgcreateFails) {
  const std::string vgcreate = Line(commands::VgCreate(opts_, kDeviceId, kDevice));
  fake_->When(vgcreate, FakeTransport::Exit(5, "", "vgcreate failed"));
  EXPECT_FALSE(exec_->DeviceSetup(kHost, kDevice, kDeviceId, false).ok());
  EXPECT_EQ(fake_->lines(), (std::vector<std::string>{Line(commands::PvCreate(opts_, kDevice)), vgcreate,
                                                      Line(commands::PvRemove(opts_, kDevice))}));
}

TEST_F(DeviceTest, SetupTearsDownWhenTheDeviceCannotBeRead) {
  fake_->When("pvs", FakeTransport::Exit(0, kPvsJson));
  fake_->When("vgdisplay", FakeTransport::Exit(5, "", "vgdisplay exploded"));
  auto info = exec_->DeviceSetup(kHost, kDevice, kDeviceId, false);
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.status().message().find("vgdisplay exploded"), std::string::npos);
  std::vector<std::string> want = Lines(commands::DeviceSetupBatch(opts_, kDevice, kDeviceId, false));
  Append(want, ReadLines(kDevice));
  want.push_back(VgsHandle());  // no PV UUID known to the teardown: it asks
  Append(want, Lines(commands::DeviceTeardownBatch(opts_, kDeviceId, kDevice)));
  want.push_back(Rmdir());
  EXPECT_EQ(fake_->lines(), want);
}

TEST_F(DeviceTest, GetDeviceInfoUsesThePvUuidPath) {
  ScriptHealthyDevice();
  DeviceHandle h{kDeviceId, kDevice, kUuid, {kDevice}};
  auto info = exec_->GetDeviceInfo(kHost, h);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(fake_->lines(), ReadLines(std::string("/dev/disk/by-id/lvm-pv-uuid-") + kUuid));
  EXPECT_EQ(info->total_kib, 25567 * 4096);
}

TEST_F(DeviceTest, GetDeviceInfoLooksTheUuidUpWhenUnknown) {
  fake_->When("vgs", FakeTransport::Exit(0, std::string(R"({"report":[{"vg":[{"pv_name":"/dev/vdb","pv_uuid":")") +
                                                kUuid + R"(","vg_name":"vg_x"}]}]})"));
  fake_->When("pvs", FakeTransport::Exit(0, kPvsJson));
  fake_->When("vgdisplay", FakeTransport::Exit(0, kVgDisplay));
  DeviceHandle h{kDeviceId, kDevice, "", {kDevice}};
  ASSERT_TRUE(exec_->GetDeviceInfo(kHost, h).ok());
  std::vector<std::string> want{VgsHandle()};
  Append(want, ReadLines(std::string("/dev/disk/by-id/lvm-pv-uuid-") + kUuid));
  EXPECT_EQ(fake_->lines(), want);
}

TEST_F(DeviceTest, GetDeviceInfoOfAMissingVgIsNotFound) {
  fake_->When("pvs", FakeTransport::Exit(0, kPvsJson));
  fake_->When("vgdisplay", FakeTransport::Exit(5, "", "  Volume group \"vg_x\" not found"));
  DeviceHandle h{kDeviceId, kDevice, kUuid, {kDevice}};
  EXPECT_EQ(exec_->GetDeviceInfo(kHost, h).status().code(), Code::kNotFound);
}

TEST_F(DeviceTest, TeardownRemovesVgPvAndMountDir) {
  DeviceHandle h{kDeviceId, kDevice, kUuid, {kDevice}};
  fake_->When(Rmdir(), FakeTransport::Exit(1, "", "rmdir: failed: No such file or directory"));
  ASSERT_TRUE(exec_->DeviceTeardown(kHost, h).ok());
  std::vector<std::string> want =
      Lines(commands::DeviceTeardownBatch(opts_, kDeviceId, std::string("/dev/disk/by-id/lvm-pv-uuid-") + kUuid));
  want.push_back(Rmdir());
  EXPECT_EQ(fake_->lines(), want);
}

TEST_F(DeviceTest, TeardownOfAMissingVgIsNotFoundAndStops) {
  DeviceHandle h{kDeviceId, kDevice, kUuid, {kDevice}};
  fake_->When("vgremove", FakeTransport::Exit(5, "", "  Volume group \"vg_x\" not found"));
  Status st = exec_->DeviceTeardown(kHost, h);
  EXPECT_EQ(st.code(), Code::kNotFound);
  EXPECT_NE(st.message().find(kHost), std::string::npos);
  EXPECT_EQ(fake_->lines().size(), 1u);
}

TEST_F(DeviceTest, TeardownFailureIsAnError) {
  DeviceHandle h{kDeviceId, kDevice, kUuid, {kDevice}};
  fake_->When("pvremove", FakeTransport::Exit(5, "", "  PV is used by a VG"));
  EXPECT_EQ(exec_->DeviceTeardown(kHost, h).code(), Code::kInternal);
}

TEST_F(DeviceTest, ForgetRunsEverythingInReverseAndNeverFails) {
  DeviceHandle h{kDeviceId, kDevice, kUuid, {kDevice}};
  fake_->When("", FakeTransport::Exit(1, "", "everything fails"));
  EXPECT_TRUE(exec_->DeviceForget(kHost, h).ok());
  ASSERT_FALSE(fake_->lines().empty());
  EXPECT_EQ(fake_->lines().front(), Rmdir());
  fake_->Clear();
  fake_->When("", Status(Unavailable("node is gone")));
  EXPECT_TRUE(exec_->DeviceForget(kHost, h).ok());
}

}  // namespace
}  // namespace brickyard::executors::ssh
