#include "client/base_url.h"

#include <charconv>

#include "common/strings.h"

namespace brickyard::client {

namespace {

Status Bad(std::string_view url, std::string_view why) {
  return InvalidArgument("Invalid server URL '" + std::string(url) + "': " + std::string(why));
}

}  // namespace

std::string BaseUrl::Origin() const {
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return scheme + "://" + h + ":" + std::to_string(port);
}

std::string BaseUrl::ToString() const { return Origin() + prefix; }

Result<BaseUrl> ParseBaseUrl(std::string_view url) {
  std::string_view s = TrimSpace(url);
  if (s.empty()) return Bad(url, "empty");
  BaseUrl out;
  size_t sep = s.find("://");
  if (sep == std::string_view::npos) {
    out.scheme = "http";
  } else {
    out.scheme = ToLower(s.substr(0, sep));
    s.remove_prefix(sep + 3);
  }
  if (out.scheme != "http" && out.scheme != "https") return Bad(url, "scheme must be http or https");
  size_t slash = s.find('/');
  std::string_view authority = s.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : s.substr(slash);
  if (size_t q = path.find_first_of("?#"); q != std::string_view::npos) path = path.substr(0, q);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view port_text;
  if (StartsWith(authority, "[")) {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return Bad(url, "unterminated IPv6 address");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return Bad(url, "unexpected text after IPv6 address");
      port_text = rest.substr(1);
    }
  } else {
    size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (out.host.empty()) return Bad(url, "missing host");
  out.port = out.scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    int port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port <= 0 || port > 65535)
      return Bad(url, "invalid port");
    out.port = port;
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.prefix = std::string(path);
  return out;
}

std::string LocationPath(std::string_view location) {
  std::string_view s = TrimSpace(location);
  size_t sep = s.find("://");
  if (sep != std::string_view::npos && s.find('/') > sep) {
    size_t slash = s.find('/', sep + 3);
    return slash == std::string_view::npos ? "/" : std::string(s.substr(slash));
  }
  return std::string(s);
}

}  // namespace brickyard::client
