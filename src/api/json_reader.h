// Request decoding with Go encoding/json semantics (spec heketi-api §1).
//
// Heketi decodes every body with Go's json.Decoder into a struct. Clients
// rely on its leniency, so Brickyard reads JSON the same way:
//   * object keys match field names exactly or case-insensitively ("Size"
//     fills `size`); when a body spells one field several ways, every
//     spelling is applied in document order, so the last scalar wins and
//     nested objects and maps merge, as in Go;
//   * unknown keys are ignored;
//   * `null` leaves the field at its default (for list elements and map
//     values it yields "");
//   * a type mismatch ("size":"10", "size":1.5 into an integer, a string
//     into a bool) is an error; so is malformed JSON;
//   * only the first JSON value of a body is read; bytes after it are ignored.
//
// Values are parsed into nlohmann::ordered_json so that document order is
// kept. Pure functions and values; thread-compatible.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace brickyard::api {

using Json = nlohmann::ordered_json;

// True when `body` is empty or only whitespace.
bool IsBlankBody(std::string_view body);

// Parses the first JSON value of `body`. Errors: Unparsable("EOF") for a
// blank body, Unparsable("exceeded max depth") for a body nesting deeper
// than Go's limit (common/json_depth.h), Unparsable(<parser message>) for
// malformed JSON.
Result<Json> ParseJson(std::string_view body);

// Reads the members of one JSON object into typed fields. Each reader
// method leaves `*out` untouched when the key is absent or null and records
// an Unparsable error on a type mismatch; after the first error further
// reads are no-ops. Nested readers report into their root's status.
//
// The value read must outlive the reader. Not copyable.
class ObjectReader {
 public:
  // Reads `value`; null reads as an empty object, any other non-object is an
  // error. `path` names the value in error messages ("" for a request body).
  explicit ObjectReader(const Json& value, std::string path = {});
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;

  // Integer (Go int/int64): a JSON number without fraction or exponent that
  // fits in int64.
  ObjectReader& Int(std::string_view key, int64_t* out);
  ObjectReader& Bool(std::string_view key, bool* out);
  // Floating point (Go float32/float64): any JSON number.
  ObjectReader& Number(std::string_view key, double* out);
  ObjectReader& String(std::string_view key, std::string* out);
  // Array of strings; replaces `*out`.
  ObjectReader& Strings(std::string_view key, std::vector<std::string>* out);
  // Object of strings; merged into `*out` (a Go map is reused, not cleared).
  ObjectReader& StringMap(std::string_view key, std::map<std::string, std::string>* out);
  // Nested object: `read` is called with a reader over it.
  ObjectReader& Object(std::string_view key, const std::function<void(ObjectReader&)>& read);
  // Array of objects: `read` is called once per element, in order.
  ObjectReader& ObjectList(std::string_view key, const std::function<void(ObjectReader&)>& read);
  // Object of objects (a Go map of structs): `read` is called per member with
  // its key, in document order.
  ObjectReader& ObjectMap(std::string_view key,
                          const std::function<void(const std::string&, ObjectReader&)>& read);
  // The raw value (Go json.RawMessage); replaces `*out`.
  ObjectReader& Raw(std::string_view key, Json* out);

  // Records `reason` as the error unless one is already recorded.
  void Fail(std::string reason);

  bool ok() const { return status_->ok(); }
  // OK, or Unparsable with a Go-style reason such as
  // `json: cannot unmarshal string into field "size" of type int`.
  const Status& status() const { return *status_; }

 private:
  ObjectReader(const Json& value, std::string path, Status* status);

  // Calls `fn` for every non-null member whose key matches `key`.
  void ForEach(std::string_view key, const std::function<void(const Json&, const std::string&)>& fn);
  void TypeError(const Json& value, const std::string& path, std::string_view type);
  std::string PathOf(std::string_view key) const;

  const Json* object_ = nullptr;  // null when the value is null or not an object
  std::string path_;
  Status own_status_;
  Status* status_;
};

enum class EmptyBody { kReject, kAccept };

// Parses `body` and hands its top-level object to `read`. A blank body is
// accepted without calling `read` when `empty` is kAccept, and is an
// Unparsable("EOF") error otherwise. Returns the parse or type error, if any.
Status ReadBody(std::string_view body, EmptyBody empty,
                const std::function<void(ObjectReader&)>& read);

}  // namespace brickyard::api
