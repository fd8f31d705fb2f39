// The node contract (docs/node-contract.md and etc/sudoers.d/brickyard)
// against the command builders of this folder.
//
// kBuilders runs every builder declared in this folder's headers with inputs
// and settings that make it emit each of its commands. Every emitted command's
// key (CommandKey: the program, plus the sub-command of gluster, lvm and
// udevadm) must be a row of the document, and every row must be emitted; the
// sudoers file must grant exactly the documented programs. Two more checks
// catch builders this file does not know yet: a builder declared in a header
// but missing from kBuilders fails by name, and a program written as the
// first word of a `MakeCommand(opts, {"...", ...})` anywhere in the folder
// must be documented, which names a new program before its builder is added
// here.
#include <dirent.h>

#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "executors/commands/batches.h"
#include "executors/commands/command.h"
#include "executors/commands/gluster.h"
#include "executors/commands/gluster_block.h"
#include "executors/commands/health.h"
#include "executors/commands/lvm.h"
#include "executors/commands/mount.h"
#include "executors/commands/naming.h"
#include "executors/commands/test_support.h"
#include "executors/commands/xfs.h"

namespace brickyard::executors::commands {
namespace {

const std::string kFolder = std::string(BY_COMMANDS_TESTDATA) + "/..";
const std::string kRoot = kFolder + "/../../..";

constexpr char kD[] = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kB[] = "11112222333344445555666677778888";
constexpr char kVol[] = "vol_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
constexpr char kHost[] = "node1.example.com";
constexpr char kDevice[] = "/dev/vdb";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> FolderFiles(const std::string& suffix) {
  std::vector<std::string> out;
  DIR* d = opendir(kFolder.c_str());
  if (d == nullptr) return out;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() > suffix.size() && name.ends_with(suffix) && !name.ends_with("_test.cc")) {
      out.push_back(name);
    }
  }
  closedir(d);
  return out;
}

// The contract's name for a command: the program's base name, plus the
// sub-command for the programs that have them (gluster, gluster-block, lvm,
// udevadm).
std::string CommandKey(const Command& c) {
  std::string program = c.argv.at(0).substr(c.argv[0].rfind('/') + 1);
  if (program == "lvm" || program == "udevadm" || program == "gluster-block") {
    return program + " " + c.argv.at(1);
  }
  if (program == "gluster") {
    std::vector<std::string> words;
    for (size_t i = 1; i < c.argv.size() && words.size() < 2; ++i) {
      if (!c.argv[i].starts_with("--")) words.push_back(c.argv[i]);
    }
    return "gluster " + words.at(0) + " " + words.at(1);
  }
  return program;
}

std::string ProgramOf(const std::string& key) { return key.substr(0, key.find(' ')); }

// ------------------------------------------------------------ builders ---
using Built = Result<std::vector<Command>>;

// Concatenates the commands of every result; the first failure wins.
Built All(std::initializer_list<Built> parts) {
  std::vector<Command> out;
  for (const auto& p : parts) {
    if (!p.ok()) return p.status();
    out.insert(out.end(), p->begin(), p->end());
  }
  return out;
}
Built One(const Result<Command>& r) {
  if (!r.ok()) return r.status();
  return std::vector<Command>{*r};
}

BrickRequest Brick(bool arbiter, int64_t gid) {
  BrickRequest b;
  b.device_id = kD;
  b.brick_id = kB;
  b.tp_name = std::string("tp_") + kB;
  b.lv_name = std::string("brick_") + kB;
  b.size_kib = 1048576;
  b.tp_size_kib = 1048576;
  b.pool_meta_kib = 8192;
  b.gid = gid;
  b.arbiter = arbiter;
  b.path = BrickPath(kD, kB);
  return b;
}

BrickAddress Address(int i) {
  return {"node" + std::to_string(i) + ".example.com",
          BrickPath(kD, std::string(31, '0') + std::to_string(i))};
}

