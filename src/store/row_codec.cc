#include "store/row_codec.h"

#include <nlohmann/json.hpp>

namespace brickyard::store {
namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Status Corrupt(const char* field, std::string_view text) {
  return Internal(std::string("store: corrupt ") + field + ": '" + std::string(text) + "'");
}

// Reads the compact arrays EncodeStrings writes for plain strings (no
// escapes, no whitespace) without building a JSON tree. Returns false for
// anything else, which the full parser then handles or rejects.
bool DecodePlainStrings(std::string_view text, std::vector<std::string>& out) {
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return false;
  size_t i = 1;
  const size_t end = text.size() - 1;
  while (i < end) {
    if (text[i] != '"') return false;
    const size_t start = ++i;
    while (i < end && text[i] != '"') {
      if (text[i] == '\\' || static_cast<unsigned char>(text[i]) < 0x20) return false;
      ++i;
    }
    if (i >= end) return false;
    out.emplace_back(text.substr(start, i - start));
    ++i;  // closing quote
    if (i < end) {
      if (text[i] != ',' || i + 1 >= end) return false;
      ++i;
    }
  }
  return true;
}

}  // namespace

std::string EncodeStrings(const std::vector<std::string>& v) {
  if (v.empty()) return "[]";
  return Dump(json(v));
}

Result<std::vector<std::string>> DecodeStrings(std::string_view text, const char* field) {
  if (text == "[]") return std::vector<std::string>{};
  std::vector<std::string> plain;
  if (DecodePlainStrings(text, plain)) return plain;
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return Corrupt(field, text);
  std::vector<std::string> out;
  out.reserve(j.size());
  for (const json& e : j) {
    if (!e.is_string()) return Corrupt(field, text);
    out.push_back(e.get_ref<const std::string&>());
  }
  return out;
}

std::string EncodeTags(const model::Tags& tags) {
  if (tags.empty()) return "{}";
  return Dump(json(tags));
}

Result<model::Tags> DecodeTags(std::string_view text, const char* field) {
  if (text == "{}") return model::Tags{};
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Corrupt(field, text);
  model::Tags out;
  for (const auto& [k, v] : j.items()) {
    if (!v.is_string()) return Corrupt(field, text);
    out.emplace(k, v.get_ref<const std::string&>());
  }
  return out;
}

Result<model::State> DecodeState(std::string_view text) {
  auto s = model::ParseState(text);
  if (!s) return Corrupt("state", text);
  return *s;
}

Result<model::DurabilityType> DecodeDurability(std::string_view text) {
  for (auto t : {model::DurabilityType::kNone, model::DurabilityType::kReplicate,
                 model::DurabilityType::kDisperse}) {
    if (model::DurabilityName(t) == text) return t;
  }
  return Corrupt("durability", text);
}

std::string_view JobStateText(Job::State s) {
  switch (s) {
    case Job::State::kRunning:
      return "running";
    case Job::State::kDone:
      return "done";
    case Job::State::kFailed:
      return "failed";
  }
  return "running";
}

Result<Job::State> DecodeJobState(std::string_view text) {
  for (auto s : {Job::State::kRunning, Job::State::kDone, Job::State::kFailed}) {
    if (JobStateText(s) == text) return s;
  }
  return Corrupt("job state", text);
}

Result<model::OpStatus> DecodeOpStatus(std::string_view text) {
  for (auto s : {model::OpStatus::kNew, model::OpStatus::kStale, model::OpStatus::kFailed}) {
    if (model::OpStatusName(s) == text) return s;
  }
  return Corrupt("op status", text);
}

}  // namespace brickyard::store
