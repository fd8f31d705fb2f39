#include "common/json_parse.h"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace brickyard {
namespace {

using Json = nlohmann::ordered_json;

// Builds the document bottom-up: a frame per open object or array holds its
// finished children until the closing bracket.
class Builder final : public nlohmann::json_sax<Json> {
 public:
  Json TakeRoot() { return std::move(root_); }
  const std::string& error() const { return error_; }

  bool null() override { return Put(Json(nullptr)); }
  bool boolean(bool v) override { return Put(Json(v)); }
  bool number_integer(number_integer_t v) override { return Put(Json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return Put(Json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return Put(Json(v)); }
  bool string(string_t& v) override { return Put(Json(std::move(v))); }
  bool binary(binary_t&) override { return false; }  // not produced by the text parser

  bool start_object(std::size_t) override {
    Open(true);
    return true;
  }
  bool key(string_t& k) override {
    stack_[depth_ - 1].key = std::move(k);
    return true;
  }
  bool end_object() override {
    Frame f = Close();
    Json obj(nlohmann::json::value_t::object);
    auto& members = *obj.get_ptr<Json::object_t*>();
    members.reserve(f.members.size());
    if (f.members.size() <= kLinearDedup) {
      for (auto& [k, v] : f.members) {
        auto it = members.find(k);
        if (it != members.end()) {
          it->second = std::move(v);
        } else {
          members.emplace_back(std::move(k), std::move(v));
        }
      }
    } else {
      std::unordered_map<std::string_view, size_t> index;
      index.reserve(f.members.size());
      for (auto& [k, v] : f.members) {
        auto found = index.find(k);
        if (found != index.end()) {
          (members.begin() + static_cast<std::ptrdiff_t>(found->second))->second = std::move(v);
          continue;
        }
        // The view points into f.members, which lives until the end.
        index.emplace(k, members.size());
        members.emplace_back(k, std::move(v));
      }
    }
    return Put(std::move(obj));
  }
  bool start_array(std::size_t) override {
    Open(false);
    return true;
  }
  bool end_array() override {
    Frame f = Close();
    Json arr(nlohmann::json::value_t::array);
    *arr.get_ptr<Json::array_t*>() = std::move(f.items);
    return Put(std::move(arr));
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    error_ = e.what();
    return false;
  }

 private:
  static constexpr size_t kLinearDedup = 16;

  struct Frame {
    bool object = false;
    std::string key;                                  // the member being read
    std::vector<std::pair<std::string, Json>> members;  // objects
    std::vector<Json> items;                          // arrays
  };

  void Open(bool object) {
    // Frame objects outlive their value and are reused for the next one.
    if (depth_ == stack_.size()) stack_.emplace_back();
    Frame& f = stack_[depth_++];
    f.object = object;
    f.members.clear();
    f.items.clear();
  }
  Frame Close() {
    Frame& f = stack_[--depth_];
    Frame out;
    out.members.swap(f.members);
    out.items.swap(f.items);
    return out;
  }
  bool Put(Json v) {
    if (depth_ == 0) {
      root_ = std::move(v);
      return true;
    }
    Frame& f = stack_[depth_ - 1];
    if (f.object) {
      f.members.emplace_back(std::move(f.key), std::move(v));
    } else {
      f.items.push_back(std::move(v));
    }
    return true;
  }

  std::vector<Frame> stack_;  // stack_[0, depth_) are open
  size_t depth_ = 0;
  Json root_;
  std::string error_;
};

}  // namespace

Result<nlohmann::ordered_json> ParseOrderedJson(std::string_view text, JsonTail tail) {
  Builder builder;
  bool ok = Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json,
                            /*strict=*/tail == JsonTail::kRefused);
  if (!ok) {
    return InvalidArgument(builder.error().empty() ? std::string("malformed JSON") : builder.error());
  }
  return builder.TakeRoot();
}

}  // namespace brickyard
