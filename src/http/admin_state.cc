#include "http/admin_state.h"

namespace brickyard::http {

std::string_view AdminModeName(AdminMode m) {
  switch (m) {
    case AdminMode::kNormal: return "normal";
    case AdminMode::kReadOnly: return "read-only";
    case AdminMode::kLocalClient: return "local-client";
  }
  return "normal";
}

std::optional<AdminMode> ParseAdminMode(std::string_view s) {
  if (s == "normal") return AdminMode::kNormal;
  if (s == "read-only") return AdminMode::kReadOnly;
  if (s == "local-client") return AdminMode::kLocalClient;
  return std::nullopt;
}

}  // namespace brickyard::http
