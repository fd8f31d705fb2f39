#include "executors/commands/xml.h"

#include <random>

#include <gtest/gtest.h>

#include "executors/commands/test_support.h"

namespace brickyard::executors::commands {
namespace {

TEST(XmlTest, ElementsAttributesAndText) {
  auto r = ParseXml(
      "<?xml version=\"1.0\"?>\n<!-- c --><a x=\"1\" y='two &amp; 3'>\n"
      "  <b>hi</b><c/><b>there</b>\n</a>\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->name, "a");
  ASSERT_NE(r->Attribute("y"), nullptr);
  EXPECT_EQ(*r->Attribute("y"), "two & 3");
  EXPECT_EQ(r->Attribute("z"), nullptr);
  EXPECT_EQ(r->Children("b").size(), 2u);
  EXPECT_EQ(r->ChildText("b"), "hi");
  EXPECT_EQ(r->ChildText("c"), "");
  EXPECT_EQ(r->ChildText("missing"), "");
  ASSERT_NE(r->Find({"c"}), nullptr);
  EXPECT_EQ(r->Find({"c", "d"}), nullptr);
}

TEST(XmlTest, MixedContentKeepsOwnText) {
  auto r = ParseXml("<brick uuid=\"u\">h:/p<name>h:/p</name><hostUuid>u</hostUuid></brick>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "h:/p");
  EXPECT_EQ(r->ChildText("name"), "h:/p");
}

TEST(XmlTest, EntitiesCdataAndReferences) {
  auto r = ParseXml("<v>&lt;&gt;&amp;&quot;&apos; &#233;&#x20AC;&#x1F600;<![CDATA[<raw&>]]></v>");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "<>&\"' \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80<raw&>");
}

TEST(XmlTest, LenientAroundTheRoot) {
  auto r = ParseXml("Warning: something\n<!DOCTYPE x [<!ENTITY e \"v\">]><r>1</r>trailing junk");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->text, "1");
}

TEST(XmlTest, RejectsMalformed) {
  for (const char* bad : {"", "no xml at all", "<a>", "<a></b>", "<a><b></a></b>", "<a x=1/>",
                          "<a x=\"1/>", "<a>&bogus;</a>", "<a>&#0;</a>", "<a>&#xD800;</a>",
                          "<a>&#x110000;</a>", "<a>&amp</a>", "<a><!-- x</a>",
                          "<a><![CDATA[x</a>", "< a/>", "<a x=\"<\"/>"}) {
    auto r = ParseXml(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Code::kInternal) << bad;
  }
}

TEST(XmlTest, LimitsNesting) {
  std::string deep;
  for (int i = 0; i < 64; ++i) deep += "<a>";
  for (int i = 0; i < 64; ++i) deep += "</a>";
  EXPECT_TRUE(ParseXml(deep).ok());
  std::string deeper = "<a>" + deep + "</a>";
  EXPECT_FALSE(ParseXml(deeper).ok());
  std::string bomb(100000, '<');
  EXPECT_FALSE(ParseXml(bomb).ok());
}

TEST(XmlTest, NeverCrashesOnTruncatedOrMutatedInput) {
  const std::string doc = test_support::Golden("volume_info_two.xml");
  for (size_t n = 0; n < doc.size(); n += 7) (void)ParseXml(doc.substr(0, n));
  std::mt19937 rng(12345);
  for (int i = 0; i < 300; ++i) {
    std::string m = doc;
    for (int k = 0; k < 5; ++k) m[rng() % m.size()] = static_cast<char>(rng() % 256);
    (void)ParseXml(m);
  }
  SUCCEED();
}

}  // namespace
}  // namespace brickyard::executors::commands
