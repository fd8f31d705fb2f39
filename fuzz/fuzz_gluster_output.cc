// Fuzz target: the parsers of gluster CLI output
// (executors/commands/gluster_parse.h, xml.h): every `--xml` reader and the
// plain `pool list` one, each over the same input. These read what a storage
// node prints, so a compromised or confused node must not be able to crash
// the server through them. Contract checked: no crash, leak, UB or
// exception, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "executors/commands/gluster_parse.h"
#include "executors/commands/xml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace c = brickyard::executors::commands;
  std::string_view out(reinterpret_cast<const char*>(data), size);

  if (auto root = c::ParseXml(out); root.ok()) {
    (void)root->Find({"cliOutput", "volInfo", "volumes"});
    (void)root->ChildText("opRet");
  }
  (void)c::ParseCliStatusXml(out);
  (void)c::ParseVolumeInfoXml(out);
  (void)c::ParseHealInfoXml(out);
  (void)c::ParseSnapshotListCountXml(out);
  (void)c::ParseSnapshotCreateXml(out);
  (void)c::ParseSnapshotCloneXml(out);
  (void)c::ParsePeerStatusXml(out);
  (void)c::ParsePoolList(out);
  return 0;
}