// Replica 3 with arbiter, two sets, one option: create, add-brick, set, start.
VolumeRequest Volume() {
  VolumeRequest v;
  v.name = kVol;
  v.id = kD;
  v.kind = VolumeRequest::Kind::kReplica;
  v.replica = 3;
  v.arbiter = true;
  for (int i = 1; i <= 6; ++i) v.bricks.push_back(Address(i));
  v.options = {"performance.readdir-ahead off"};
  return v;
}

struct Builder {
  std::string name;
  std::function<Built(const config::ExecutorOptions&)> run;
};

// Every builder of this folder, each run so that it emits all its commands.
const std::vector<Builder>& Builders() {
  using O = const config::ExecutorOptions&;
  static const std::vector<Builder> kBuilders = {
      // batches.h
      {"DeviceSetupBatch", [](O o) { return DeviceSetupBatch(o, kDevice, kD, true); }},
      {"DeviceHandleBatch", [](O o) { return DeviceHandleBatch(o, kDevice); }},
      {"DeviceTeardownBatch", [](O o) { return DeviceTeardownBatch(o, kD, kDevice); }},
      {"BrickCreateBatch", [](O o) {
         return All({BrickCreateBatch(o, Brick(false, 2000)), BrickCreateBatch(o, Brick(true, 0))});
       }},
      {"BrickExpandBatch", [](O o) {
         BrickRequest grown = Brick(false, 0);
         grown.size_kib *= 2;
         grown.tp_size_kib *= 2;
         grown.pool_meta_kib *= 2;
         return BrickExpandBatch(o, grown, true);
       }},
      // gluster.h
      {"PeerProbe", [](O o) { return PeerProbe(o, kHost); }},
      {"PeerDetach", [](O o) { return One(PeerDetach(o, kHost)); }},
      {"VolumeCreate", [](O o) { return VolumeCreate(o, Volume()); }},
      {"VolumeAddBricks", [](O o) { return VolumeAddBricks(o, Volume()); }},
      {"VolumeRebalanceStart", [](O o) { return One(VolumeRebalanceStart(o, kVol)); }},
      {"VolumeSet", [](O o) { return One(VolumeSet(o, kVol, "cluster.quorum-type auto")); }},
      {"VolumeStart", [](O o) { return One(VolumeStart(o, kVol)); }},
      {"VolumeStop", [](O o) {
         return All({One(VolumeStop(o, kVol, false)), One(VolumeStop(o, kVol, true))});
       }},
      {"VolumeDelete", [](O o) { return One(VolumeDelete(o, kVol)); }},
      {"VolumeModify", [](O o) { return VolumeModify(o, kVol, true, {"a.b c"}, true); }},
      {"VolumeInfo", [](O o) { return One(VolumeInfo(o, kVol)); }},
      {"VolumesInfo", [](O o) { return One(VolumesInfo(o)); }},
      {"VolumeHealInfo", [](O o) { return One(VolumeHealInfo(o, kVol)); }},
      {"VolumeReplaceBrick", [](O o) { return One(VolumeReplaceBrick(o, kVol, Address(1), Address(7))); }},
      {"SnapshotList", [](O o) { return One(SnapshotList(o, kVol)); }},
      {"SnapshotCreate", [](O o) { return One(SnapshotCreate(o, "tmpsnap_x", kVol)); }},
      {"SnapshotActivate", [](O o) { return One(SnapshotActivate(o, "tmpsnap_x")); }},
      {"SnapshotClone", [](O o) { return One(SnapshotClone(o, "clone_x", "tmpsnap_x")); }},
      {"VolumeStartXml", [](O o) { return One(VolumeStartXml(o, "clone_x")); }},
      {"SnapshotDeactivate", [](O o) { return One(SnapshotDeactivate(o, "tmpsnap_x")); }},
      {"SnapshotDelete", [](O o) { return One(SnapshotDelete(o, "tmpsnap_x")); }},
      {"PeerStatus", [](O o) { return One(PeerStatus(o)); }},
      {"VolumeStatusXml", [](O o) { return One(VolumeStatusXml(o, kVol)); }},
      {"VolumeStartForce", [](O o) { return One(VolumeStartForce(o, kVol)); }},
      {"VolumeResetBrick", [](O o) { return VolumeResetBrick(o, kVol, Address(1)); }},
      {"VolumeHealFull", [](O o) { return One(VolumeHealFull(o, kVol)); }},
      // gluster_block.h
      {"BlockCreate", [](O o) {
         BlockCreateArgs a;
         a.hosting_volume = kVol;
         a.name = "blockvol_x";
         a.ha_count = 2;
         a.hosts = {"node1.example.com", "node2.example.com"};
         a.size_gib = 5;
         return One(BlockCreate(o, a));
       }},
      {"BlockDelete", [](O o) { return One(BlockDelete(o, kVol, "blockvol_x")); }},
      {"BlockModify", [](O o) { return One(BlockModify(o, kVol, "blockvol_x", 10)); }},
      {"BlockInfo", [](O o) { return One(BlockInfo(o, kVol, "blockvol_x")); }},
      // health.h
      {"GlusterdCheck", [](O o) { return One(GlusterdCheck(o)); }},
      // lvm.h
      {"WipeFs", [](O o) { return One(WipeFs(o, kDevice)); }},
      {"PvCreate", [](O o) { return One(PvCreate(o, kDevice)); }},
      {"VgCreate", [](O o) { return One(VgCreate(o, kD, kDevice)); }},
      {"PvsHandle", [](O o) { return One(PvsHandle(o, kDevice)); }},
      {"VgsHandle", [](O o) { return One(VgsHandle(o, kD)); }},
      {"UdevSymlinks", [](O o) { return One(UdevSymlinks(o, kDevice)); }},
      {"VgDisplay", [](O o) { return One(VgDisplay(o, kD)); }},
      {"VgRemove", [](O o) { return One(VgRemove(o, kD)); }},
      {"PvRemove", [](O o) { return One(PvRemove(o, kDevice)); }},
      {"LvCreate", [](O o) { return One(LvCreate(o, Brick(false, 0))); }},
      {"LvRemove", [](O o) { return One(LvRemove(o, kD, std::string("brick_") + kB)); }},
      {"ThinCount", [](O o) { return One(ThinCount(o, kD, std::string("tp_") + kB)); }},
      {"LvPool", [](O o) { return One(LvPool(o, kD, "2953906f25f84f928c252509bd9cf44a_0")); }},
      {"PvsReport", [](O o) { return One(PvsReport(o)); }},
      {"VgsReport", [](O o) { return One(VgsReport(o)); }},
      {"LvsReport", [](O o) { return One(LvsReport(o)); }},
      {"LvsBrickReport", [](O o) { return One(LvsBrickReport(o)); }},
      {"LvExtend", [](O o) { return One(LvExtend(o, kD, std::string("tp_") + kB, 2097152)); }},
      {"LvExtendPoolMetadata", [](O o) {
         return One(LvExtendPoolMetadata(o, kD, std::string("tp_") + kB, 16384));
       }},
      // mount.h
      {"MkdirP", [](O o) { return One(MkdirP(o, BrickMountPoint(kD, kB))); }},
      {"Mkdir", [](O o) { return One(Mkdir(o, BrickPath(kD, kB))); }},
      {"Rmdir", [](O o) { return One(Rmdir(o, BrickMountPoint(kD, kB))); }},
      {"FstabAppend", [](O o) {
         return One(FstabAppend(o, kD, std::string("brick_") + kB, BrickMountPoint(kD, kB)));
       }},
      {"FstabRemoveBrick", [](O o) { return One(FstabRemoveBrick(o, kB)); }},
      {"CatFstab", [](O o) { return One(CatFstab(o)); }},
      {"Mount", [](O o) {
         return One(Mount(o, kD, std::string("brick_") + kB, BrickMountPoint(kD, kB)));
       }},
      {"ListMounts", [](O o) { return One(ListMounts(o)); }},
      {"ProcMounts", [](O o) { return One(ProcMounts(o)); }},
      {"BrickDirList", [](O o) { return One(BrickDirList(o)); }},
      {"Umount", [](O o) { return One(Umount(o, BrickMountPoint(kD, kB))); }},
      {"Lsof", [](O o) { return One(Lsof(o, BrickMountPoint(kD, kB))); }},
      {"ChownGroup", [](O o) { return One(ChownGroup(o, 2000, BrickPath(kD, kB))); }},
      {"ChmodBrick", [](O o) { return One(ChmodBrick(o, BrickPath(kD, kB))); }},
      // xfs.h
      {"MkfsXfs", [](O o) {
         return All({One(MkfsXfs(o, kD, std::string("brick_") + kB, false)),
                     One(MkfsXfs(o, kD, std::string("brick_") + kB, true))});
       }},
      {"XfsGrowfs", [](O o) { return One(XfsGrowfs(o, BrickMountPoint(kD, kB))); }},
  };
  return kBuilders;
}

