#include "cli/json_fields.h"

#include <cstdio>

namespace brickyard::cli {

const Json& Field(const Json& obj, std::string_view key) {
  static const Json kNull;
  if (!obj.is_object()) return kNull;
  auto it = obj.find(std::string(key));
  return it == obj.end() ? kNull : *it;
}

std::string Str(const Json& obj, std::string_view key) {
  const Json& v = Field(obj, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

int64_t Int(const Json& obj, std::string_view key) {
  const Json& v = Field(obj, key);
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_unsigned()) return static_cast<int64_t>(v.get<uint64_t>());
  if (v.is_number_float()) return static_cast<int64_t>(v.get<double>());
  return 0;
}

double Num(const Json& obj, std::string_view key) {
  const Json& v = Field(obj, key);
  return v.is_number() ? v.get<double>() : 0.0;
}

bool Bool(const Json& obj, std::string_view key) {
  const Json& v = Field(obj, key);
  return v.is_boolean() && v.get<bool>();
}

std::vector<std::string> Strs(const Json& obj, std::string_view key) {
  std::vector<std::string> out;
  for (const auto& v : Arr(obj, key))
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

const Json& Arr(const Json& obj, std::string_view key) {
  static const Json kEmpty = Json::array();
  const Json& v = Field(obj, key);
  return v.is_array() ? v : kEmpty;
}

std::string GoList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += " ";
    out += items[i];
  }
  return out + "]";
}

std::string PadRight(std::string_view s, size_t n) {
  std::string out(s);
  if (out.size() < n) out.append(n - out.size(), ' ');
  return out;
}

int64_t KibToGib(int64_t kib) { return kib / (1024 * 1024); }

std::string Fixed2(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  return buf;
}

}  // namespace brickyard::cli
