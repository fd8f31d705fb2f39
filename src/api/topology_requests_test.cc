#include "api/topology_requests.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

const std::string kId = "0123456789abcdef0123456789abcdef";

Status Invalid(const std::string& list) { return InvalidArgument("validation failed: " + list); }

template <typename T>
T Decoded(std::string_view body) {
  auto r = T::Decode(body);
  EXPECT_TRUE(r.ok()) << body << ": " << r.status().ToString();
  return r.ok() ? *r : T{};
}

// --- clusters ---------------------------------------------------------------

TEST(ClusterCreateRequestTest, AbsentFlagsDefaultToTrue) {
  auto r = Decoded<ClusterCreateRequest>(R"({"block":false})");
  EXPECT_TRUE(r.file);
  EXPECT_FALSE(r.block);
  auto e = Decoded<ClusterCreateRequest>("");
  EXPECT_TRUE(e.file);
  EXPECT_TRUE(e.block);
  EXPECT_EQ(e.name, "");
  EXPECT_TRUE(e.Validate().ok());
}

TEST(ClusterCreateRequestTest, HeketiCliBody) {
  auto r = Decoded<ClusterCreateRequest>(R"({"block":true,"file":false})");
  EXPECT_FALSE(r.file);
  EXPECT_TRUE(r.block);
  EXPECT_TRUE(r.Validate().ok());
}

TEST(ClusterCreateRequestTest, Names) {
  EXPECT_TRUE(Decoded<ClusterCreateRequest>(R"({"name":"prod-eu.1"})").Validate().ok());
  EXPECT_EQ(Decoded<ClusterCreateRequest>(R"({"name":"1prod"})").Validate(),
            Invalid("name: must be in a valid format."));
  EXPECT_EQ(Decoded<ClusterCreateRequest>(R"({"name":"a b"})").Validate(),
            Invalid("name: must be in a valid format."));
  ClusterCreateRequest long_name;
  long_name.name = std::string(65, 'a');
  EXPECT_EQ(long_name.Validate(), Invalid("name: must be in a valid format."));
  ClusterCreateRequest id_like;
  id_like.name = "abcdef0123456789abcdef0123456789";
  EXPECT_EQ(id_like.Validate(), Invalid("name: must not be an id."));
  id_like.name = "ABCDEF0123456789ABCDEF0123456789";
  EXPECT_EQ(id_like.Validate(), Invalid("name: must not be an id."));
}

TEST(ClusterFlagsRequestTest, AbsentFlagsAreFalse) {
  auto r = Decoded<ClusterFlagsRequest>(R"({"file":true})");
  EXPECT_TRUE(r.file);
  EXPECT_FALSE(r.block);
  EXPECT_TRUE(r.Validate().ok());
  auto e = Decoded<ClusterFlagsRequest>("{}");
  EXPECT_FALSE(e.file);
  EXPECT_FALSE(e.block);
}

// --- nodes --------------------------------------------------------------------

TEST(NodeAddRequestTest, DecodesAllFields) {
  auto r = Decoded<NodeAddRequest>(
      R"({"zone":2,"hostnames":{"manage":["node1.example.com"],"storage":["10.0.0.1"]},
          "cluster":")" + kId + R"(","tags":{"rack":"r1"}})");
  EXPECT_EQ(r.zone, 2);
  EXPECT_EQ(r.manage, (std::vector<std::string>{"node1.example.com"}));
  EXPECT_EQ(r.storage, (std::vector<std::string>{"10.0.0.1"}));
  EXPECT_EQ(r.cluster, kId);
  EXPECT_EQ(r.tags, (model::Tags{{"rack", "r1"}}));
  EXPECT_TRUE(r.Validate().ok());
}

TEST(NodeAddRequestTest, EverythingMissing) {
  EXPECT_EQ(Decoded<NodeAddRequest>("{}").Validate(),
            Invalid("cluster: cannot be blank; hostnames: (manage: cannot be blank; storage: "
                    "cannot be blank.); zone: cannot be blank."));
}

TEST(NodeAddRequestTest, Zone) {
  auto r = Decoded<NodeAddRequest>(
      R"({"zone":-1,"hostnames":{"manage":["m"],"storage":["s"]},"cluster":"c"})");
  EXPECT_EQ(r.Validate(), Invalid("zone: must be no less than 1."));
}

TEST(NodeAddRequestTest, Hostnames) {
  NodeAddRequest r;
  r.zone = 1;
  r.cluster = kId;
  r.manage = {"node1", "bad host"};
  r.storage = {"10.0.0.1"};
  EXPECT_EQ(r.Validate(),
            Invalid("hostnames: (manage: [node1 bad host] is not a valid manage hostname.)."));
  r.manage = {"node1"};
  r.storage = {"10.0.0.1", ""};
  EXPECT_EQ(r.Validate(),
            Invalid("hostnames: (storage: [10.0.0.1 ] is not a valid storage hostname.)."));
  r.storage = {};
  EXPECT_EQ(r.Validate(), Invalid("hostnames: (storage: cannot be blank.)."));
}

