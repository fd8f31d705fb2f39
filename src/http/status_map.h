// The one table mapping domain error codes to HTTP status codes.
#pragma once

#include "common/status.h"

namespace brickyard::http {

int HttpStatusFor(Code code);

}  // namespace brickyard::http
