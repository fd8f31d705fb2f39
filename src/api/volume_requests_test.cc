#include "api/volume_requests.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

using model::DurabilityType;

Status Invalid(const std::string& list) { return InvalidArgument("validation failed: " + list); }

template <typename T>
T Decoded(std::string_view body) {
  auto r = T::Decode(body);
  EXPECT_TRUE(r.ok()) << body << ": " << r.status().ToString();
  return r.ok() ? *r : T{};
}

VolumeCreateRequest Valid() {
  VolumeCreateRequest r;
  r.size = 10;
  return r;
}

// --- decode -------------------------------------------------------------------

TEST(VolumeCreateRequestTest, DecodesTheSpecExample) {
  auto r = Decoded<VolumeCreateRequest>(R"(
    {"size": 10, "name": "myvol", "clusters": ["c1", "prod"],
     "durability": {"type": "replicate", "replicate": {"replica": 3},
                    "disperse": {"data": 4, "redundancy": 2}},
     "gid": 2001, "glustervolumeoptions": ["user.heketi.arbiter true", "performance.readdir-ahead off"],
     "block": false, "snapshot": {"enable": true, "factor": 1.5}})");
  EXPECT_EQ(r.size, 10);
  EXPECT_EQ(r.name, "myvol");
  EXPECT_EQ(r.clusters, (std::vector<std::string>{"c1", "prod"}));
  EXPECT_EQ(r.durability.type, "replicate");
  EXPECT_EQ(r.durability.replica, 3);
  EXPECT_EQ(r.durability.data, 4);
  EXPECT_EQ(r.durability.redundancy, 2);
  EXPECT_EQ(r.gid, 2001);
  EXPECT_EQ(r.glustervolumeoptions.size(), 2u);
  EXPECT_FALSE(r.block);
  EXPECT_TRUE(r.snapshot.enable);
  EXPECT_EQ(r.snapshot.factor, 1.5);
  EXPECT_TRUE(r.Validate().ok());
  model::Durability d = r.EffectiveDurability();
  EXPECT_EQ(d.type, DurabilityType::kReplicate);
  EXPECT_EQ(d.replica, 3);
  EXPECT_EQ(d.data, 0);
  EXPECT_EQ(r.EffectiveSnapshotFactor(), 1.5);
}

TEST(VolumeCreateRequestTest, KubernetesProvisionerBody) {
  auto r = Decoded<VolumeCreateRequest>(
      R"({"size":1,"name":"","clusters":null,"durability":{"type":"replicate","replicate":{"replica":3},"disperse":{}},)"
      R"("gid":2000,"glustervolumeoptions":null,"snapshot":{"enable":true,"factor":1}})");
  EXPECT_TRUE(r.Validate().ok());
  EXPECT_EQ(r.EffectiveSnapshotFactor(), 1.0);
}

TEST(VolumeCreateRequestTest, HeketiCliBody) {
  // heketi-cli fills every durability member and sends factor 0 when
  // snapshots are off.
  auto r = Decoded<VolumeCreateRequest>(
      R"({"size":5,"name":"","durability":{"type":"disperse","replicate":{"replica":3},)"
      R"("disperse":{"data":4,"redundancy":2}},"snapshot":{"enable":false,"factor":0}})");
  ASSERT_TRUE(r.Validate().ok());
  model::Durability d = r.EffectiveDurability();
  EXPECT_EQ(d.type, DurabilityType::kDisperse);
  EXPECT_EQ(d.replica, 0);
  EXPECT_EQ(d.data, 4);
  EXPECT_EQ(d.redundancy, 2);
  EXPECT_EQ(r.EffectiveSnapshotFactor(), 1.0);
}

TEST(VolumeCreateRequestTest, EffectiveDurabilityDefaults) {
  auto r = Decoded<VolumeCreateRequest>(R"({"size":1,"durability":{"type":"replicate"}})");
  EXPECT_EQ(r.EffectiveDurability().replica, 2);
  auto none = Decoded<VolumeCreateRequest>(R"({"size":1})");
  EXPECT_EQ(none.EffectiveDurability().type, DurabilityType::kNone);
}

// --- validation, in table order -------------------------------------------------

TEST(VolumeCreateRequestTest, Size) {
  EXPECT_EQ(Decoded<VolumeCreateRequest>("{}").Validate(), Invalid("size: cannot be blank."));
  EXPECT_EQ(Decoded<VolumeCreateRequest>(R"({"size":-3})").Validate(),
            Invalid("size: must be no less than 1."));
}