// Settings under which each builder emits everything it can: the defaults,
// and every optional step switched on.
std::vector<config::ExecutorOptions> Settings() {
  config::ExecutorOptions all_on;
  all_on.snapshot_limit = 14;
  all_on.xfs_su = 64;
  all_on.xfs_sw = 2;
  all_on.backup_lvm_metadata = true;
  all_on.debug_umount_failures = true;
  return {config::ExecutorOptions{}, all_on};
}

// Every command key the builders emit -> the builders emitting it.
std::map<std::string, std::set<std::string>> EmittedKeys() {
  std::map<std::string, std::set<std::string>> keys;
  for (const auto& opts : Settings()) {
    for (const auto& b : Builders()) {
      Built cmds = b.run(opts);
      EXPECT_TRUE(cmds.ok()) << b.name << ": " << cmds.status().ToString();
      if (!cmds.ok()) continue;
      EXPECT_FALSE(cmds->empty()) << b.name << " built no command";
      for (const auto& c : *cmds) keys[CommandKey(c)].insert(b.name);
    }
  }
  return keys;
}

// The first column of the table between the node-contract markers.
std::set<std::string> DocumentedKeys() {
  const std::string doc = ReadFile(kRoot + "/docs/node-contract.md");
  const size_t begin = doc.find("<!-- node-contract:begin -->");
  const size_t end = doc.find("<!-- node-contract:end -->");
  EXPECT_NE(begin, std::string::npos);
  EXPECT_NE(end, std::string::npos);
  std::set<std::string> keys;
  if (begin == std::string::npos || end == std::string::npos) return keys;
  std::istringstream rows(doc.substr(begin, end - begin));
  static const std::regex kRow(R"(^\| `([^`]+)` \|)");
  std::string line;
  std::smatch m;
  while (std::getline(rows, line)) {
    if (std::regex_search(line, m, kRow)) keys.insert(m[1]);
  }
  return keys;
}

