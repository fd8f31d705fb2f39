// setup-openshift-heketi-storage (aliases setup-heketi-db-storage,
// setup-kubernetes-heketi-storage): moves the server's database onto a
// Gluster volume by writing the Kubernetes objects that do it.
#include <fstream>

#include "cli/commands.h"
#include "cli/storage_list.h"
#include "client/topology.h"
#include "common/strings.h"

namespace brickyard::cli {

namespace {

struct Flags {
  std::string listfile = "heketi-storage.json";
  std::string image = "heketi/heketi:dev";
  std::string durability = "replicate";
  int replica = 3;
  std::string options;
  std::string append_options;
  std::vector<std::string> node_selector;
};

Status Setup(Context& ctx, const Flags& f) {
  if (f.durability != "replicate" && f.durability != "none")
    return InvalidArgument("Invalid durability '" + f.durability + "': use replicate or none");
  std::map<std::string, std::string> selector;
  for (const auto& kv : f.node_selector) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      return InvalidArgument("Invalid node selector '" + kv + "': expected key=value");
    selector[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  BY_ASSIGN_OR_RETURN(auto* c, ctx.Client());

  BY_ASSIGN_OR_RETURN(Json list, c->Get("/volumes"));
  std::vector<std::string> paths;
  for (const auto& id : Strs(list, "volumes")) paths.push_back("/volumes/" + id);
  BY_ASSIGN_OR_RETURN(std::vector<Json> volumes, client::GetAll(*c, paths));
  for (const auto& v : volumes)
    if (Str(v, "name") == kDbVolumeName)
      return Conflict(std::string("Volume ") + kDbVolumeName + " already exists");

  std::vector<std::string> options =
      f.options.empty() ? DefaultDbVolumeOptions() : Split(f.options, ',');
  if (!f.append_options.empty())
    for (auto& o : Split(f.append_options, ',')) options.push_back(o);
  Json req = {{"size", 2},
              {"name", kDbVolumeName},
              {"durability", {{"type", f.durability}, {"replicate", {{"replica", f.replica}}}, {"disperse", Json::object()}}},
              {"glustervolumeoptions", options},
              {"snapshot", {{"enable", false}, {"factor", 0}}}};
  BY_ASSIGN_OR_RETURN(Json volume, c->Post("/volumes", req));

  auto fail = [&](Status s) {
    (void)c->Delete("/volumes/" + Str(volume, "id"));
    return s;
  };
  auto db = c->Call("GET", "/backup/db");
  if (!db.ok()) return fail(db.status());
  std::string text = HeketiStorageList(volume, db->body, f.image, selector).dump(2);
  ctx.out() << "Saving " << f.listfile << "\n" << std::flush;
  std::ofstream out(f.listfile, std::ios::binary | std::ios::trunc);
  if (out) out << text;
  if (!out) return fail(Internal("Unable to write to file " + f.listfile));
  return Status::Ok();
}

}  // namespace

void AddSetupStorageCommands(CLI::App& root, Commands& commands) {
  CLI::App* cmd = root.add_subcommand(
      "setup-openshift-heketi-storage",
      "Setup OpenShift/Kubernetes persistent storage for Heketi");
  cmd->alias("setup-heketi-db-storage");
  cmd->alias("setup-kubernetes-heketi-storage");
  auto f = std::make_shared<Flags>();
  cmd->add_option("--listfile", f->listfile, "Kubernetes list of objects to create")->capture_default_str();
  cmd->add_option("--image", f->image, "Container image of the copy job")->capture_default_str();
  cmd->add_option("--durability", f->durability, "Durability of the database volume: replicate or none")
      ->capture_default_str();
  cmd->add_option("--replica", f->replica, "Replica count of the database volume")->capture_default_str();
  cmd->add_option("--gluster-volume-options", f->options,
                  "Comma separated volume options replacing the defaults");
  cmd->add_option("--append-volume-options", f->append_options,
                  "Comma separated volume options added to the defaults");
  cmd->add_option("--node-selector", f->node_selector, "key=value node selector of the copy job (repeatable)");
  commands.On(cmd, [f](Context& ctx) { return Setup(ctx, *f); });
}

}  // namespace brickyard::cli
