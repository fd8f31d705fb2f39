// The comparison of examine: pure, from a store snapshot and node reports.
#include <algorithm>
#include <cstdio>

#include "common/strings.h"
#include "executors/commands/naming.h"
#include "ops/adopt.h"
#include "ops/examine_input.h"

namespace brickyard::ops {
namespace {

namespace cmd = executors::commands;

uint64_t Fnv1a(std::string_view s, uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// 32 hex characters, a function of what the finding is about only.
std::string FindingId(const Finding& f) {
  const std::string key = std::string(FindingKindName(f.kind)) + "|" + f.cluster_id + "|" +
                          f.node_id + "|" + f.host + "|" + f.volume_id + "|" + f.volume + "|" +
                          f.brick_id + "|" + f.device_id;
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx",
                static_cast<unsigned long long>(Fnv1a(key, 14695981039346656037ull)),
                static_cast<unsigned long long>(Fnv1a(key, 1099511628211ull * 31)));
  return buf;
}

bool Has(const std::vector<std::string>& names, const std::string& n) {
  return std::find(names.begin(), names.end(), n) != names.end();
}

}  // namespace

bool NamesNode(const model::Node& n, const std::string& host) {
  return Has(n.storage_hostnames, host) || Has(n.manage_hostnames, host);
}

std::string HostOf(const std::string& brick_name) { return brick_name.substr(0, brick_name.find(':')); }

std::string PathOf(const std::string& brick_name) {
  size_t c = brick_name.find(':');
  return c == std::string::npos ? "" : brick_name.substr(c + 1);
}

std::string IdAfter(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix) || name.size() != prefix.size() + 32) return "";
  std::string id(name.substr(prefix.size()));
  bool hex = std::all_of(id.begin(), id.end(),
                         [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  return hex ? id : "";
}

std::pair<std::string, std::string> IdsOfMountPoint(const std::string& mp) {
  const std::string root = std::string(cmd::kMountRoot) + "/";
  if (!mp.starts_with(root)) return {};
  std::string rest = mp.substr(root.size());
  size_t slash = rest.find('/');
  if (slash == std::string::npos) return {};
  std::string dev = IdAfter(rest.substr(0, slash), "vg_");
  std::string brick = IdAfter(rest.substr(slash + 1), "brick_");
  if (dev.empty() || brick.empty()) return {};
  return {dev, brick};
}

namespace {

using ops::NamesNode;

bool NamesNode(const model::Node& n, const executors::commands::GlusterPeer& p) {
  return std::any_of(p.hostnames.begin(), p.hostnames.end(),
                     [&](const std::string& h) { return NamesNode(n, h); });
}

class Comparer {
 public:
  Comparer(const DbCluster& db, const ClusterSeen& seen, const Ownership& own)
      : db_(db), seen_(seen), own_(own) {}

  std::vector<Finding> Run() {
    Nodes();
    if (!seen_.working_node_id.empty()) {
      Volumes();
      Peers();
    }
    Storage();
    Leaks();
    for (auto& f : out_) f.id = FindingId(f);
    return std::move(out_);
  }

 private:
  Finding& Add(FindingKind kind) {
    out_.emplace_back();
    out_.back().kind = kind;
    out_.back().cluster_id = db_.id;
    return out_.back();
  }
  bool Owned(const std::string& id) const { return own_.owned.count(id) > 0; }
  const NodeSeen* Seen(const std::string& node_id) const {
    auto it = seen_.nodes.find(node_id);
    return it == seen_.nodes.end() ? nullptr : &it->second;
  }
  const model::Node* NodeById(const std::string& id) const {
    for (const auto& n : db_.nodes) {
      if (n.id == id) return &n;
    }
    return nullptr;
  }
  const cmd::GlusterVolume* GlusterVolume(const std::string& name) const {
    for (const auto& v : seen_.volumes) {
      if (v.name == name) return &v;
    }
    return nullptr;
  }
  bool VolumeSettled(const model::Volume& v) const {
    if (!v.pending_op.empty() || Owned(v.id)) return false;
    auto it = db_.bricks.find(v.id);
    if (it == db_.bricks.end()) return true;
    return std::none_of(it->second.begin(), it->second.end(), [&](const model::Brick& b) {
      return !b.pending_op.empty() || Owned(b.id);
    });
  }

  void Nodes() {
    for (const auto& n : db_.nodes) {
      const NodeSeen* s = Seen(n.id);
      if (s == nullptr || s->reachable) continue;
      Finding& f = Add(FindingKind::kNodeUnreachable);
      f.node_id = n.id;
      f.host = n.manage();
      f.detail = "glusterd on " + n.manage() + " does not answer: " + s->error;
      f.repair_detail = "start glusterd (and sshd) on " + n.manage() +
                        "; Brickyard does not restart daemons on nodes";
    }
  }

  void Volumes() {
    std::set<std::string> db_names;
    for (const auto& v : db_.volumes) db_names.insert(v.name);
    for (const auto& gv : seen_.volumes) {
      if (db_names.count(gv.name)) continue;
      Finding& f = Add(FindingKind::kVolumeUnknown);
      f.volume = gv.name;
      f.detail = "gluster volume " + gv.name + " (" + gv.type_str + ", " +
                 std::to_string(gv.brick_count) + " bricks, " + gv.status_str +
                 ") is not in the database";
      Adoptability(gv, f);
    }
    for (const auto& v : db_.volumes) {
      if (!VolumeSettled(v)) continue;
      const cmd::GlusterVolume* gv = GlusterVolume(v.name);
      if (gv == nullptr) {
        Finding& f = Add(FindingKind::kVolumeMissing);
        f.volume_id = v.id;
        f.volume = v.name;
        f.detail = "volume " + v.name + " is in the database but not in gluster";
        f.repair_detail = "none: its data is gone; delete the volume through the API";
        continue;
      }
      if (gv->status_str != "Started") {
        Finding& f = Add(FindingKind::kVolumeStopped);
        f.volume_id = v.id;
        f.volume = v.name;
        f.detail = "gluster reports volume " + v.name + " as " +
                   (gv->status_str.empty() ? "not started" : gv->status_str);
        f.repair = RepairAction::kStartVolume;
        f.repair_detail = "gluster volume start " + v.name;
      }
      BrickPlaces(v, *gv);
    }
  }

  // The repair of a volume-unknown finding: adoption when PlanAdoption
  // accepts the volume, else none with its reason.
  void Adoptability(const cmd::GlusterVolume& gv, Finding& f) const {
    auto plan = PlanAdoption(db_, seen_, own_, gv);
    if (!plan.ok()) {
      f.repair_detail = "none: it cannot be adopted: " + plan.status().message() +
                        "; delete it in gluster or keep it unmanaged";
      return;
    }
    f.repair = RepairAction::kAdoptVolume;
    f.repair_detail = "record " + DescribeAdoption(*plan) +
                      " in the database, debiting their devices; applied only when asked for "
                      "(the finding's id, or adopt)";
  }

  // The gluster volume with a brick on `n` at or below `mount_point`, or nullptr.
  const cmd::GlusterVolume* VolumeUsing(const model::Node& n, const std::string& mount_point) const {
    for (const auto& v : seen_.volumes) {
      for (const auto& g : v.bricks) {
        const std::string path = PathOf(g.name);
        if ((path == mount_point || path.starts_with(mount_point + "/")) && NamesNode(n, HostOf(g.name))) {
          return &v;
        }
      }
    }
    return nullptr;
  }

  // Every store brick where gluster has it, and no gluster brick unknown.
  void BrickPlaces(const model::Volume& v, const cmd::GlusterVolume& gv) {
    auto it = db_.bricks.find(v.id);
    const std::vector<model::Brick> none;
    const auto& bricks = it == db_.bricks.end() ? none : it->second;
    std::set<std::string> matched;
    for (const auto& b : bricks) {
      const model::Node* n = NodeById(b.node_id);
      bool found = false;
      for (const auto& g : gv.bricks) {
        if (PathOf(g.name) == b.path && n != nullptr && NamesNode(*n, HostOf(g.name))) {
          matched.insert(g.name);
          found = true;
        }
      }
      if (found) continue;
      Finding& f = Add(FindingKind::kBrickMismatch);
      f.volume_id = v.id;
      f.volume = v.name;
      f.brick_id = b.id;
      f.node_id = b.node_id;
      f.host = n != nullptr ? n->storage() : "";
      f.device_id = b.device_id;
      f.detail = "brick " + b.id + " (" + f.host + ":" + b.path + ") is not a brick of gluster volume " +
                 v.name;
      f.repair_detail = "none: check the volume's bricks in gluster";
    }
    for (const auto& g : gv.bricks) {
      if (matched.count(g.name)) continue;
      Finding& f = Add(FindingKind::kBrickMismatch);
      f.volume_id = v.id;
      f.volume = v.name;
      f.host = HostOf(g.name);
      f.detail = "gluster volume " + v.name + " has brick " + g.name + ", unknown to the database";
      f.repair_detail = "none: check the volume's bricks in gluster";
    }
  }

  // Nodes and peers are matched by name. gluster may know a peer by another
  // name than the store (the first node of a pool is known by the name it
  // announced, never probed); as many unmatched nodes as unmatched peers are
  // taken to be the same machines under other names.
  void Peers() {
    const model::Node* working = NodeById(seen_.working_node_id);
    if (!seen_.peers_read || working == nullptr) return;
    std::vector<const model::Node*> lone_nodes;
    for (const auto& n : db_.nodes) {
      if (n.id == working->id) continue;
      bool peer = std::any_of(seen_.peers.begin(), seen_.peers.end(),
                              [&](const cmd::GlusterPeer& p) { return NamesNode(n, p); });
      if (!peer) lone_nodes.push_back(&n);
    }
    std::vector<const cmd::GlusterPeer*> lone_peers;
    for (const auto& p : seen_.peers) {
      bool known = NamesNode(*working, p) ||
                   std::any_of(db_.nodes.begin(), db_.nodes.end(),
                               [&](const model::Node& n) { return NamesNode(n, p); });
      if (!known) lone_peers.push_back(&p);
    }
    if (lone_nodes.size() == lone_peers.size()) return;
    for (const model::Node* n : lone_nodes) {
      Finding& f = Add(FindingKind::kPeerMissing);
      f.node_id = n->id;
      f.host = n->storage();
      f.detail = "node " + n->storage() + " is not a peer of " + working->manage() + "'s trusted pool";
      f.repair_detail = "none: probe it (gluster peer probe " + n->storage() + ") or remove the node";
    }
    for (const cmd::GlusterPeer* p : lone_peers) {
      Finding& f = Add(FindingKind::kPeerUnknown);
      f.host = p->hostname;
      f.detail = "peer " + p->hostname + " (" + p->state + ") of " + working->manage() +
                 "'s pool is no node of the cluster";
      f.repair_detail = "none: add it as a node or detach it";
    }
  }

  // The brick's own storage on its node, then its process.
  void Storage() {
    for (const auto& v : db_.volumes) {
      if (!VolumeSettled(v)) continue;
      auto it = db_.bricks.find(v.id);
      if (it == db_.bricks.end()) continue;
      const cmd::GlusterVolume* gv = seen_.working_node_id.empty() ? nullptr : GlusterVolume(v.name);
      for (const auto& b : it->second) {
        if (cmd::IsGlusterManagedMount(b.path)) continue;  // clone bricks: glusterd's mounts
        const NodeSeen* s = Seen(b.node_id);
        const model::Node* n = NodeById(b.node_id);
        if (s == nullptr || n == nullptr || !s->storage_read) continue;
        BrickStorage(v, gv, b, *n, *s);
      }
    }
  }

  void BrickStorage(const model::Volume& v, const cmd::GlusterVolume* gv, const model::Brick& b,
                    const model::Node& n, const NodeSeen& s) {
    const std::string vg = cmd::VgName(b.device_id);
    const std::string lv = cmd::BrickLvName(b.id);
    auto mp = cmd::MountPointOf(b.path);
    const std::string mount_point = mp.ok() ? *mp : b.path;
    bool has_lv = std::any_of(s.lvs.begin(), s.lvs.end(), [&](const cmd::NodeLv& x) {
      return x.vg == vg && x.name == lv;
    });
    bool mounted = std::any_of(s.mounts.begin(), s.mounts.end(), [&](const cmd::MountEntry& m) {
      return m.mount_point == mount_point;
    });
    bool in_fstab = std::any_of(s.fstab.begin(), s.fstab.end(), [&](const cmd::MountEntry& m) {
      return m.mount_point == mount_point;
    });
    const bool in_gluster =
        gv != nullptr && std::any_of(gv->bricks.begin(), gv->bricks.end(), [&](const cmd::GlusterBrick& g) {
          return PathOf(g.name) == b.path && NamesNode(n, HostOf(g.name));
        });
    auto fill = [&](Finding& f) {
      f.volume_id = v.id;
      f.volume = v.name;
      f.brick_id = b.id;
      f.node_id = n.id;
      f.host = n.manage();
      f.device_id = b.device_id;
    };
    if (!has_lv) {
      Finding& f = Add(FindingKind::kBrickMissing);
      fill(f);
      f.detail = "brick " + b.id + " of volume " + v.name + ": LV " + vg + "/" + lv + " is gone from " +
                 n.manage() + (mounted ? "" : ", not mounted") + (in_fstab ? "" : ", no fstab line");
      if (in_gluster) {
        f.repair = RepairAction::kRecreateBrick;
        f.repair_detail = "recreate the brick empty on " + n.manage() +
                          " (LV, XFS, mount, fstab), reset-brick in gluster, then a full heal" +
                          (v.durability.type == model::DurabilityType::kNone
                               ? "; a distribute volume has no copy: the brick's data is lost"
                               : "");
      } else {
        f.repair_detail = "none: gluster does not list the brick";
      }
      return;
    }
    if (!mounted || !in_fstab) {
      Finding& f = Add(FindingKind::kBrickUnmounted);
      fill(f);
      f.detail = "brick " + b.id + " of volume " + v.name + " on " + n.manage() + ": " +
                 (!mounted ? std::string("not mounted at ") + mount_point : "") +
                 (!mounted && !in_fstab ? ", " : "") + (!in_fstab ? "no fstab line" : "");
      f.repair = RepairAction::kRemountBrick;
      f.repair_detail = "mount " + vg + "/" + lv + " at " + mount_point +
                        ", rewrite its fstab line, then gluster volume start " + v.name + " force";
      return;
    }
    // A node whose glusterd is down runs no brick: node-unreachable says it.
    if (!s.reachable || gv == nullptr || gv->status_str != "Started" || !in_gluster) return;
    auto st = seen_.status.find(v.name);
    if (st == seen_.status.end()) return;
    bool online = std::any_of(st->second.begin(), st->second.end(), [&](const cmd::BrickProcess& p) {
      return p.path == b.path && NamesNode(n, p.host) && p.online;
    });
    if (online) return;
    Finding& f = Add(FindingKind::kBrickDown);
    fill(f);
    f.detail = "gluster reports brick " + b.id + " of volume " + v.name + " on " + n.manage() +
               " offline";
    f.repair = RepairAction::kStartBricks;
    f.repair_detail = "gluster volume start " + v.name + " force";
  }

  // Brick pieces on the nodes that no brick of the store explains.
  void Leaks() {
    for (const auto& n : db_.nodes) {
      const NodeSeen* s = Seen(n.id);
      if (s == nullptr || !s->storage_read) continue;
      std::map<std::string, std::pair<std::string, std::vector<std::string>>> pieces;  // brick -> device, what
      auto note = [&](const std::string& dev, const std::string& brick, std::string what) {
        if (brick.empty() || own_.known_bricks.count(brick) || Owned(brick)) return;
        auto& p = pieces[brick];
        if (p.first.empty()) p.first = dev;
        p.second.push_back(std::move(what));
      };
      for (const auto& lv : s->lvs) {
        const std::string dev = IdAfter(lv.vg, "vg_");
        std::string brick = IdAfter(lv.name, "brick_");
        if (brick.empty() && lv.thin_pool) {
          brick = IdAfter(lv.name, "tp_");
          // A pool that holds other thin LVs (snapshots, clones) is still in use.
          bool shared = std::any_of(s->lvs.begin(), s->lvs.end(), [&](const cmd::NodeLv& x) {
            return x.vg == lv.vg && x.pool == lv.name && x.name != cmd::BrickLvName(brick);
          });
          if (shared) continue;
        }
        note(dev, brick, "LV " + lv.vg + "/" + lv.name);
      }
      for (const auto& m : s->mounts) {
        auto [dev, brick] = IdsOfMountPoint(m.mount_point);
        note(dev, brick, "mount " + m.mount_point);
      }
      for (const auto& m : s->fstab) {
        auto [dev, brick] = IdsOfMountPoint(m.mount_point);
        note(dev, brick, "fstab line for " + m.mount_point);
      }
      for (const auto& d : s->dirs) {
        auto [dev, brick] = IdsOfMountPoint(d);
        note(dev, brick, "directory " + d);
      }
      for (auto& [brick, p] : pieces) {
        Finding& f = Add(FindingKind::kBrickLeaked);
        f.node_id = n.id;
        f.host = n.manage();
        f.brick_id = brick;
        f.device_id = p.first;
        f.detail = "on " + n.manage() + ", brick " + brick + " is unknown to the database: " + Join(p.second, ", ");
        const cmd::GlusterVolume* user =
            p.first.empty() ? nullptr : VolumeUsing(n, cmd::BrickMountPoint(p.first, brick));
        if (p.first.empty()) {
          f.repair_detail = "none: its device id cannot be read from the names";
        } else if (user != nullptr) {
          f.repair_detail = "none: in use by gluster volume " + user->name +
                            "; adopt that volume or delete it in gluster first";
        } else if (seen_.working_node_id.empty()) {
          f.repair_detail = "none: no node answered for gluster's volumes, so whether one uses it is unknown";
        } else {
          f.repair = RepairAction::kRemoveLeaked;
          f.repair_detail = "unmount, drop the fstab line, remove LV and thin pool and the mount point on " +
                            n.manage();
        }
      }
    }
  }

  const DbCluster& db_;
  const ClusterSeen& seen_;
  const Ownership& own_;
  std::vector<Finding> out_;
};

}  // namespace

std::string_view FindingKindName(FindingKind k) {
  switch (k) {
    case FindingKind::kNodeUnreachable: return "node-unreachable";
    case FindingKind::kVolumeMissing: return "volume-missing";
    case FindingKind::kVolumeUnknown: return "volume-unknown";
    case FindingKind::kVolumeStopped: return "volume-stopped";
    case FindingKind::kBrickMismatch: return "brick-mismatch";
    case FindingKind::kBrickMissing: return "brick-missing";
    case FindingKind::kBrickUnmounted: return "brick-unmounted";
    case FindingKind::kBrickDown: return "brick-down";
    case FindingKind::kBrickLeaked: return "brick-leaked";
    case FindingKind::kPeerMissing: return "peer-missing";
    case FindingKind::kPeerUnknown: return "peer-unknown";
  }
  return "unknown";
}

std::string_view RepairActionName(RepairAction a) {
  switch (a) {
    case RepairAction::kNone: return "none";
    case RepairAction::kStartVolume: return "start-volume";
    case RepairAction::kStartBricks: return "start-bricks";
    case RepairAction::kRemountBrick: return "remount-brick";
    case RepairAction::kRecreateBrick: return "recreate-brick";
    case RepairAction::kRemoveLeaked: return "remove-leaked-brick";
    case RepairAction::kAdoptVolume: return "adopt-volume";
  }
  return "none";
}

std::vector<Finding> CompareCluster(const DbCluster& db, const ClusterSeen& seen,
                                    const Ownership& ownership) {
  return Comparer(db, seen, ownership).Run();
}

}  // namespace brickyard::ops