TEST(NodeAddRequestTest, ClusterMayBeIdOrNameButNotBlank) {
  NodeAddRequest r;
  r.zone = 1;
  r.manage = {"m"};
  r.storage = {"s"};
  r.cluster = "prod";
  EXPECT_TRUE(r.Validate().ok());
  r.cluster = kId;
  EXPECT_TRUE(r.Validate().ok());
  r.cluster = "  ";
  EXPECT_EQ(r.Validate(), Invalid("cluster: cannot be blank."));
}

TEST(NodeAddRequestTest, Tags) {
  NodeAddRequest r;
  r.zone = 1;
  r.manage = {"m"};
  r.storage = {"s"};
  r.cluster = kId;
  r.tags = {{"bad name", "v"}};
  EXPECT_EQ(r.Validate(), Invalid("tags: invalid characters in tag name bad name."));
}

// --- state and tags -----------------------------------------------------------

TEST(StateRequestTest, Values) {
  for (std::string_view s : {"online", "offline", "failed"}) {
    StateRequest r;
    r.state = s;
    EXPECT_TRUE(r.Validate().ok()) << s;
  }
  auto r = Decoded<StateRequest>(R"({"state":"failed","healcheck":"disable"})");
  EXPECT_EQ(r.state, "failed");
  EXPECT_EQ(r.healcheck, "disable");
  EXPECT_TRUE(r.Validate().ok());
}

TEST(StateRequestTest, Messages) {
  EXPECT_EQ(Decoded<StateRequest>("{}").Validate(), Invalid("state: cannot be blank."));
  EXPECT_EQ(Decoded<StateRequest>(R"({"state":"removed"})").Validate(),
            Invalid("state: removed is not valid state."));
  EXPECT_EQ(Decoded<StateRequest>(R"({"state":"Online","healcheck":"no"})").Validate(),
            Invalid("healcheck: no is not valid heal info check; state: Online is not valid "
                    "state."));
}

TEST(TagsRequestTest, Values) {
  for (std::string_view c : {"set", "update", "delete"}) {
    TagsRequest r;
    r.change_type = c;
    EXPECT_TRUE(r.Validate().ok()) << c;
  }
  auto r = Decoded<TagsRequest>(R"({"change_type":"update","tags":{"a":"1","b":""}})");
  EXPECT_EQ(r.tags, (model::Tags{{"a", "1"}, {"b", ""}}));
  EXPECT_TRUE(r.Validate().ok());
}

TEST(TagsRequestTest, Messages) {
  EXPECT_EQ(Decoded<TagsRequest>(R"({"tags":{}})").Validate(),
            Invalid("change_type: cannot be blank."));
  EXPECT_EQ(Decoded<TagsRequest>(R"({"change_type":"merge"})").Validate(),
            Invalid("change_type: must be a valid value."));
  TagsRequest r;
  r.change_type = "set";
  r.tags = {{"", "x"}};
  EXPECT_EQ(r.Validate(), Invalid("tags: tag names may not be empty."));
  r.tags = {{"k", std::string(65, 'v')}};
  EXPECT_EQ(r.Validate(), Invalid("tags: value of tag k: the length must be no more than 64."));
  r.tags = {{std::string(33, 'k'), "v"}};
  EXPECT_EQ(r.Validate(), Invalid("tags: tag name " + std::string(33, 'k') +
                                  ": the length must be between 1 and 32."));
  r.tags.clear();
  for (int i = 0; i < 33; ++i) r.tags["t" + std::to_string(i)] = "";
  EXPECT_EQ(r.Validate(), Invalid("tags: too many tags specified (33), up to 32 supported."));
}

// --- devices ------------------------------------------------------------------

TEST(DeviceAddRequestTest, DecodesAllFields) {
  auto r = Decoded<DeviceAddRequest>(R"({"node":")" + kId +
                                     R"(","name":"/dev/sdb","destroydata":true,"tags":{"tier":"gold"}})");
  EXPECT_EQ(r.node, kId);
  EXPECT_EQ(r.name, "/dev/sdb");
  EXPECT_TRUE(r.destroydata);
  EXPECT_EQ(r.tags, (model::Tags{{"tier", "gold"}}));
  EXPECT_TRUE(r.Validate().ok());
}

TEST(DeviceAddRequestTest, Messages) {
  EXPECT_EQ(Decoded<DeviceAddRequest>("{}").Validate(),
            Invalid("name: cannot be blank; node: cannot be blank."));
  EXPECT_EQ(Decoded<DeviceAddRequest>(R"({"node":"abc","name":"sdb"})").Validate(),
            Invalid("name: must be in a valid format; node: abc is not a valid UUID."));
  DeviceAddRequest r;
  r.node = kId;
  r.name = "/dev/sdb;reboot";
  EXPECT_EQ(r.Validate(), Invalid("name: must be in a valid format."));
  r.name = "/dev/sdb";
  r.tags = {{"a/b", "x"}};
  EXPECT_EQ(r.Validate(), Invalid("tags: invalid characters in tag name a/b."));
}

TEST(DeviceDeleteRequestTest, OptionalBody) {
  EXPECT_FALSE(Decoded<DeviceDeleteRequest>("").forceforget);
  EXPECT_TRUE(Decoded<DeviceDeleteRequest>(R"({"forceforget":true})").forceforget);
  EXPECT_TRUE(Decoded<DeviceDeleteRequest>(R"({"ForceForget":true})").Validate().ok());
}

}  // namespace
}  // namespace brickyard::api
