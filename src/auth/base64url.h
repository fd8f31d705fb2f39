// Base64url (RFC 4648 §5) as JWT segments use it: encoded without padding;
// decoded with or without trailing '=' padding.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace brickyard::auth {

// Encodes `data` with the URL-safe alphabet and no padding.
std::string Base64UrlEncode(std::string_view data);

// Decodes `text`; padding is optional but, when present, must be correct.
// Error: InvalidArgument "illegal base64 data at input byte <N>" (N is the
// 0-based offset of the first offending character).
Result<std::string> Base64UrlDecode(std::string_view text);

}  // namespace brickyard::auth
