#include "api/json_reader.h"

#include <gtest/gtest.h>

namespace brickyard::api {
namespace {

Json Parse(std::string_view text) {
  auto r = ParseJson(text);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Json();
}

TEST(ParseJsonTest, BlankBodyIsEof) {
  for (std::string_view body : {"", "  ", "\n\t "}) {
    auto r = ParseJson(body);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kUnparsable);
    EXPECT_EQ(r.status().message(), "EOF");
  }
}

TEST(ParseJsonTest, MalformedIsUnparsable) {
  for (std::string_view body : {"{", "{asdf}", "{\"a\":}", "nul", "{'a':1}"}) {
    auto r = ParseJson(body);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().code(), Code::kUnparsable);
    EXPECT_EQ(r.status().message().find("[json.exception"), std::string::npos);
  }
}

// Go's decoder refuses more than 10000 levels; so does Brickyard, before
// anything could recurse over such a value.
TEST(ParseJsonTest, RefusesNestingDeeperThanGo) {
  EXPECT_TRUE(ParseJson(std::string(10000, '[') + std::string(10000, ']')).ok());
  auto deep = ParseJson("{\"a\":" + std::string(1000000, '[') + std::string(1000000, ']') + "}");
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().code(), Code::kUnparsable);
  EXPECT_EQ(deep.status().message(), "exceeded max depth");
}

TEST(ParseJsonTest, ReadsOnlyTheFirstValueLikeGoDecoder) {
  Json v = Parse("  {\"a\":1} trailing garbage");
  EXPECT_EQ(v["a"], 1);
}

TEST(ObjectReaderTest, KeysMatchCaseInsensitively) {
  Json v = Parse(R"({"SIZE":5,"Name":"x","dUrAbIlItY":{"TYPE":"replicate"}})");
  int64_t size = 0;
  std::string name, type;
  ObjectReader r(v);
  r.Int("size", &size).String("name", &name).Object("durability", [&](ObjectReader& d) {
    d.String("type", &type);
  });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(size, 5);
  EXPECT_EQ(name, "x");
  EXPECT_EQ(type, "replicate");
}

TEST(ObjectReaderTest, LastSpellingInDocumentOrderWins) {
  Json v = Parse(R"({"size":1,"Size":2})");
  int64_t size = 0;
  ObjectReader(v).Int("size", &size);
  EXPECT_EQ(size, 2);
  Json w = Parse(R"({"Size":2,"size":1})");
  ObjectReader(w).Int("size", &size);
  EXPECT_EQ(size, 1);
}

TEST(ObjectReaderTest, RepeatedObjectsMergeLikeGo) {
  Json v = Parse(R"({"snapshot":{"enable":true},"Snapshot":{"factor":1.5}})");
  bool enable = false;
  double factor = 0;
  ObjectReader r(v);
  r.Object("snapshot", [&](ObjectReader& s) { s.Bool("enable", &enable).Number("factor", &factor); });
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(enable);
  EXPECT_EQ(factor, 1.5);
}

TEST(ObjectReaderTest, UnknownKeysIgnoredAndNullKeepsDefault) {
  Json v = Parse(R"({"whatever":[1,2],"size":null,"file":null,"tags":null,"hostnames":null})");
  int64_t size = 7;
  bool file = true;
  std::map<std::string, std::string> tags{{"k", "v"}};
  bool called = false;
  ObjectReader r(v);
  r.Int("size", &size).Bool("file", &file).StringMap("tags", &tags).Object(
      "hostnames", [&](ObjectReader&) { called = true; });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(size, 7);
  EXPECT_TRUE(file);
  EXPECT_EQ(tags.size(), 1u);
  EXPECT_FALSE(called);
}

TEST(ObjectReaderTest, IntegerTypeMismatches) {
  for (std::string_view body :
       {R"({"size":"10"})", R"({"size":1.5})", R"({"size":1e3})", R"({"size":1.0})",
        R"({"size":true})", R"({"size":[1]})", R"({"size":{}})",
        R"({"size":9223372036854775808})", R"({"size":18446744073709551616})"}) {
    Json v = Parse(body);
    int64_t size = 0;
    ObjectReader r(v);
    r.Int("size", &size);
    EXPECT_EQ(r.status().code(), Code::kUnparsable) << body;
  }
}

TEST(ObjectReaderTest, IntegerRange) {
  Json v = Parse(R"({"a":9223372036854775807,"b":-9223372036854775808,"c":-0})");
  int64_t a = 0, b = 0, c = 1;
  ObjectReader r(v);
  r.Int("a", &a).Int("b", &b).Int("c", &c);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(a, INT64_MAX);
  EXPECT_EQ(b, INT64_MIN);
  EXPECT_EQ(c, 0);
}

TEST(ObjectReaderTest, TypeErrorMessageNamesTheField) {
  Json v = Parse(R"({"durability":{"replicate":{"replica":"3"}}})");
  int64_t replica = 0;
  ObjectReader r(v);
  r.Object("durability", [&](ObjectReader& d) {
    d.Object("replicate", [&](ObjectReader& rr) { rr.Int("replica", &replica); });
  });
  EXPECT_EQ(r.status(),
            Unparsable(R"(json: cannot unmarshal string into field "durability.replicate.replica" of type int)"));
}

