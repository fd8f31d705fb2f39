#include "client/connect.h"

namespace brickyard::client {

Result<std::unique_ptr<Client>> Connect(std::string_view server, ClientOptions options,
                                        TlsOptions tls, const Clock& clock) {
  BY_ASSIGN_OR_RETURN(BaseUrl base, ParseBaseUrl(server));
  BY_ASSIGN_OR_RETURN(std::unique_ptr<HttplibTransport> transport,
                      HttplibTransport::Create(base, std::move(tls)));
  return std::make_unique<Client>(std::move(base), std::move(options), std::move(transport), clock);
}

}  // namespace brickyard::client
