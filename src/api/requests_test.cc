// Decoding rules every request type shares (api/requests.h).
#include "api/requests.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

const Status kUnparsableStatus = Unparsable("request unable to be parsed");

template <typename T>
Status DecodeStatus(std::string_view body) {
  return T::Decode(body).status();
}

TEST(RequestDecodeTest, CaseInsensitiveKeys) {
  auto r = VolumeCreateRequest::Decode(
      R"({"Size":10,"NAME":"v","Durability":{"Type":"replicate","Replicate":{"Replica":3}},
          "Snapshot":{"Enable":true,"Factor":1.5},"GlusterVolumeOptions":["a b"]})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size, 10);
  EXPECT_EQ(r->name, "v");
  EXPECT_EQ(r->durability.type, "replicate");
  EXPECT_EQ(r->durability.replica, 3);
  EXPECT_TRUE(r->snapshot.enable);
  EXPECT_EQ(r->snapshot.factor, 1.5);
  EXPECT_EQ(r->glustervolumeoptions, (std::vector<std::string>{"a b"}));
}

TEST(RequestDecodeTest, UnknownKeysIgnored) {
  auto r = NodeAddRequest::Decode(
      R"({"zone":1,"extra":{"deep":[1,2,3]},"hostnames":{"manage":["m"],"storage":["s"],"x":1},
          "cluster":"c","unknown":null})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->manage, (std::vector<std::string>{"m"}));
}

TEST(RequestDecodeTest, NullKeepsDefault) {
  auto c = ClusterCreateRequest::Decode(R"({"file":null,"block":null,"name":null})");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->file);
  EXPECT_TRUE(c->block);
  EXPECT_EQ(c->name, "");
  auto v = VolumeCreateRequest::Decode(R"({"size":null,"durability":null,"snapshot":null})");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->size, 0);
  EXPECT_EQ(v->durability.type, "");
}

TEST(RequestDecodeTest, TypeMismatchesAreUnparsable) {
  EXPECT_EQ(DecodeStatus<VolumeCreateRequest>(R"({"size":"10"})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<VolumeCreateRequest>(R"({"size":1.5})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<VolumeCreateRequest>(R"({"size":10,"gid":"2001"})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<VolumeCreateRequest>(R"({"size":10,"block":"true"})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<VolumeCreateRequest>(R"({"size":10,"clusters":"c"})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<VolumeCreateRequest>(R"({"size":10,"snapshot":{"factor":"1.5"}})"),
            kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<VolumeCreateRequest>(R"({"size":10,"durability":"replicate"})"),
            kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<ClusterCreateRequest>(R"({"file":"true"})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<ClusterFlagsRequest>(R"({"block":1})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<NodeAddRequest>(R"({"zone":"1"})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<NodeAddRequest>(R"({"hostnames":{"manage":"m"}})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<NodeAddRequest>(R"({"tags":{"a":1}})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<DeviceAddRequest>(R"({"destroydata":"yes"})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<DeviceDeleteRequest>(R"({"forceforget":1})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<StateRequest>(R"({"state":1})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<VolumeExpandRequest>(R"({"expand_size":2.5})"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<BlockVolumeCreateRequest>(R"({"size":1,"auth":"yes"})"),
            kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<OpsCleanupRequest>(R"({"operations":[1]})"), kUnparsableStatus);
}

TEST(RequestDecodeTest, MalformedJsonIsUnparsable) {
  EXPECT_EQ(DecodeStatus<VolumeCreateRequest>("{\n        asdfsdf\n    }"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<ClusterCreateRequest>("{"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<DeviceDeleteRequest>("not json"), kUnparsableStatus);
  EXPECT_EQ(DecodeStatus<VolumeCreateRequest>("[]"), kUnparsableStatus);
}

TEST(RequestDecodeTest, BlankBodyPolicyPerType) {
  for (std::string_view blank : {"", "  \n"}) {
    // Accepted: defaults.
    EXPECT_TRUE(ClusterCreateRequest::Decode(blank).ok());
    EXPECT_TRUE(DeviceDeleteRequest::Decode(blank).ok());
    EXPECT_TRUE(VolumeCloneRequest::Decode(blank).ok());
    EXPECT_TRUE(BrickEvictRequest::Decode(blank).ok());
    EXPECT_TRUE(OpsCleanupRequest::Decode(blank).ok());
    // Required.
    EXPECT_EQ(DecodeStatus<ClusterFlagsRequest>(blank), kUnparsableStatus);
    EXPECT_EQ(DecodeStatus<NodeAddRequest>(blank), kUnparsableStatus);
    EXPECT_EQ(DecodeStatus<StateRequest>(blank), kUnparsableStatus);
    EXPECT_EQ(DecodeStatus<TagsRequest>(blank), kUnparsableStatus);
    EXPECT_EQ(DecodeStatus<DeviceAddRequest>(blank), kUnparsableStatus);
    EXPECT_EQ(DecodeStatus<VolumeCreateRequest>(blank), kUnparsableStatus);
    EXPECT_EQ(DecodeStatus<VolumeExpandRequest>(blank), kUnparsableStatus);
    EXPECT_EQ(DecodeStatus<BlockRestrictionRequest>(blank), kUnparsableStatus);
    EXPECT_EQ(DecodeStatus<BlockVolumeCreateRequest>(blank), kUnparsableStatus);
    EXPECT_EQ(DecodeStatus<BlockVolumeExpandRequest>(blank), kUnparsableStatus);
    EXPECT_EQ(DecodeStatus<AdminStateRequest>(blank),
              Unparsable("request unable to be parsed: EOF"));
    EXPECT_EQ(DecodeStatus<LogLevelRequest>(blank),
              Unparsable("request unable to be parsed: EOF"));
  }
}

TEST(RequestDecodeTest, PythonClientEmptyObjectBody) {
  // The Python client sends {} on every request.
  auto c = ClusterCreateRequest::Decode("{}");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->file);
  EXPECT_TRUE(c->block);
  EXPECT_TRUE(DeviceDeleteRequest::Decode("{}").ok());
  EXPECT_TRUE(OpsCleanupRequest::Decode("{}").ok());
}

TEST(RequestDecodeTest, DetailedParseErrorsForAdminAndLogging) {
  auto a = AdminStateRequest::Decode(R"({"state":1})");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Code::kUnparsable);
  EXPECT_EQ(a.status().message(),
            R"(request unable to be parsed: json: cannot unmarshal number into field "state" of type string)");
  auto l = LogLevelRequest::Decode("{bad");
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().message().rfind("request unable to be parsed: ", 0), 0u);
}

}  // namespace
}  // namespace brickyard::api
