#include "api/json_reader.h"

#include <cstdint>
#include <limits>
#include <string_view>

#include "common/json_depth.h"
#include "common/json_parse.h"
#include "common/strings.h"

namespace brickyard::api {
namespace {

// The JSON kind of a value, as Go names it in type errors.
std::string_view KindOf(const Json& v) {
  if (v.is_string()) return "string";
  if (v.is_number()) return "number";
  if (v.is_boolean()) return "bool";
  if (v.is_array()) return "array";
  if (v.is_object()) return "object";
  return "null";
}

// Strips nlohmann's "[json.exception.parse_error.101] " tag from a message.
std::string ParserMessage(std::string_view what) {
  std::string_view s = what;
  if (StartsWith(s, "[json.exception.")) {
    size_t end = s.find("] ");
    if (end != std::string_view::npos) s.remove_prefix(end + 2);
  }
  return std::string(s);
}

}  // namespace

bool IsBlankBody(std::string_view body) { return TrimSpace(body).empty(); }

Result<Json> ParseJson(std::string_view body) {
  if (IsBlankBody(body)) return Unparsable("EOF");
  if (JsonNestsDeeperThan(body)) return Unparsable("exceeded max depth");
  // Only the first complete value, like Go's json.Decoder.Decode.
  auto value = ParseOrderedJson(body, JsonTail::kIgnored);
  if (!value.ok()) return Unparsable(ParserMessage(value.status().message()));
  return value;
}

ObjectReader::ObjectReader(const Json& value, std::string path)
    : ObjectReader(value, std::move(path), nullptr) {}

ObjectReader::ObjectReader(const Json& value, std::string path, Status* status)
    : path_(std::move(path)), status_(status ? status : &own_status_) {
  if (value.is_object()) {
    object_ = &value;
  } else if (!value.is_null()) {
    TypeError(value, path_, "object");
  }
}

void ObjectReader::Fail(std::string reason) {
  if (status_->ok()) *status_ = Unparsable(std::move(reason));
}

void ObjectReader::TypeError(const Json& value, const std::string& path, std::string_view type) {
  std::string target = path.empty() ? std::string("object")
                                    : "field \"" + path + "\" of type " + std::string(type);
  Fail("json: cannot unmarshal " + std::string(KindOf(value)) + " into " + target);
}

std::string ObjectReader::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void ObjectReader::ForEach(std::string_view key,
                           const std::function<void(const Json&, const std::string&)>& fn) {
  if (object_ == nullptr) return;
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    if (!ok()) return;
    if (it.value().is_null() || !EqualsIgnoreCase(it.key(), key)) continue;
    fn(it.value(), PathOf(key));
  }
}

ObjectReader& ObjectReader::Int(std::string_view key, int64_t* out) {
  ForEach(key, [&](const Json& v, const std::string& path) {
    if (v.is_number_unsigned()) {
      auto u = v.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return TypeError(v, path, "int");
      }
      *out = static_cast<int64_t>(u);
    } else if (v.is_number_integer()) {
      *out = v.get<int64_t>();
    } else {
      TypeError(v, path, "int");
    }
  });
  return *this;
}

ObjectReader& ObjectReader::Bool(std::string_view key, bool* out) {
  ForEach(key, [&](const Json& v, const std::string& path) {
    if (!v.is_boolean()) return TypeError(v, path, "bool");
    *out = v.get<bool>();
  });
  return *this;
}

ObjectReader& ObjectReader::Number(std::string_view key, double* out) {
  ForEach(key, [&](const Json& v, const std::string& path) {
    if (!v.is_number()) return TypeError(v, path, "float");
    *out = v.get<double>();
  });
  return *this;
}

ObjectReader& ObjectReader::String(std::string_view key, std::string* out) {
  ForEach(key, [&](const Json& v, const std::string& path) {
    if (!v.is_string()) return TypeError(v, path, "string");
    *out = v.get<std::string>();
  });
  return *this;
}

ObjectReader& ObjectReader::Strings(std::string_view key, std::vector<std::string>* out) {
  ForEach(key, [&](const Json& v, const std::string& path) {
    if (!v.is_array()) return TypeError(v, path, "[]string");
    std::vector<std::string> list;
    for (const auto& e : v) {
      if (e.is_null()) {
        list.emplace_back();
      } else if (e.is_string()) {
        list.push_back(e.get<std::string>());
      } else {
        return TypeError(e, path + "[]", "string");
      }
    }
    *out = std::move(list);
  });
  return *this;
}

ObjectReader& ObjectReader::StringMap(std::string_view key,
                                      std::map<std::string, std::string>* out) {
  ForEach(key, [&](const Json& v, const std::string& path) {
    if (!v.is_object()) return TypeError(v, path, "map[string]string");
    std::map<std::string, std::string> merged = *out;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.value().is_null()) {
        merged[it.key()] = "";
      } else if (it.value().is_string()) {
        merged[it.key()] = it.value().get<std::string>();
      } else {
        return TypeError(it.value(), path + "." + it.key(), "string");
      }
    }
    *out = std::move(merged);
  });
  return *this;
}

ObjectReader& ObjectReader::Object(std::string_view key,
                                   const std::function<void(ObjectReader&)>& read) {
  ForEach(key, [&](const Json& v, const std::string& path) {
    if (!v.is_object()) return TypeError(v, path, "object");
    ObjectReader child(v, path, status_);
    read(child);
  });
  return *this;
}

ObjectReader& ObjectReader::ObjectList(std::string_view key,
                                       const std::function<void(ObjectReader&)>& read) {
  ForEach(key, [&](const Json& v, const std::string& path) {
    if (!v.is_array()) return TypeError(v, path, "[]object");
    for (const auto& e : v) {
      if (!ok()) return;
      if (!e.is_null() && !e.is_object()) return TypeError(e, path + "[]", "object");
      ObjectReader child(e, path + "[]", status_);
      read(child);
    }
  });
  return *this;
}

ObjectReader& ObjectReader::ObjectMap(
    std::string_view key, const std::function<void(const std::string&, ObjectReader&)>& read) {
  ForEach(key, [&](const Json& v, const std::string& path) {
    if (!v.is_object()) return TypeError(v, path, "map[string]object");
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!ok()) return;
      std::string member_path = path + "." + it.key();
      if (!it.value().is_null() && !it.value().is_object()) {
        return TypeError(it.value(), member_path, "object");
      }
      ObjectReader child(it.value(), member_path, status_);
      read(it.key(), child);
    }
  });
  return *this;
}

ObjectReader& ObjectReader::Raw(std::string_view key, Json* out) {
  ForEach(key, [&](const Json& v, const std::string&) { *out = v; });
  return *this;
}

Status ReadBody(std::string_view body, EmptyBody empty,
                const std::function<void(ObjectReader&)>& read) {
  if (IsBlankBody(body) && empty == EmptyBody::kAccept) return Status::Ok();
  Result<Json> parsed = ParseJson(body);
  if (!parsed.ok()) return parsed.status();
  ObjectReader reader(*parsed);
  if (reader.ok()) read(reader);
  return reader.status();
}

}  // namespace brickyard::api
