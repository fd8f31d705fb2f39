// Logging set-up and the run-time level control behind /internal/logging.
// Levels use Heketi's names: none, critical, error, warning, info, debug.
#pragma once

#include <string>

#include "http/services.h"

namespace brickyard::server {

// Configures the default logger ("text" or "json" lines on stderr).
void SetUpLogging(const std::string& format, const std::string& level);

// True and applied if `level` is one of Heketi's level names.
bool SetLogLevel(const std::string& level);
std::string GetLogLevel();

http::LogControl MakeLogControl();

}  // namespace brickyard::server
