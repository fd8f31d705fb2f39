#include "executors/commands/gluster.h"

#include <string>

#include "executors/commands/validate.h"

namespace brickyard::executors::commands {
namespace {

using Argv = std::vector<std::string>;

// <G> [--xml] followed by `args`.
Result<Command> Gluster(const config::ExecutorOptions& opts, bool xml, Argv args) {
  if (opts.gluster_cli_timeout <= 0) {
    return InvalidArgument("gluster_cli_timeout must be positive");
  }
  Argv argv = {"gluster", "--mode=script",
               "--timeout=" + std::to_string(opts.gluster_cli_timeout)};
  if (xml) argv.emplace_back("--xml");
  argv.insert(argv.end(), args.begin(), args.end());
  return MakeCommand(opts, std::move(argv), GlusterExecTimeoutS(opts));
}

Result<std::string> BrickArg(const BrickAddress& b) {
  BY_RETURN_IF_ERROR(ValidateHostname(b.host).Prefixed("brick: "));
  BY_RETURN_IF_ERROR(ValidatePath(b.path, "brick"));
  return b.host + ":" + b.path;
}

// Checks everything about `req` that add-brick needs; returns the set size.
Result<int64_t> CheckLayout(const VolumeRequest& req) {
  BY_RETURN_IF_ERROR(ValidateVolumeName(req.name));
  switch (req.kind) {
    case VolumeRequest::Kind::kNone:
      break;
    case VolumeRequest::Kind::kReplica:
      if (req.replica < 1) return InvalidArgument("replica count must be at least 1");
      if (req.arbiter && req.replica != 3) {
        return InvalidArgument("an arbiter volume needs replica 3, got replica " +
                               std::to_string(req.replica));
      }
      break;
    case VolumeRequest::Kind::kDisperse:
      if (req.data < 1 || req.redundancy < 1) {
        return InvalidArgument("disperse data and redundancy counts must be at least 1");
      }
      break;
  }
  if (req.arbiter && req.kind != VolumeRequest::Kind::kReplica) {
    return InvalidArgument("arbiter is only valid for replica volumes");
  }
  int64_t set = SetSize(req);
  if (req.bricks.empty() || static_cast<int64_t>(req.bricks.size()) % set != 0) {
    return InvalidArgument("brick count " + std::to_string(req.bricks.size()) +
                           " is not a non-zero multiple of the set size " + std::to_string(set));
  }
  return set;
}

// add-brick commands for bricks [from, end) of req, chunked by whole sets.
Result<std::vector<Command>> AddBrickChunks(const config::ExecutorOptions& opts,
                                            const VolumeRequest& req, size_t from) {
  const size_t chunk = static_cast<size_t>(SetSize(req) * MaxSetsPerCommand(req.kind));
  std::vector<Command> out;
  for (size_t i = from; i < req.bricks.size(); i += chunk) {
    Argv args = {"volume", "add-brick", req.name};
    for (size_t k = i; k < req.bricks.size() && k < i + chunk; ++k) {
      BY_ASSIGN_OR_RETURN(std::string b, BrickArg(req.bricks[k]));
      args.push_back(std::move(b));
    }
    BY_ASSIGN_OR_RETURN(Command c, Gluster(opts, false, std::move(args)));
    out.push_back(std::move(c));
  }
  return out;
}

Result<Command> OnVolume(const config::ExecutorOptions& opts, bool xml, Argv args,
                         std::string_view name) {
  BY_RETURN_IF_ERROR(ValidateVolumeName(name));
  return Gluster(opts, xml, std::move(args));
}

Result<Command> OnSnapshot(const config::ExecutorOptions& opts, std::string_view verb,
                           std::string_view snap) {
  BY_RETURN_IF_ERROR(ValidateVolumeName(snap).Prefixed("snapshot: "));
  return Gluster(opts, true, {"snapshot", std::string(verb), std::string(snap)});
}

}  // namespace

int64_t SetSize(const VolumeRequest& req) {
  switch (req.kind) {
    case VolumeRequest::Kind::kNone: return 1;
    case VolumeRequest::Kind::kReplica: return req.replica;
    case VolumeRequest::Kind::kDisperse: return req.data + req.redundancy;
  }
  return 1;
}

int64_t MaxSetsPerCommand(VolumeRequest::Kind kind) {
  switch (kind) {
    case VolumeRequest::Kind::kNone: return 15;
    case VolumeRequest::Kind::kReplica: return 5;
    case VolumeRequest::Kind::kDisperse: return 1;
  }
  return 1;
}

Result<std::vector<Command>> PeerProbe(const config::ExecutorOptions& opts,
                                       std::string_view storage_host) {
  BY_RETURN_IF_ERROR(ValidateHostname(storage_host));
  if (opts.snapshot_limit < 0) return InvalidArgument("snapshot_limit must not be negative");
  std::vector<Command> out;
  BY_ASSIGN_OR_RETURN(Command probe, Gluster(opts, false, {"peer", "probe", std::string(storage_host)}));
  out.push_back(std::move(probe));
  if (opts.snapshot_limit > 0) {
    BY_ASSIGN_OR_RETURN(Command limit,
                        Gluster(opts, false,
                                {"snapshot", "config", "snap-max-hard-limit",
                                 std::to_string(opts.snapshot_limit)}));
    out.push_back(std::move(limit));
  }
  return out;
}

Result<Command> PeerDetach(const config::ExecutorOptions& opts, std::string_view storage_host) {
  BY_RETURN_IF_ERROR(ValidateHostname(storage_host));
  return Gluster(opts, false, {"peer", "detach", std::string(storage_host)});
}

Result<std::vector<Command>> VolumeCreate(const config::ExecutorOptions& opts,
                                          const VolumeRequest& req) {
  BY_ASSIGN_OR_RETURN(int64_t set, CheckLayout(req));
  BY_RETURN_IF_ERROR(ValidateId(req.id, "volume"));
  Argv create = {"volume", "create", req.name};
  if (req.kind == VolumeRequest::Kind::kReplica) {
    create.insert(create.end(), {"replica", std::to_string(req.replica)});
    if (req.arbiter) create.insert(create.end(), {"arbiter", "1"});
  } else if (req.kind == VolumeRequest::Kind::kDisperse) {
    create.insert(create.end(), {"disperse-data", std::to_string(req.data), "redundancy",
                                 std::to_string(req.redundancy)});
  }
  for (int64_t k = 0; k < set; ++k) {
    BY_ASSIGN_OR_RETURN(std::string b, BrickArg(req.bricks[static_cast<size_t>(k)]));
    create.push_back(std::move(b));
  }
  std::vector<Command> out;
  BY_ASSIGN_OR_RETURN(Command first, Gluster(opts, false, std::move(create)));
  out.push_back(std::move(first));
  BY_ASSIGN_OR_RETURN(std::vector<Command> adds, AddBrickChunks(opts, req, static_cast<size_t>(set)));
  for (auto& c : adds) out.push_back(std::move(c));
  std::vector<std::string> options;
  for (const auto& o : req.options) {
    if (o.find_first_not_of(' ') != std::string::npos) options.push_back(o);
  }
  options.push_back("user.heketi.id " + req.id);
  for (const auto& o : options) {
    BY_ASSIGN_OR_RETURN(Command c, VolumeSet(opts, req.name, o));
    out.push_back(std::move(c));
  }
  BY_ASSIGN_OR_RETURN(Command start, VolumeStart(opts, req.name));
  out.push_back(std::move(start));
  return out;
}

Result<std::vector<Command>> VolumeAddBricks(const config::ExecutorOptions& opts,
                                             const VolumeRequest& req) {
  BY_RETURN_IF_ERROR(CheckLayout(req).status());
  return AddBrickChunks(opts, req, 0);
}

Result<Command> VolumeRebalanceStart(const config::ExecutorOptions& opts, std::string_view name) {
  return OnVolume(opts, false, {"volume", "rebalance", std::string(name), "start"}, name);
}

Result<Command> VolumeSet(const config::ExecutorOptions& opts, std::string_view name,
                          std::string_view option) {
  BY_ASSIGN_OR_RETURN(auto kv, SplitVolumeOption(option));
  return OnVolume(opts, false, {"volume", "set", std::string(name), kv.first, kv.second}, name);
}

Result<Command> VolumeStart(const config::ExecutorOptions& opts, std::string_view name) {
  return OnVolume(opts, false, {"volume", "start", std::string(name)}, name);
}

Result<Command> VolumeStop(const config::ExecutorOptions& opts, std::string_view name, bool force) {
  Argv args = {"volume", "stop", std::string(name)};
  if (force) args.emplace_back("force");
  return OnVolume(opts, false, std::move(args), name);
}

Result<Command> VolumeDelete(const config::ExecutorOptions& opts, std::string_view name) {
  return OnVolume(opts, false, {"volume", "delete", std::string(name)}, name);
}

Result<std::vector<Command>> VolumeModify(const config::ExecutorOptions& opts,
                                          std::string_view name, bool stop,
                                          const std::vector<std::string>& options, bool start) {
  std::vector<Command> out;
  if (stop) {
    BY_ASSIGN_OR_RETURN(Command c, VolumeStop(opts, name, false));
    out.push_back(std::move(c));
  }
  for (const auto& o : options) {
    BY_ASSIGN_OR_RETURN(Command c, VolumeSet(opts, name, o));
    out.push_back(std::move(c));
  }
  if (start) {
    BY_ASSIGN_OR_RETURN(Command c, VolumeStart(opts, name));
    out.push_back(std::move(c));
  }
  return out;
}

Result<Command> VolumeInfo(const config::ExecutorOptions& opts, std::string_view name) {
  return OnVolume(opts, false, {"volume", "info", std::string(name), "--xml"}, name);
}

Result<Command> VolumesInfo(const config::ExecutorOptions& opts) {
  return Gluster(opts, false, {"volume", "info", "--xml"});
}

Result<Command> VolumeHealInfo(const config::ExecutorOptions& opts, std::string_view name) {
  return OnVolume(opts, false, {"volume", "heal", std::string(name), "info", "--xml"}, name);
}

Result<Command> VolumeReplaceBrick(const config::ExecutorOptions& opts, std::string_view volume,
                                   const BrickAddress& old_brick, const BrickAddress& new_brick) {
  BY_ASSIGN_OR_RETURN(std::string from, BrickArg(old_brick));
  BY_ASSIGN_OR_RETURN(std::string to, BrickArg(new_brick));
  return OnVolume(opts, false,
                  {"volume", "replace-brick", std::string(volume), from, to, "commit", "force"},
                  volume);
}

Result<Command> SnapshotList(const config::ExecutorOptions& opts, std::string_view volume) {
  return OnVolume(opts, false, {"snapshot", "list", std::string(volume), "--xml"}, volume);
}

Result<Command> SnapshotCreate(const config::ExecutorOptions& opts, std::string_view snap,
                               std::string_view volume) {
  BY_RETURN_IF_ERROR(ValidateVolumeName(snap).Prefixed("snapshot: "));
  return OnVolume(opts, true,
                  {"snapshot", "create", std::string(snap), std::string(volume), "no-timestamp"},
                  volume);
}

Result<Command> SnapshotActivate(const config::ExecutorOptions& opts, std::string_view snap) {
  return OnSnapshot(opts, "activate", snap);
}

Result<Command> SnapshotClone(const config::ExecutorOptions& opts, std::string_view clone,
                              std::string_view snap) {
  BY_RETURN_IF_ERROR(ValidateVolumeName(snap).Prefixed("snapshot: "));
  return OnVolume(opts, true, {"snapshot", "clone", std::string(clone), std::string(snap)}, clone);
}

Result<Command> VolumeStartXml(const config::ExecutorOptions& opts, std::string_view name) {
  return OnVolume(opts, true, {"volume", "start", std::string(name)}, name);
}

Result<Command> SnapshotDeactivate(const config::ExecutorOptions& opts, std::string_view snap) {
  return OnSnapshot(opts, "deactivate", snap);
}

Result<Command> SnapshotDelete(const config::ExecutorOptions& opts, std::string_view snap) {
  return OnSnapshot(opts, "delete", snap);
}

Result<Command> PeerStatus(const config::ExecutorOptions& opts) {
  return Gluster(opts, false, {"peer", "status", "--xml"});
}

Result<Command> VolumeStatusXml(const config::ExecutorOptions& opts, std::string_view name) {
  return OnVolume(opts, false, {"volume", "status", std::string(name), "--xml"}, name);
}

Result<Command> VolumeStartForce(const config::ExecutorOptions& opts, std::string_view name) {
  return OnVolume(opts, false, {"volume", "start", std::string(name), "force"}, name);
}

Result<std::vector<Command>> VolumeResetBrick(const config::ExecutorOptions& opts,
                                              std::string_view volume, const BrickAddress& brick) {
  BY_ASSIGN_OR_RETURN(std::string b, BrickArg(brick));
  const std::string v(volume);
  BY_ASSIGN_OR_RETURN(Command start, OnVolume(opts, false, {"volume", "reset-brick", v, b, "start"}, volume));
  BY_ASSIGN_OR_RETURN(Command commit, OnVolume(opts, false,
                                               {"volume", "reset-brick", v, b, b, "commit", "force"},
                                               volume));
  return std::vector<Command>{std::move(start), std::move(commit)};
}

Result<Command> VolumeHealFull(const config::ExecutorOptions& opts, std::string_view name) {
  return OnVolume(opts, false, {"volume", "heal", std::string(name), "full"}, name);
}

}  // namespace brickyard::executors::commands
