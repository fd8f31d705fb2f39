#include "client/transport.h"

#include "common/strings.h"

namespace brickyard::client {

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) return v;
  return "";
}

bool HttpResponse::HasHeader(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (EqualsIgnoreCase(k, name)) return true;
  return false;
}

}  // namespace brickyard::client
