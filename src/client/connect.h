// Connect: builds a Client for a server URL with the real HTTP transport.
#pragma once

#include <memory>
#include <string_view>

#include "client/client.h"
#include "client/httplib_transport.h"

namespace brickyard::client {

// Errors: InvalidArgument for a malformed URL or an unreadable --tls-cert.
Result<std::unique_ptr<Client>> Connect(std::string_view server, ClientOptions options,
                                        TlsOptions tls, const Clock& clock);

}  // namespace brickyard::client