TEST(VolumeCreateRequestTest, Name) {
  auto r = Valid();
  r.name = "my.vol";
  EXPECT_EQ(r.Validate(), Invalid("name: must be in a valid format."));
  r.size = 0;
  EXPECT_EQ(r.Validate(), Invalid("name: must be in a valid format; size: cannot be blank."));
  r.size = 1;
  r.name = "ok_name-1";
  EXPECT_TRUE(r.Validate().ok());
}

TEST(VolumeCreateRequestTest, Gid) {
  auto r = Valid();
  r.gid = -1;
  EXPECT_EQ(r.Validate(), InvalidArgument("Bad group id less than zero"));
  r.gid = 2147483647;
  EXPECT_EQ(r.Validate(), InvalidArgument("Bad group id equal or greater than 2**32"));
  r.gid = 2147483646;
  EXPECT_TRUE(r.Validate().ok());
  // Field validation comes first.
  r.size = 0;
  r.gid = -1;
  EXPECT_EQ(r.Validate(), Invalid("size: cannot be blank."));
}

TEST(VolumeCreateRequestTest, DurabilityType) {
  auto r = Valid();
  for (std::string_view t : {"", "none", "replicate", "disperse"}) {
    r.durability = {std::string(t), 0, 4, 2};
    EXPECT_TRUE(r.Validate().ok()) << t;
  }
  r.durability.type = "mirror";
  EXPECT_EQ(r.Validate(), InvalidArgument("Unknown durability type"));
  r.gid = -5;  // gid is checked before the type
  EXPECT_EQ(r.Validate(), InvalidArgument("Bad group id less than zero"));
}

TEST(VolumeCreateRequestTest, SnapshotFactor) {
  auto r = Valid();
  r.snapshot = {true, 0};
  EXPECT_EQ(r.Validate(), InvalidArgument("Invalid snapshot factor"));
  r.snapshot = {true, 0.5};
  EXPECT_EQ(r.Validate(), InvalidArgument("Invalid snapshot factor"));
  r.snapshot = {true, 100.5};
  EXPECT_EQ(r.Validate(), InvalidArgument("Invalid snapshot factor"));
  r.snapshot = {true, 1};
  EXPECT_TRUE(r.Validate().ok());
  r.snapshot = {true, 100};
  EXPECT_TRUE(r.Validate().ok());
  r.snapshot = {false, 500};  // ignored when disabled
  EXPECT_TRUE(r.Validate().ok());
  EXPECT_EQ(r.EffectiveSnapshotFactor(), 1.0);
  r.snapshot = {true, 0};
  r.durability.type = "bogus";  // type is checked before the factor
  EXPECT_EQ(r.Validate(), InvalidArgument("Unknown durability type"));
}

TEST(VolumeCreateRequestTest, Replica) {
  auto r = Valid();
  r.durability.type = "replicate";
  for (int64_t n : {0, 1, 2, 3}) {
    r.durability.replica = n;
    EXPECT_TRUE(r.Validate().ok()) << n;
  }
  r.durability.replica = 4;
  EXPECT_EQ(r.Validate(), InvalidArgument("Invalid replica value"));
  r.durability.replica = -1;
  EXPECT_EQ(r.Validate(), InvalidArgument("Invalid replica value"));
  r.snapshot = {true, 200};  // snapshot is checked before the replica
  EXPECT_EQ(r.Validate(), InvalidArgument("Invalid snapshot factor"));
  // Replica is only checked for replicate volumes.
  r.snapshot = {};
  r.durability.type = "none";
  EXPECT_TRUE(r.Validate().ok());
}

TEST(VolumeCreateRequestTest, Dispersion) {
  auto r = Valid();
  r.durability.type = "disperse";
  for (auto [d, red] : std::vector<std::pair<int64_t, int64_t>>{{2, 1}, {4, 2}, {8, 3}, {8, 4}}) {
    r.durability.data = d;
    r.durability.redundancy = red;
    EXPECT_TRUE(r.Validate().ok()) << d << "+" << red;
  }
  r.durability.data = 8;
  r.durability.redundancy = 2;
  EXPECT_EQ(r.Validate(), InvalidArgument("Invalid dispersion combination: 8+2"));
  r.durability.data = 0;
  r.durability.redundancy = 0;
  EXPECT_EQ(r.Validate(), InvalidArgument("Invalid dispersion combination: 0+0"));
}

