#include "server/db_transfer.h"

#include <filesystem>

#include "api/dump.h"
#include "api/wire.h"
#include "common/ids.h"
#include "ops/consistency.h"
#include "ops/dump_collect.h"
#include "ops/dump_import.h"
#include "server/file_util.h"
#include "store/sqlite_store.h"

namespace brickyard::server {
namespace {

void PrintReport(const ops::ImportReport& r, std::ostream& out) {
  for (const auto& [kind, n] : r.counts) out << "  " << kind << ": " << n << "\n";
  if (!r.warnings.empty()) {
    out << "Warnings (" << r.warnings.size() << "):\n";
    for (const auto& w : r.warnings) out << "  - " << w << "\n";
  }
  if (!r.errors.empty()) {
    out << "Errors (" << r.errors.size() << "):\n";
    for (const auto& e : r.errors) out << "  - " << e << "\n";
  }
}

// Writes `dump` into a new store at `path` and checks the result.
Status WriteStore(const api::DumpData& dump, const std::string& path) {
  BY_ASSIGN_OR_RETURN(std::unique_ptr<store::SqliteStore> st,
                      store::SqliteStore::Open(path, {}));
  const std::string generation = NewId();
  BY_RETURN_IF_ERROR(
      st->Update([&](store::WriteTx& tx) { return ops::WriteImport(tx, dump, generation); }));
  ops::ConsistencyReport check;
  BY_RETURN_IF_ERROR(st->View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(check, ops::CheckConsistency(tx));
    return Status::Ok();
  }));
  if (check.Total() != 0) {
    return Internal("the imported store fails its consistency check with " +
                    std::to_string(check.Total()) + " inconsistencies");
  }
  return Status::Ok();
}

}  // namespace

Status ImportDatabase(const std::string& json_path, const std::string& db_path,
                      std::ostream& report) {
  std::error_code ec;
  if (std::filesystem::exists(db_path, ec)) {
    return InvalidArgument(db_path + " already exists; import writes a new database only");
  }
  BY_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(json_path));
  report << "Import of " << json_path << " into " << db_path << "\n";
  auto dump = api::DecodeDump(text);
  if (!dump.ok()) {
    report << "Errors (1):\n  - " << dump.status().message() << "\nNothing written.\n";
    return InvalidArgument(json_path + " is not a valid export: " + dump.status().message());
  }
  ops::ImportReport checked = ops::PrepareImport(&dump.value());
  PrintReport(checked, report);
  if (!checked.ok()) {
    report << "Nothing written.\n";
    return InvalidArgument(json_path + " has " + std::to_string(checked.errors.size()) +
                           " errors; nothing written");
  }
  const std::string tmp = db_path + ".importing";
  RemoveDatabaseFiles(tmp);
  Status st = WriteStore(*dump, tmp);  // the store is closed (WAL folded in) on return
  if (st.ok()) st = MoveToNewName(tmp, db_path);
  RemoveDatabaseFiles(tmp);
  if (!st.ok()) {
    report << "Nothing written.\n";
    return st;
  }
  report << "Imported into " << db_path << ".\n";
  return Status::Ok();
}

Status ExportDatabase(const std::string& db_path, const std::string& json_path, std::ostream& data,
                      std::ostream& report) {
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec)) return InvalidArgument(db_path + " does not exist");
  if (json_path != "-" && std::filesystem::exists(json_path, ec)) {
    return InvalidArgument(json_path + " already exists");
  }
  store::SqliteStore::Options options;
  options.read_only = true;
  BY_ASSIGN_OR_RETURN(std::unique_ptr<store::SqliteStore> st,
                      store::SqliteStore::Open(db_path, options));
  api::DumpData dump;
  BY_RETURN_IF_ERROR(st->View([&](store::ReadTx& tx) -> Status {
    BY_ASSIGN_OR_RETURN(dump, ops::CollectDump(tx));
    return Status::Ok();
  }));
  const std::string text = api::ToWireIndented(api::EncodeDump(dump));
  if (json_path == "-") {
    data << text << std::flush;
    if (!data) return Internal("cannot write the export");
  } else {
    BY_RETURN_IF_ERROR(WriteNewFile(json_path, text));
  }
  report << "Exported " << db_path << ": " << dump.clusters.size() << " clusters, "
         << dump.nodes.size() << " nodes, " << dump.devices.size() << " devices, "
         << dump.volumes.size() << " volumes, " << dump.bricks.size() << " bricks, "
         << dump.blockvolumes.size() << " block volumes, " << dump.ops.size()
         << " pending operations\n";
  return Status::Ok();
}

}  // namespace brickyard::server
