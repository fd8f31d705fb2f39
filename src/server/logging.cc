#include "server/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <mutex>

namespace brickyard::server {
namespace {

std::mutex g_mu;
std::string g_level = "info";  // guarded by g_mu

bool ToSpdlog(const std::string& name, spdlog::level::level_enum* out) {
  if (name == "none") *out = spdlog::level::off;
  else if (name == "critical") *out = spdlog::level::critical;
  else if (name == "error") *out = spdlog::level::err;
  else if (name == "warning") *out = spdlog::level::warn;
  else if (name == "info") *out = spdlog::level::info;
  else if (name == "debug") *out = spdlog::level::debug;
  else return false;
  return true;
}

}  // namespace

void SetUpLogging(const std::string& format, const std::string& level) {
  auto logger = spdlog::stderr_color_mt("brickyard");
  if (format == "json") {
    logger->set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","thread":%t,"msg":"%v"})");
  } else {
    logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%^%l%$] %v");
  }
  spdlog::set_default_logger(logger);
  if (!SetLogLevel(level)) {
    spdlog::warn("invalid log level '{}' in configuration; using info", level);
    SetLogLevel("info");
  }
}

bool SetLogLevel(const std::string& level) {
  spdlog::level::level_enum l;
  if (!ToSpdlog(level, &l)) return false;
  std::lock_guard lock(g_mu);
  g_level = level;
  spdlog::set_level(l);
  return true;
}

std::string GetLogLevel() {
  std::lock_guard lock(g_mu);
  return g_level;
}

http::LogControl MakeLogControl() { return http::LogControl{GetLogLevel, SetLogLevel}; }

}  // namespace brickyard::server
