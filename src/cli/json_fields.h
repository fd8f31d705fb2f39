// Lenient accessors for server JSON: a missing or mistyped field reads as
// its zero value, as Go's decoder leaves it, so formatting never throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "client/client.h"

namespace brickyard::cli {

using client::Json;

// obj[key] if obj is an object holding key, else a static null.
const Json& Field(const Json& obj, std::string_view key);
std::string Str(const Json& obj, std::string_view key);
int64_t Int(const Json& obj, std::string_view key);
double Num(const Json& obj, std::string_view key);
bool Bool(const Json& obj, std::string_view key);
// The string elements of obj[key] (an array); others are skipped.
std::vector<std::string> Strs(const Json& obj, std::string_view key);
// obj[key] as an array (empty if absent).
const Json& Arr(const Json& obj, std::string_view key);

// Go's %v of a []string: "[a b c]".
std::string GoList(const std::vector<std::string>& items);
// Go's %-Nv: s padded with spaces on the right to at least n characters.
std::string PadRight(std::string_view s, size_t n);
// KiB to whole GiB, truncating (heketi-cli's size / (1024*1024)).
int64_t KibToGib(int64_t kib);
// printf("%.2f").
std::string Fixed2(double v);

}  // namespace brickyard::cli
