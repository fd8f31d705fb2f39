#include "cli/format.h"

namespace brickyard::cli {

namespace {

std::string BoolText(bool b) { return b ? "true" : "false"; }

// Bricks per replica/disperse set, as the volume was created.
int64_t SetSize(const Json& durability) {
  const std::string type = Str(durability, "type");
  if (type == "replicate") {
    int64_t replica = Int(Field(durability, "replicate"), "replica");
    return replica > 0 ? replica : 2;  // Heketi's internal default when unset
  }
  if (type == "disperse") {
    const Json& d = Field(durability, "disperse");
    int64_t n = Int(d, "data") + Int(d, "redundancy");
    return n > 0 ? n : 6;
  }
  return 1;
}

}  // namespace

std::string FormatVolume(const Json& volume) {
  const Json& glusterfs = Field(Field(volume, "mount"), "glusterfs");
  const Json& blockinfo = Field(volume, "blockinfo");
  const Json& durability = Field(volume, "durability");
  std::string restriction = Str(blockinfo, "restriction");
  if (restriction.empty()) restriction = "(none)";
  const std::string type = Str(durability, "type");

  std::string out;
  out += "Name: " + Str(volume, "name") + "\n";
  out += "Size: " + std::to_string(Int(volume, "size")) + "\n";
  out += "Volume Id: " + Str(volume, "id") + "\n";
  out += "Cluster Id: " + Str(volume, "cluster") + "\n";
  out += "Mount: " + Str(glusterfs, "device") + "\n";
  out += "Mount Options: backup-volfile-servers=" +
         Str(Field(glusterfs, "options"), "backup-volfile-servers") + "\n";
  out += "Block: " + BoolText(Bool(volume, "block")) + "\n";
  out += "Free Size: " + std::to_string(Int(blockinfo, "freesize")) + "\n";
  out += "Reserved Size: " + std::to_string(Int(blockinfo, "reservedsize")) + "\n";
  out += "Block Hosting Restriction: " + restriction + "\n";
  out += "Block Volumes: " + GoList(Strs(blockinfo, "blockvolume")) + "\n";
  out += "Durability Type: " + type + "\n";
  out += "Distribute Count: " +
         std::to_string(static_cast<int64_t>(Arr(volume, "bricks").size()) / SetSize(durability)) + "\n";
  if (type == "replicate") {
    out += "Replica Count: " + std::to_string(Int(Field(durability, "replicate"), "replica")) + "\n";
  } else if (type == "disperse") {
    const Json& d = Field(durability, "disperse");
    out += "Disperse Data Count: " + std::to_string(Int(d, "data")) + "\n";
    out += "Disperse Redundancy Count: " + std::to_string(Int(d, "redundancy")) + "\n";
  }
  const Json& snapshot = Field(volume, "snapshot");
  if (Bool(snapshot, "enable")) out += "Snapshot Factor: " + Fixed2(Num(snapshot, "factor")) + "\n\n";
  return out;
}

std::string FormatVolumeList(const std::vector<Json>& volumes) {
  std::string out;
  for (const auto& v : volumes) {
    out += "Id:" + PadRight(Str(v, "id"), 35) + " Cluster:" + PadRight(Str(v, "cluster"), 35) +
           " Name:" + Str(v, "name") + (Bool(v, "block") ? " [block]" : "") + "\n";
  }
  return out;
}

std::string FormatBlockVolume(const Json& bv) {
  const Json& info = Field(bv, "blockvolume");
  std::string out;
  out += "Name: " + Str(bv, "name") + "\n";
  out += "Size: " + std::to_string(Int(bv, "size")) + "\n";
  out += "UsableSize: " + std::to_string(Int(bv, "usablesize")) + "\n";
  out += "Volume Id: " + Str(bv, "id") + "\n";
  out += "Cluster Id: " + Str(bv, "cluster") + "\n";
  out += "Hosts: " + GoList(Strs(info, "hosts")) + "\n";
  out += "IQN: " + Str(info, "iqn") + "\n";
  out += "LUN: " + std::to_string(Int(info, "lun")) + "\n";
  out += "Hacount: " + std::to_string(Int(bv, "hacount")) + "\n";
  out += "Username: " + Str(info, "username") + "\n";
  out += "Password: " + Str(info, "password") + "\n";
  out += "Block Hosting Volume: " + Str(bv, "blockhostingvolume") + "\n";
  return out;
}

std::string FormatBlockVolumeList(const std::vector<Json>& blockvolumes) {
  std::string out;
  for (const auto& b : blockvolumes) {
    out += "Id:" + PadRight(Str(b, "id"), 35) + " Cluster:" + PadRight(Str(b, "cluster"), 35) +
           " Name:" + Str(b, "name") + "\n";
  }
  return out;
}

}  // namespace brickyard::cli
