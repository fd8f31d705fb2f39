// Helpers that run a bound Statement and decode its rows. A row decoder is a
// callable `Result<T>(const Statement&)` reading the current row.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "store/sqlite_db.h"

namespace brickyard::store {

// Decodes the first row; NotFound("Id not found") when there is none.
template <typename Read>
auto QueryOne(Statement& q, Read read) -> decltype(read(q)) {
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return NotFound("Id not found");
  return read(q);
}

// Decodes every row, in the statement's order.
template <typename T, typename Read>
Result<std::vector<T>> QueryAll(Statement& q, Read read) {
  std::vector<T> out;
  while (true) {
    BY_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    BY_ASSIGN_OR_RETURN(T value, read(q));
    out.push_back(std::move(value));
  }
}

// Column 0 of every row as text.
inline Result<std::vector<std::string>> QueryIds(Statement& q) {
  return QueryAll<std::string>(q,
                               [](const Statement& s) -> Result<std::string> { return s.Text(0); });
}

// Column 0 of the first row as text, or nullopt when there is no row.
inline Result<std::optional<std::string>> QueryOptionalId(Statement& q) {
  BY_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(q.Text(0));
}

}  // namespace brickyard::store
