#include "auth/base64url.h"

#include <cstdint>

namespace brickyard::auth {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Value of a base64url digit, or -1.
int DigitValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

Status Illegal(size_t offset) {
  return InvalidArgument("illegal base64 data at input byte " + std::to_string(offset));
}

}  // namespace

std::string Base64UrlEncode(std::string_view data) {
  std::string out;
  out.reserve((data.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t n = (uint32_t{static_cast<unsigned char>(data[i])} << 16) |
                 (uint32_t{static_cast<unsigned char>(data[i + 1])} << 8) |
                 uint32_t{static_cast<unsigned char>(data[i + 2])};
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  size_t rest = data.size() - i;
  if (rest > 0) {
    uint32_t n = uint32_t{static_cast<unsigned char>(data[i])} << 16;
    if (rest == 2) n |= uint32_t{static_cast<unsigned char>(data[i + 1])} << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  // Split off trailing padding; it is only legal where a partial group ends.
  size_t digits = text.size();
  while (digits > 0 && text[digits - 1] == '=') --digits;
  size_t padding = text.size() - digits;
  size_t tail = digits % 4;
  if (tail == 1) return Illegal(digits);
  if (padding > 0 && (tail == 0 || tail + padding > 4)) return Illegal(digits);

  std::string out;
  out.reserve(digits * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < digits; ++i) {
    int v = DigitValue(text[i]);
    if (v < 0) return Illegal(i);
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

}  // namespace brickyard::auth