std::set<std::string> DocumentedPrograms() {
  std::set<std::string> out;
  for (const auto& k : DocumentedKeys()) out.insert(ProgramOf(k));
  return out;
}

// ---------------------------------------------------------------- tests ---
TEST(NodeContractTest, EveryDeclaredBuilderIsExercised) {
  std::set<std::string> known;
  for (const auto& b : Builders()) known.insert(b.name);
  static const std::regex kDecl(R"((?:^|\n)Result<(?:Command|std::vector<Command>)> (\w+)\()");
  std::set<std::string> declared;
  for (const auto& header : FolderFiles(".h")) {
    const std::string text = ReadFile(kFolder + "/" + header);
    for (std::sregex_iterator it(text.begin(), text.end(), kDecl), e; it != e; ++it) {
      declared.insert((*it)[1]);
      EXPECT_TRUE(known.count((*it)[1])) << (*it)[1] << " (" << header
          << ") builds node commands but node_contract_test.cc does not run it: add it to "
             "Builders() there, and its commands to docs/node-contract.md and "
             "etc/sudoers.d/brickyard";
    }
  }
  // the scan itself still finds the builders this file knows
  for (const auto& name : known) EXPECT_TRUE(declared.count(name)) << name << " not found in the headers";
}

TEST(NodeContractTest, EveryEmittedCommandIsDocumented) {
  const std::set<std::string> documented = DocumentedKeys();
  for (const auto& [key, builders] : EmittedKeys()) {
    std::string by;
    for (const auto& b : builders) by += " " + b;
    EXPECT_TRUE(documented.count(key))
        << "`" << key << "` (built by" << by << ") is not in docs/node-contract.md";
  }
}

