#include "ops/volume_ops.h"

#include "common/strings.h"

namespace brickyard::ops {

std::vector<std::string> AssembleVolumeOptions(const config::GlusterfsConfig& cfg,
                                               const std::vector<std::string>& request,
                                               bool block) {
  std::vector<std::string> out = Split(cfg.pre_request_volume_options, ',');
  if (block) {
    for (auto& o : Split(cfg.block_hosting_volume_options, ',')) out.push_back(std::move(o));
  }
  out.insert(out.end(), request.begin(), request.end());
  for (auto& o : Split(cfg.post_request_volume_options, ',')) out.push_back(std::move(o));
  return out;
}

std::string FindOption(const std::vector<std::string>& options, const std::string& key) {
  std::string value;
  for (const auto& o : options) {
    std::string_view t = TrimSpace(o);
    size_t sp = t.find(' ');
    if (sp == std::string_view::npos) continue;
    if (t.substr(0, sp) == key) value = std::string(TrimSpace(t.substr(sp + 1)));
  }
  return value;
}

}  // namespace brickyard::ops