TEST(VolumeCreateRequestTest, VolumeOptions) {
  auto r = Valid();
  r.glustervolumeoptions = {"", "performance.stat-prefetch off", "user.heketi.dbstoragelevel 1"};
  EXPECT_TRUE(r.Validate().ok());
  r.glustervolumeoptions = {"performance.stat-prefetch off", "bad"};
  EXPECT_EQ(r.Validate(),
            Invalid(R"(glustervolumeoptions: option "bad" must be "<key> <value>".)"));
  r.durability = {"disperse", 0, 8, 2};  // dispersion is checked first
  EXPECT_EQ(r.Validate(), InvalidArgument("Invalid dispersion combination: 8+2"));
}

// --- other volume requests ----------------------------------------------------

TEST(VolumeExpandRequestTest, Messages) {
  EXPECT_EQ(Decoded<VolumeExpandRequest>(R"({"expand_size":5})").expand_size, 5);
  EXPECT_TRUE(Decoded<VolumeExpandRequest>(R"({"expand_size":1})").Validate().ok());
  EXPECT_EQ(Decoded<VolumeExpandRequest>("{}").Validate(),
            Invalid("expand_size: cannot be blank."));
  EXPECT_EQ(Decoded<VolumeExpandRequest>(R"({"expand_size":-1})").Validate(),
            Invalid("expand_size: must be no less than 1."));
}

TEST(VolumeCloneRequestTest, Messages) {
  EXPECT_TRUE(Decoded<VolumeCloneRequest>("").Validate().ok());
  EXPECT_EQ(Decoded<VolumeCloneRequest>(R"({"name":"clone_1"})").name, "clone_1");
  EXPECT_EQ(Decoded<VolumeCloneRequest>(R"({"name":"clone 1"})").Validate(),
            Invalid("name: must be in a valid format."));
}

TEST(BlockRestrictionRequestTest, Messages) {
  EXPECT_TRUE(Decoded<BlockRestrictionRequest>(R"({"restriction":""})").Validate().ok());
  EXPECT_TRUE(Decoded<BlockRestrictionRequest>(R"({"restriction":"locked"})").Validate().ok());
  EXPECT_TRUE(Decoded<BlockRestrictionRequest>("{}").Validate().ok());
  EXPECT_EQ(Decoded<BlockRestrictionRequest>(R"({"restriction":"locked-by-update"})").Validate(),
            Invalid("restriction: must be a valid value."));
}

TEST(BlockVolumeCreateRequestTest, DecodesAndValidates) {
  auto r = Decoded<BlockVolumeCreateRequest>(
      R"({"size":5,"name":"bv1","clusters":["c"],"hacount":3,"auth":true})");
  EXPECT_EQ(r.size, 5);
  EXPECT_EQ(r.name, "bv1");
  EXPECT_EQ(r.clusters, (std::vector<std::string>{"c"}));
  EXPECT_EQ(r.hacount, 3);
  EXPECT_TRUE(r.auth);
  EXPECT_TRUE(r.Validate().ok());
  EXPECT_EQ(Decoded<BlockVolumeCreateRequest>("{}").Validate(), Invalid("size: cannot be blank."));
  EXPECT_EQ(Decoded<BlockVolumeCreateRequest>(R"({"size":-1,"name":"b.v","hacount":-2})").Validate(),
            Invalid("hacount: must be no less than 1; name: must be in a valid format; size: must "
                    "be no less than 1."));
  EXPECT_TRUE(Decoded<BlockVolumeCreateRequest>(R"({"size":1,"hacount":0})").Validate().ok());
}

TEST(BlockVolumeExpandRequestTest, Messages) {
  EXPECT_EQ(Decoded<BlockVolumeExpandRequest>(R"({"new_size":7})").new_size, 7);
  EXPECT_EQ(Decoded<BlockVolumeExpandRequest>("{}").Validate(),
            Invalid("new_size: cannot be blank."));
  EXPECT_EQ(Decoded<BlockVolumeExpandRequest>(R"({"new_size":-7})").Validate(),
            Invalid("new_size: must be no less than 1."));
}

}  // namespace
}  // namespace brickyard::api
