#include "executors/commands/gluster_block.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "executors/commands/validate.h"

namespace brickyard::executors::commands {
namespace {

using nlohmann::json;

Result<std::string> Target(std::string_view hosting, std::string_view name) {
  BY_RETURN_IF_ERROR(ValidateVolumeName(hosting));
  BY_RETURN_IF_ERROR(ValidateVolumeName(name));
  return std::string(hosting) + "/" + std::string(name);
}

Status ValidatePrealloc(std::string_view p) {
  bool ok = !p.empty() && std::all_of(p.begin(), p.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
  if (!ok) return InvalidArgument("invalid block_prealloc value " + Printable(p));
  return Status::Ok();
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<Command> BlockCreate(const config::ExecutorOptions& opts, const BlockCreateArgs& a) {
  BY_ASSIGN_OR_RETURN(std::string target, Target(a.hosting_volume, a.name));
  BY_RETURN_IF_ERROR(ValidatePrealloc(opts.block_prealloc));
  if (a.hosts.empty()) return InvalidArgument("a block volume needs at least one host");
  if (a.ha_count < 1 || a.ha_count > static_cast<int64_t>(a.hosts.size())) {
    return InvalidArgument("invalid HA count " + std::to_string(a.ha_count) + " for " +
                           std::to_string(a.hosts.size()) + " hosts");
  }
  if (a.size_gib < 1) return InvalidArgument("invalid block volume size");
  std::string hosts;
  for (const auto& h : a.hosts) {
    BY_RETURN_IF_ERROR(ValidateHostname(h));
    hosts += (hosts.empty() ? "" : ",") + h;
  }
  return MakeCommand(opts,
                     {"gluster-block", "create", target, "ha", std::to_string(a.ha_count), "auth",
                      a.auth ? "enable" : "disable", "prealloc", opts.block_prealloc, hosts,
                      std::to_string(a.size_gib) + "GiB", "--json"},
                     kBrickTimeoutS);
}

Result<Command> BlockDelete(const config::ExecutorOptions& opts, std::string_view hosting,
                            std::string_view name) {
  BY_ASSIGN_OR_RETURN(std::string target, Target(hosting, name));
  return MakeCommand(opts, {"gluster-block", "delete", target, "--json"}, kBrickTimeoutS);
}

Result<Command> BlockModify(const config::ExecutorOptions& opts, std::string_view hosting,
                            std::string_view name, int64_t size_gib) {
  BY_ASSIGN_OR_RETURN(std::string target, Target(hosting, name));
  if (size_gib < 1) return InvalidArgument("invalid block volume size");
  return MakeCommand(opts,
                     {"gluster-block", "modify", target, "size", std::to_string(size_gib) + "GiB",
                      "--json"},
                     kBrickTimeoutS);
}

Result<Command> BlockInfo(const config::ExecutorOptions& opts, std::string_view hosting,
                          std::string_view name) {
  BY_ASSIGN_OR_RETURN(std::string target, Target(hosting, name));
  Command c = MakeCommand(opts, {"gluster-block", "info", target, "--json"}, kBrickTimeoutS);
  c.quiet = true;
  return c;
}

Result<std::string> BlockAnswer(std::string_view out, std::string_view err, bool prefer_err) {
  std::string_view first = prefer_err ? err : out;
  std::string_view second = prefer_err ? out : err;
  std::string text(IsBlank(first) ? second : first);
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) {
    return Internal("gluster-block: unparsable answer: " + Printable(text.substr(0, 200)));
  }
  if (Str(j, "RESULT") == "FAIL") {
    const std::string msg = Str(j, "errMsg");
    if (msg.find("doesn't exist") != std::string::npos ||
        msg.find("does not exist") != std::string::npos) {
      return NotFound("gluster-block: " + msg);
    }
    return Internal("gluster-block failed: " + (msg.empty() ? text : msg));
  }
  return text;
}

Result<BlockCreated> ParseBlockCreate(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  BlockCreated c;
  c.iqn = Str(j, "IQN");
  c.username = Str(j, "USERNAME");
  c.password = Str(j, "PASSWORD");
  for (const char* key : {"PORTAL(S)", "PORTAL"}) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) continue;
    for (const auto& p : *it) {
      if (p.is_string()) c.portals.push_back(p.get<std::string>());
    }
  }
  if (c.iqn.empty()) return Internal("gluster-block create: no IQN in its answer");
  return c;
}

Result<int64_t> ParseBlockSize(std::string_view text) {
  std::string s(text);
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || v < 0) return Internal("gluster-block: bad size " + Printable(text));
  std::string unit(end);
  unit.erase(0, unit.find_first_not_of(' '));
  double gib;
  if (unit == "EiB") {
    gib = v * 1024 * 1024 * 1024;
  } else if (unit == "PiB") {
    gib = v * 1024 * 1024;
  } else if (unit == "TiB") {
    gib = v * 1024;
  } else if (unit == "GiB") {
    gib = v;
  } else if (unit == "MiB") {
    gib = v / 1024;
  } else {
    return Internal("gluster-block: bad size " + Printable(text));
  }
  // Beyond what a signed 64-bit count of GiB holds (or NaN): not a size.
  if (!(gib >= 0 && gib < 9.0e18)) return Internal("gluster-block: bad size " + Printable(text));
  return static_cast<int64_t>(std::floor(gib + 1e-9));
}

Result<BlockState> ParseBlockInfo(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  BlockState s;
  s.name = Str(j, "NAME");
  s.hosting_volume = Str(j, "VOLUME");
  s.gbid = Str(j, "GBID");
  s.password = Str(j, "PASSWORD");
  if (s.name.empty() || s.gbid.empty()) return Internal("gluster-block info: no NAME or GBID");
  BY_ASSIGN_OR_RETURN(s.size_gib, ParseBlockSize(Str(j, "SIZE")));
  if (auto ha = j.find("HA"); ha != j.end() && ha->is_number_integer()) s.ha_count = ha->get<int64_t>();
  if (auto on = j.find("EXPORTED ON"); on != j.end() && on->is_array()) {
    for (const auto& h : *on) {
      if (h.is_string()) s.exported_on.push_back(h.get<std::string>());
    }
  }
  if (auto failed = j.find("RESIZE FAILED ON"); failed != j.end() && failed->is_object()) {
    for (const auto& [host, size] : failed->items()) {
      if (!size.is_string()) continue;
      BY_ASSIGN_OR_RETURN(int64_t gib, ParseBlockSize(size.get<std::string>()));
      if (s.resize_failed_min_gib == 0 || gib < s.resize_failed_min_gib) s.resize_failed_min_gib = gib;
    }
  }
  return s;
}

}  // namespace brickyard::executors::commands
