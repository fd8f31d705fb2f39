// BaseUrl: the parsed form of the --server value ("http://host:8080",
// "https://[::1]:8443/prefix"). Pure; no I/O.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace brickyard::client {

struct BaseUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // without brackets for IPv6 literals
  int port = 0;        // explicit or the scheme's default (80 / 443)
  std::string prefix;  // path prefix without trailing '/', "" for none

  // "scheme://host:port" (IPv6 hosts bracketed), the form cpp-httplib takes.
  std::string Origin() const;
  // The URL as users wrote it, normalised: Origin() + prefix.
  std::string ToString() const;
};

// Parses a server URL. A missing scheme means "http" (heketi-cli passes the
// string to Go's HTTP client, which needs one; we are lenient).
// Errors: InvalidArgument "Invalid server URL '<s>': <why>".
Result<BaseUrl> ParseBaseUrl(std::string_view url);

// Reduces a Location header value to a path: an absolute URL loses its
// scheme and authority; a path is returned unchanged.
std::string LocationPath(std::string_view location);

}  // namespace brickyard::client
