// Small string helpers shared by several modules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace brickyard {

// Splits on every occurrence of `sep`; "" yields {""} (as Go's strings.Split).
std::vector<std::string> Split(std::string_view s, char sep);

std::string Join(const std::vector<std::string>& parts, std::string_view sep);

std::string ToLower(std::string_view s);

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

std::string_view TrimSpace(std::string_view s);

bool StartsWith(std::string_view s, std::string_view prefix);

}  // namespace brickyard
