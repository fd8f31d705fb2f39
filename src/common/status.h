// Status and Result<T>: errors as values at every module boundary.
//
// A Status is either OK or carries a Code and a human-readable message. The
// message is what operators see (it becomes the plain-text HTTP error body),
// so it is written as a complete sentence fragment without a trailing newline.
// Codes are domain-level; the HTTP layer maps them to status codes in one
// table (http/status_map.h).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace brickyard {

enum class Code {
  kOk = 0,
  kInvalidArgument,   // request failed validation (HTTP 400)
  kUnparsable,        // request body could not be decoded (HTTP 422)
  kNotFound,          // object does not exist (HTTP 404)
  kConflict,          // object is in use or in the wrong state (HTTP 409)
  kNoSpace,           // placement could not fit the request (HTTP 500, see DECISIONS #10)
  kBusy,              // queue bound reached (HTTP 429)
  kUnauthenticated,   // missing or bad credentials (HTTP 401)
  kPermissionDenied,  // authenticated but not allowed (HTTP 401, as Heketi)
  kUnavailable,       // maintenance mode or node unreachable (HTTP 503)
  kNotImplemented,    // feature not available in this build (HTTP 501)
  kInternal,          // anything else (HTTP 500)
};

// Returns a stable lower-case name for a code ("not_found"), for logs.
const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is `prefix + message()`; the code is kept.
  Status Prefixed(const std::string& prefix) const { return Status(code_, prefix + message_); }

  // "not_found: Id not found" style rendering for logs.
  std::string ToString() const;

  bool operator==(const Status& other) const = default;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string msg) { return {Code::kInvalidArgument, std::move(msg)}; }
inline Status Unparsable(std::string msg) { return {Code::kUnparsable, std::move(msg)}; }
inline Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
inline Status Conflict(std::string msg) { return {Code::kConflict, std::move(msg)}; }
inline Status NoSpace(std::string msg) { return {Code::kNoSpace, std::move(msg)}; }
inline Status Busy(std::string msg) { return {Code::kBusy, std::move(msg)}; }
inline Status Unauthenticated(std::string msg) { return {Code::kUnauthenticated, std::move(msg)}; }
inline Status PermissionDenied(std::string msg) { return {Code::kPermissionDenied, std::move(msg)}; }
inline Status Unavailable(std::string msg) { return {Code::kUnavailable, std::move(msg)}; }
inline Status NotImplemented(std::string msg) { return {Code::kNotImplemented, std::move(msg)}; }
inline Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

// Result<T> holds either a value or a non-OK Status (shaped like std::expected).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok() && "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }

  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  // On a temporary, returns the value itself (not a reference into the dying
  // Result), so `for (auto& x : *Function())` is safe.
  T value() && { return std::get<T>(std::move(v_)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace brickyard

// Propagates a non-OK Status from an expression returning Status.
#define BY_RETURN_IF_ERROR(expr)          \
  do {                                    \
    ::brickyard::Status _st = (expr);     \
    if (!_st.ok()) return _st;            \
  } while (0)

#define BY_CONCAT_INNER(a, b) a##b
#define BY_CONCAT(a, b) BY_CONCAT_INNER(a, b)

// Declares `lhs` from a Result<T> expression or returns its Status.
#define BY_ASSIGN_OR_RETURN(lhs, expr) BY_ASSIGN_OR_RETURN_IMPL(BY_CONCAT(_res_, __LINE__), lhs, expr)
#define BY_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
