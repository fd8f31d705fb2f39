// A bound on how deeply JSON text nests, checked before it is parsed.
//
// nlohmann::json parses deep text without recursion, but copying, comparing
// and serialising a parsed value recurse once per level, so a document of a
// few hundred kilobytes of "[[[[…" exhausts a thread's stack when one of
// those runs. Every parser of text Brickyard does not write itself (request
// bodies, Heketi exports, topology files, node command output) refuses text
// deeper than kMaxJsonDepth first, as Go's encoding/json (Heketi's decoder)
// refuses it with "exceeded max depth". Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace brickyard {

// Go's encoding/json nesting limit.
inline constexpr size_t kMaxJsonDepth = 10000;

// True when `text` opens more than `limit` arrays or objects inside one
// another. Brackets inside strings (escapes included) do not count; the text
// is not otherwise validated, so malformed text is left to the parser.
bool JsonNestsDeeperThan(std::string_view text, size_t limit = kMaxJsonDepth);

}  // namespace brickyard
