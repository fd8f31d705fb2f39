// Turning an HTTP error response into a Status, the way Heketi's clients
// report it: the plain-text body, read up to 4 KiB and trimmed, verbatim.
#pragma once

#include <string_view>

#include "client/transport.h"
#include "common/status.h"

namespace brickyard::client {

// Reason phrase for an HTTP status ("Not Found"); "" if unknown.
std::string_view ReasonPhrase(int status);

// Maps an HTTP status to a domain code (the inverse of the server's table).
Code CodeForHttpStatus(int status);

// Status for a response that is not what the caller expected. The message is
// the trimmed body, or "server did not provide a message (status N: Text)"
// when the body is empty. For 401 a second line suggests checking
// --user/--secret; the first line stays the server's text.
Status ErrorFromResponse(const HttpResponse& response);

}  // namespace brickyard::client
