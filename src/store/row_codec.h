// Codecs between model fields and SQLite column values that are not plain
// numbers or strings: JSON text for lists and maps, names for enums.
//
// Encoders are total. Decoders return Internal("store: corrupt <field>: ...")
// for text this build did not write, so a damaged row is reported rather than
// silently read as a default.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "model/operation.h"
#include "model/states.h"
#include "model/topology.h"
#include "model/volume.h"
#include "store/store.h"

namespace brickyard::store {

// An ordered list of strings as a JSON array; order and "" entries are kept.
// Strings are expected to be UTF-8 (they arrive as JSON); invalid bytes are
// stored as U+FFFD.
std::string EncodeStrings(const std::vector<std::string>& v);
Result<std::vector<std::string>> DecodeStrings(std::string_view text, const char* field);

// Tags as a JSON object.
std::string EncodeTags(const model::Tags& tags);
Result<model::Tags> DecodeTags(std::string_view text, const char* field);

// model::StateName's text: "online", "offline", "failed".
Result<model::State> DecodeState(std::string_view text);

// model::DurabilityName's text: "none", "replicate", "disperse".
Result<model::DurabilityType> DecodeDurability(std::string_view text);

std::string_view JobStateText(Job::State s);  // "running", "done", "failed"
Result<Job::State> DecodeJobState(std::string_view text);

// model::OpStatusName's text: "", "stale", "failed".
Result<model::OpStatus> DecodeOpStatus(std::string_view text);

}  // namespace brickyard::store