TEST(NodeContractTest, EveryDocumentedCommandIsEmitted) {
  const auto emitted = EmittedKeys();
  const std::set<std::string> documented = DocumentedKeys();
  EXPECT_GE(documented.size(), 40u) << "the table of docs/node-contract.md was not found whole";
  for (const auto& key : documented) {
    EXPECT_TRUE(emitted.count(key)) << "`" << key
                                    << "` is in docs/node-contract.md but no builder emits it";
  }
}

// Names a new program as soon as a builder spells it, before the builder is
// added to Builders().
TEST(NodeContractTest, EveryProgramSpelledInABuilderIsDocumented) {
  const std::set<std::string> documented = DocumentedPrograms();
  static const std::regex kLiteral(R"re(MakeCommand\(\s*\w+\s*,\s*\{\s*"([^"]+)")re");
  size_t seen = 0;
  for (const auto& source : FolderFiles(".cc")) {
    const std::string text = ReadFile(kFolder + "/" + source);
    for (std::sregex_iterator it(text.begin(), text.end(), kLiteral), e; it != e; ++it) {
      ++seen;
      const std::string program = (*it)[1].str().substr((*it)[1].str().rfind('/') + 1);
      EXPECT_TRUE(documented.count(program))
          << "program `" << program << "` (" << source
          << ") is not in docs/node-contract.md nor etc/sudoers.d/brickyard";
    }
  }
  EXPECT_GT(seen, 5u) << "no MakeCommand literal found: the scan no longer matches the sources";
}

// The sudoers file grants exactly the documented programs, by absolute path.
TEST(NodeContractTest, SudoersGrantsExactlyTheDocumentedPrograms) {
  std::string text = ReadFile(kRoot + "/etc/sudoers.d/brickyard");
  // join continuation lines
  for (size_t p; (p = text.find("\\\n")) != std::string::npos;) text.replace(p, 2, " ");
  std::set<std::string> granted;
  std::istringstream lines(text);
  std::string line;
  static const std::regex kAlias(R"(^Cmnd_Alias \w+ = (.*)$)");
  std::smatch m;
  while (std::getline(lines, line)) {
    if (!std::regex_match(line, m, kAlias)) continue;
    // command specs are separated by unescaped commas
    std::string specs = m[1], spec;
    for (size_t i = 0; i <= specs.size(); ++i) {
      if (i == specs.size() || (specs[i] == ',' && (i == 0 || specs[i - 1] != '\\'))) {
        std::istringstream words(spec);
        std::string path;
        words >> path;
        EXPECT_TRUE(path.starts_with("/usr/bin/") || path.starts_with("/usr/sbin/")) << path;
        granted.insert(path.substr(path.rfind('/') + 1));
        spec.clear();
      } else {
        spec += specs[i];
      }
    }
  }
  EXPECT_EQ(granted, DocumentedPrograms());
}

TEST(NodeContractTest, SudoersFileParses) {
  if (access("/usr/sbin/visudo", X_OK) != 0) GTEST_SKIP() << "visudo not installed (package sudo)";
  auto r = test_support::RunProgram(
      {"/usr/sbin/visudo", "-c", "-f", kRoot + "/etc/sudoers.d/brickyard"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

}  // namespace
}  // namespace brickyard::executors::commands