TEST(ObjectReaderTest, OtherScalarMismatches) {
  Json v = Parse(R"({"b":"true","s":5,"f":"1.5"})");
  bool b = false;
  std::string s;
  double f = 0;
  {
    ObjectReader r(v);
    r.Bool("b", &b);
    EXPECT_FALSE(r.ok());
  }
  {
    ObjectReader r(v);
    r.String("s", &s);
    EXPECT_FALSE(r.ok());
  }
  {
    ObjectReader r(v);
    r.Number("f", &f);
    EXPECT_FALSE(r.ok());
  }
}

TEST(ObjectReaderTest, NumberAcceptsAnyJsonNumber) {
  Json v = Parse(R"({"a":2,"b":1.5,"c":1e2})");
  double a = 0, b = 0, c = 0;
  ObjectReader r(v);
  r.Number("a", &a).Number("b", &b).Number("c", &c);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(a, 2.0);
  EXPECT_EQ(b, 1.5);
  EXPECT_EQ(c, 100.0);
}

TEST(ObjectReaderTest, StringLists) {
  Json v = Parse(R"({"l":["a",null,"c"],"bad":["a",1],"notlist":"a"})");
  std::vector<std::string> l{"old"};
  ObjectReader r(v);
  r.Strings("l", &l);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(l, (std::vector<std::string>{"a", "", "c"}));
  std::vector<std::string> x;
  ObjectReader bad(v);
  bad.Strings("bad", &x);
  EXPECT_FALSE(bad.ok());
  ObjectReader notlist(v);
  notlist.Strings("notlist", &x);
  EXPECT_FALSE(notlist.ok());
}

TEST(ObjectReaderTest, StringMapsMergeAndKeepKeyCase) {
  Json v = Parse(R"({"tags":{"Rack":"r1","z":null},"TAGS":{"tier":"gold"}})");
  std::map<std::string, std::string> tags{{"old", "1"}};
  ObjectReader r(v);
  r.StringMap("tags", &tags);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(tags, (std::map<std::string, std::string>{
                      {"Rack", "r1"}, {"old", "1"}, {"tier", "gold"}, {"z", ""}}));
  Json w = Parse(R"({"tags":{"a":1}})");
  ObjectReader bad(w);
  bad.StringMap("tags", &tags);
  EXPECT_FALSE(bad.ok());
}

TEST(ObjectReaderTest, NestedObjectMismatch) {
  Json v = Parse(R"({"hostnames":["a"]})");
  ObjectReader r(v);
  r.Object("hostnames", [](ObjectReader&) { FAIL() << "must not be called"; });
  EXPECT_EQ(r.status().code(), Code::kUnparsable);
}

TEST(ObjectReaderTest, TopLevelNullReadsNothingOtherTypesFail) {
  Json null_value = Parse("null");
  int64_t size = 3;
  ObjectReader r(null_value);
  r.Int("size", &size);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(size, 3);
  for (std::string_view body : {"[]", "1", "\"s\"", "true"}) {
    Json v = Parse(body);
    ObjectReader bad(v);
    EXPECT_EQ(bad.status().code(), Code::kUnparsable) << body;
  }
}

TEST(ObjectReaderTest, ObjectListAndMap) {
  Json v = Parse(R"({"list":[{"id":"a"},null,{"ID":"c"}],
                     "map":{"k1":{"v":1},"k2":{"v":2}}})");
  std::vector<std::string> ids;
  std::vector<std::pair<std::string, int64_t>> members;
  ObjectReader r(v);
  r.ObjectList("list",
               [&](ObjectReader& e) {
                 std::string id;
                 e.String("id", &id);
                 ids.push_back(id);
               })
      .ObjectMap("map", [&](const std::string& key, ObjectReader& e) {
        int64_t n = 0;
        e.Int("v", &n);
        members.emplace_back(key, n);
      });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "", "c"}));
  EXPECT_EQ(members, (std::vector<std::pair<std::string, int64_t>>{{"k1", 1}, {"k2", 2}}));

  Json bad = Parse(R"({"list":[1]})");
  ObjectReader br(bad);
  br.ObjectList("list", [](ObjectReader&) {});
  EXPECT_FALSE(br.ok());
}

TEST(ObjectReaderTest, ErrorInNestedReaderReachesRoot) {
  Json v = Parse(R"({"a":{"b":"x"},"c":1})");
  int64_t b = 0, c = 0;
  ObjectReader r(v);
  r.Object("a", [&](ObjectReader& a) { a.Int("b", &b); }).Int("c", &c);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(c, 0);  // reads after the first error are no-ops
}

TEST(ObjectReaderTest, RawKeepsTheValue) {
  Json v = Parse(R"({"Info":{"x":[1,2]}})");
  Json raw;
  ObjectReader(v).Raw("info", &raw);
  EXPECT_EQ(raw.dump(), R"({"x":[1,2]})");
}

TEST(ReadBodyTest, BlankBodyPolicy) {
  int calls = 0;
  auto read = [&](ObjectReader&) { ++calls; };
  EXPECT_TRUE(ReadBody("", EmptyBody::kAccept, read).ok());
  EXPECT_TRUE(ReadBody(" \n", EmptyBody::kAccept, read).ok());
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(ReadBody("", EmptyBody::kReject, read), Unparsable("EOF"));
  EXPECT_EQ(ReadBody("  ", EmptyBody::kReject, read), Unparsable("EOF"));
  EXPECT_TRUE(ReadBody("{}", EmptyBody::kReject, read).ok());
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(ReadBody("{", EmptyBody::kAccept, read).ok());
}

}  // namespace
}  // namespace brickyard::api
