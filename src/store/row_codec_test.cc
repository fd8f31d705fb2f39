#include "store/row_codec.h"

#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace brickyard::store {
namespace {

using test_util::Must;

TEST(RowCodecTest, StringsKeepOrderAndEmptyEntries) {
  const std::vector<std::string> cases[] = {
      {}, {""}, {"b", "", "a"}, {"quote \" and \\ and \n", "ünïcode"}};
  for (const auto& v : cases) {
    EXPECT_EQ(Must(DecodeStrings(EncodeStrings(v), "f")), v);
  }
  EXPECT_EQ(EncodeStrings({}), "[]");
}

TEST(RowCodecTest, StringsDecodeWhateverTheyLookLike) {
  // Plain arrays take a fast path; escapes, spacing and odd shapes the full
  // parser, so both must agree on every valid array.
  EXPECT_EQ(Must(DecodeStrings(R"(["a","","b c"])", "f")), (std::vector<std::string>{"a", "", "b c"}));
  EXPECT_EQ(Must(DecodeStrings(R"([ "a" , "b" ])", "f")), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(Must(DecodeStrings(R"(["a\"b","\u00fc"])", "f")),
            (std::vector<std::string>{"a\"b", "ü"}));
  EXPECT_EQ(Must(DecodeStrings(R"([""])", "f")), std::vector<std::string>{""});
  for (const char* bad : {R"(["a")", R"(["a",])", R"(["a""b"])", R"([,"a"])", "[\"a\nb\"]", R"(["a",1])",
                          R"("a")"}) {
    EXPECT_EQ(DecodeStrings(bad, "f").status().code(), Code::kInternal) << bad;
  }
}

TEST(RowCodecTest, TagsRoundTrip) {
  const model::Tags cases[] = {{}, {{"a", ""}, {"rack", "r1"}, {"ü", "\"x\""}}};
  for (const auto& t : cases) EXPECT_EQ(Must(DecodeTags(EncodeTags(t), "f")), t);
  EXPECT_EQ(EncodeTags({}), "{}");
}

TEST(RowCodecTest, CorruptTextIsAnInternalError) {
  EXPECT_EQ(DecodeStrings("not json", "node paths").status(),
            Internal("store: corrupt node paths: 'not json'"));
  EXPECT_EQ(DecodeStrings("[1]", "f").status().code(), Code::kInternal);
  EXPECT_EQ(DecodeStrings("{}", "f").status().code(), Code::kInternal);
  EXPECT_EQ(DecodeTags("[]", "f").status().code(), Code::kInternal);
  EXPECT_EQ(DecodeTags("{\"a\":1}", "f").status().code(), Code::kInternal);
  EXPECT_EQ(DecodeState("sleeping").status().code(), Code::kInternal);
  EXPECT_EQ(DecodeDurability("mirror").status().code(), Code::kInternal);
  EXPECT_EQ(DecodeJobState("").status().code(), Code::kInternal);
  EXPECT_EQ(DecodeOpStatus("done").status().code(), Code::kInternal);
}

TEST(RowCodecTest, EnumsRoundTripByName) {
  for (auto s : {model::State::kOnline, model::State::kOffline, model::State::kFailed}) {
    EXPECT_EQ(Must(DecodeState(model::StateName(s))), s);
  }
  for (auto t : {model::DurabilityType::kNone, model::DurabilityType::kReplicate,
                 model::DurabilityType::kDisperse}) {
    EXPECT_EQ(Must(DecodeDurability(model::DurabilityName(t))), t);
  }
  for (auto s : {Job::State::kRunning, Job::State::kDone, Job::State::kFailed}) {
    EXPECT_EQ(Must(DecodeJobState(JobStateText(s))), s);
  }
  for (auto s : {model::OpStatus::kNew, model::OpStatus::kStale, model::OpStatus::kFailed}) {
    EXPECT_EQ(Must(DecodeOpStatus(model::OpStatusName(s))), s);
  }
}

}  // namespace
}  // namespace brickyard::store
