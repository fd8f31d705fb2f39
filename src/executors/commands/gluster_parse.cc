#include "executors/commands/gluster_parse.h"

#include <charconv>

#include "executors/commands/validate.h"
#include "executors/commands/xml.h"

namespace brickyard::executors::commands {
namespace {

std::string_view TrimWs(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

bool ToInt(std::string_view s, int64_t* out) {
  s = TrimWs(s);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// An integer child; absent reads as 0, present but malformed is an error.
Status IntField(const XmlElement& e, std::string_view name, int64_t* out) {
  const XmlElement* c = e.Child(name);
  *out = 0;
  if (c == nullptr || TrimWs(c->text).empty()) return Status::Ok();
  if (ToInt(c->text, out)) return Status::Ok();
  return Internal("gluster output field " + std::string(name) + " is not a number: \"" +
                  Printable(TrimWs(c->text)) + "\"");
}

// Parses `xml` and checks the CLI verdict; returns the cliOutput root.
Result<XmlElement> CliOutput(std::string_view xml) {
  if (xml.find("Connection failed") != xml.npos && xml.find("<cliOutput") == xml.npos) {
    return Unavailable("gluster: " + Printable(TrimWs(xml.substr(0, 200))));
  }
  Result<XmlElement> root = ParseXml(xml);
  if (!root.ok()) {
    return Internal("gluster output is not XML (" + root.status().message() + "): \"" +
                    Printable(TrimWs(xml)) + "\"");
  }
  if (root->name != "cliOutput") {
    return Internal("gluster output has root <" + Printable(root->name) + ">, not <cliOutput>");
  }
  const XmlElement* ret = root->Child("opRet");
  if (ret == nullptr) return Internal("gluster output has no opRet");
  int64_t op_ret = 0;
  int64_t op_errno = 0;
  BY_RETURN_IF_ERROR(IntField(*root, "opRet", &op_ret));
  BY_RETURN_IF_ERROR(IntField(*root, "opErrno", &op_errno));
  std::string err = root->ChildText("opErrstr");
  if (op_ret == 0 && err.empty()) return root;
  if (err.empty()) {
    err = "gluster command failed: opRet " + std::to_string(op_ret) + ", opErrno " +
          std::to_string(op_errno);
  }
  if (err.find("does not exist") != std::string::npos) return NotFound(err);
  return Internal(err);
}

Result<GlusterVolume> Volume(const XmlElement& v) {
  GlusterVolume out;
  out.name = v.ChildText("name");
  out.id = v.ChildText("id");
  out.status_str = v.ChildText("statusStr");
  out.type_str = v.ChildText("typeStr");
  BY_RETURN_IF_ERROR(IntField(v, "status", &out.status));
  BY_RETURN_IF_ERROR(IntField(v, "brickCount", &out.brick_count));
  BY_RETURN_IF_ERROR(IntField(v, "distCount", &out.dist_count));
  BY_RETURN_IF_ERROR(IntField(v, "stripeCount", &out.stripe_count));
  BY_RETURN_IF_ERROR(IntField(v, "replicaCount", &out.replica_count));
  BY_RETURN_IF_ERROR(IntField(v, "arbiterCount", &out.arbiter_count));
  BY_RETURN_IF_ERROR(IntField(v, "disperseCount", &out.disperse_count));
  BY_RETURN_IF_ERROR(IntField(v, "redundancyCount", &out.redundancy_count));
  BY_RETURN_IF_ERROR(IntField(v, "type", &out.type));
  BY_RETURN_IF_ERROR(IntField(v, "transport", &out.transport));
  BY_RETURN_IF_ERROR(IntField(v, "optCount", &out.opt_count));
  if (const XmlElement* bricks = v.Child("bricks")) {
    for (const XmlElement* b : bricks->Children("brick")) {
      GlusterBrick gb;
      gb.name = b->ChildText("name");
      if (gb.name.empty()) gb.name = std::string(TrimWs(b->text));  // older releases
      gb.host_uuid = b->ChildText("hostUuid");
      if (gb.host_uuid.empty() && b->Attribute("uuid")) gb.host_uuid = *b->Attribute("uuid");
      int64_t arbiter = 0;
      BY_RETURN_IF_ERROR(IntField(*b, "isArbiter", &arbiter));
      gb.is_arbiter = arbiter != 0;
      out.bricks.push_back(std::move(gb));
    }
  }
  if (const XmlElement* options = v.Child("options")) {
    for (const XmlElement* o : options->Children("option")) {
      out.options.push_back({o->ChildText("name"), o->ChildText("value")});
    }
  }
  return out;
}

Result<GlusterObjectRef> ObjectRef(std::string_view xml,
                                   std::initializer_list<std::string_view> path) {
  BY_ASSIGN_OR_RETURN(XmlElement root, CliOutput(xml));
  const XmlElement* e = root.Find(path);
  if (e == nullptr || e->ChildText("name").empty()) {
    return Internal("gluster output lacks the created object's name");
  }
  return GlusterObjectRef{e->ChildText("name"), e->ChildText("uuid")};
}

}  // namespace

Status ParseCliStatusXml(std::string_view xml) { return CliOutput(xml).status(); }

Result<std::vector<GlusterVolume>> ParseVolumeInfoXml(std::string_view xml) {
  BY_ASSIGN_OR_RETURN(XmlElement root, CliOutput(xml));
  std::vector<GlusterVolume> out;
  const XmlElement* volumes = root.Find({"volInfo", "volumes"});
  if (volumes == nullptr) return out;
  for (const XmlElement* v : volumes->Children("volume")) {
    BY_ASSIGN_OR_RETURN(GlusterVolume gv, Volume(*v));
    out.push_back(std::move(gv));
  }
  return out;
}

Result<std::vector<HealBrick>> ParseHealInfoXml(std::string_view xml) {
  BY_ASSIGN_OR_RETURN(XmlElement root, CliOutput(xml));
  std::vector<HealBrick> out;
  const XmlElement* bricks = root.Find({"healInfo", "bricks"});
  if (bricks == nullptr) return out;
  for (const XmlElement* b : bricks->Children("brick")) {
    HealBrick hb;
    hb.name = b->ChildText("name");
    if (const std::string* u = b->Attribute("hostUuid")) hb.host_uuid = *u;
    hb.status = b->ChildText("status");
    std::string n = b->ChildText("numberOfEntries");
    if (!n.empty() && n != "-" && !ToInt(n, &hb.entries)) {
      return Internal("heal info numberOfEntries is not a number: \"" + Printable(n) + "\"");
    }
    out.push_back(std::move(hb));
  }
  return out;
}

Result<int64_t> ParseSnapshotListCountXml(std::string_view xml) {
  BY_ASSIGN_OR_RETURN(XmlElement root, CliOutput(xml));
  const XmlElement* list = root.Child("snapList");
  int64_t count = 0;
  if (list != nullptr) BY_RETURN_IF_ERROR(IntField(*list, "count", &count));
  return count;
}

Result<GlusterObjectRef> ParseSnapshotCreateXml(std::string_view xml) {
  return ObjectRef(xml, {"snapCreate", "snapshot"});
}

Result<GlusterObjectRef> ParseSnapshotCloneXml(std::string_view xml) {
  return ObjectRef(xml, {"CloneCreate", "volume"});
}

Result<std::vector<GlusterPeer>> ParsePeerStatusXml(std::string_view xml) {
  BY_ASSIGN_OR_RETURN(XmlElement root, CliOutput(xml));
  std::vector<GlusterPeer> out;
  const XmlElement* status = root.Child("peerStatus");
  if (status == nullptr) return out;
  for (const XmlElement* p : status->Children("peer")) {
    GlusterPeer peer;
    peer.uuid = p->ChildText("uuid");
    peer.hostname = p->ChildText("hostname");
    int64_t connected = 0;
    BY_RETURN_IF_ERROR(IntField(*p, "connected", &connected));
    peer.connected = connected != 0;
    peer.state = p->ChildText("stateStr");
    peer.hostnames.push_back(peer.hostname);
    if (const XmlElement* names = p->Child("hostnames")) {
      for (const XmlElement* h : names->Children("hostname")) {
        std::string name(TrimWs(h->text));
        if (!name.empty() && name != peer.hostname) peer.hostnames.push_back(std::move(name));
      }
    }
    out.push_back(std::move(peer));
  }
  return out;
}

Result<std::vector<GlusterPeer>> ParsePoolList(std::string_view text) {
  if (text.find("Connection failed") != text.npos && text.find("UUID") == text.npos) {
    return Unavailable("gluster: " + Printable(TrimWs(text.substr(0, 200))));
  }
  std::vector<GlusterPeer> out;
  bool header = false;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == text.npos) end = text.size();
    std::string_view line = TrimWs(text.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    std::vector<std::string_view> fields;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
      if (j > i) fields.push_back(line.substr(i, j - i));
      i = j;
    }
    if (!header) {
      if (fields.size() < 3 || fields[0] != "UUID") {
        return Internal("pool list output has no header: \"" + Printable(line) + "\"");
      }
      header = true;
      continue;
    }
    if (fields.size() != 3) {
      return Internal("pool list line is not \"uuid host state\": \"" + Printable(line) + "\"");
    }
    out.push_back({std::string(fields[0]), std::string(fields[1]), fields[2] == "Connected",
                   std::string(fields[2]), {std::string(fields[1])}});
  }
  if (!header) return Internal("pool list output is empty");
  return out;
}

}  // namespace brickyard::executors::commands
