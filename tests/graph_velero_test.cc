// Linker tests: Velero values (list / map / umbrella), helm_release values
// with set blocks, storage linking and namespace coverage.
#include <algorithm>

#include "graph_test_util.h"

using namespace drlint;
using namespace drlint::testing;
using graph::EdgeKind;
using graph::NodeId;
using graph::NodeKind;

namespace {

eval::Model velero_list_model(const scan::Result& r) {
  const std::string tf = "terraform/storage.tf";
  eval::Model m;
  m.resources.push_back(resource("azurerm_storage_account", "backup",
                                 {{"name", str("stbackupprod", at(r, tf, 2))},
                                  {"resource_group_name", str("rg-backup", at(r, tf, 3))},
                                  {"location", str("West Europe", at(r, tf, 4))},
                                  {"account_tier", str("Standard", at(r, tf, 5))},
                                  {"account_replication_type", str("GRS", at(r, tf, 6))}},
                                 at(r, tf, 1)));
  m.resources.push_back(resource("azurerm_storage_container", "velero",
                                 {{"name", str("velero", at(r, tf, 10))},
                                  {"storage_account_name", ref("azurerm_storage_account.backup.name", at(r, tf, 11))},
                                  {"container_access_type", str("private", at(r, tf, 12))}},
                                 at(r, tf, 9)));
  return m;
}

}  // namespace

TEST_CASE("velero values, list form: server, locations, schedules, storage links", "[graph]") {
  auto r = load_graph_case("velero-list");
  graph::Graph g = link_case(*r, velero_list_model(*r));
  const std::string server = "VeleroServer/velero/values.yaml";
  const graph::Node& s = node_at(g, server);
  CHECK(s.kind == NodeKind::kVeleroServer);
  CHECK(attr_text(s, "provider") == "azure");
  CHECK(attr_text(s, "chart_layout") == "list");
  CHECK(attr_text(s, "deploy_node_agent") == "true");
  CHECK(attr_text(s, "default_volumes_to_fs_backup") == "true");
  CHECK(where(*r, s.attr("default_volumes_to_fs_backup")->loc()) == "velero/values.yaml:25");
  CHECK(attr_text(s, "existing_secret") == "velero-azure");
  CHECK(attr_text(s, "storage_account") == "stbackupprod");
  CHECK(count_kind(g, NodeKind::kBackupStorageLocation) == 2);
  CHECK(count_kind(g, NodeKind::kVolumeSnapshotLocation) == 1);

  const graph::Node& primary = node_at(g, server + "/bsl/primary");
  CHECK(where(*r, primary.loc) == "velero/values.yaml:7");
  CHECK(attr_text(primary, "storage_account") == "stbackupprod");
  CHECK(attr_text(primary, "resource_group") == "rg-backup");
  CHECK(attr_text(primary, "bucket") == "velero");
  CHECK(has_edge(g, server + "/bsl/primary", server, EdgeKind::kPartOf));
  const graph::Edge* stores = edge_of(g, server + "/bsl/primary", "azurerm_storage_account.backup", EdgeKind::kStoresIn);
  REQUIRE(stores);
  CHECK(where(*r, stores->loc) == "velero/values.yaml:13");
  CHECK(has_edge(g, server, "azurerm_storage_account.backup", EdgeKind::kStoresIn));
  CHECK(has_edge(g, server + "/bsl/primary", "azurerm_storage_container.velero", EdgeKind::kUsesContainer));
  CHECK(has_edge(g, "azurerm_storage_container.velero", "azurerm_storage_account.backup", EdgeKind::kContainerOf));
  // The secondary account is not in the scan: no edge.
  CHECK(g.out(node_at(g, server + "/bsl/secondary").id, EdgeKind::kStoresIn).empty());

  const graph::Node& account = node_at(g, "azurerm_storage_account.backup");
  CHECK(attr_text(account, "location") == "westeurope");
  CHECK(where(*r, account.attr("location")->loc()) == "terraform/storage.tf:4");
  CHECK(attr_text(account, "account_replication_type") == "GRS");

  const graph::Node& daily = node_at(g, server + "/schedule/daily");
  CHECK(daily.kind == NodeKind::kVeleroSchedule);
  CHECK(attr_text(daily, "schedule") == "0 2 * * *");
  CHECK(where(*r, daily.loc) == "velero/values.yaml:33");
  CHECK(attr_text(daily, "ttl") == "720h");
  CHECK(attr_text(daily, "snapshot_volumes") == "true");
  CHECK(has_edge(g, server + "/schedule/daily", server + "/bsl/primary", EdgeKind::kUsesLocation));
  const graph::Edge* loc2 =
      edge_of(g, server + "/schedule/offsite", server + "/bsl/secondary", EdgeKind::kUsesLocation);
  REQUIRE(loc2);
  CHECK(where(*r, loc2->loc) == "velero/values.yaml:45");
  CHECK(node_at(g, server + "/schedule/offsite").attr("label_selector")->is_map());

  // Coverage: "*" minus kube-system; offsite only payments.
  CHECK(has_edge(g, server + "/schedule/daily", "Namespace/payments", EdgeKind::kCovers));
  CHECK(has_edge(g, server + "/schedule/daily", "Namespace/reporting", EdgeKind::kCovers));
  CHECK_FALSE(has_edge(g, server + "/schedule/daily", "Namespace/kube-system", EdgeKind::kCovers));
  const graph::Edge* cov = edge_of(g, server + "/schedule/offsite", "Namespace/payments", EdgeKind::kCovers);
  REQUIRE(cov);
  CHECK(where(*r, cov->loc) == "velero/values.yaml:47");
  CHECK_FALSE(has_edge(g, server + "/schedule/offsite", "Namespace/reporting", EdgeKind::kCovers));
}

TEST_CASE("velero values, map form of chart 2.x", "[graph]") {
  auto r = load_graph_case("velero-map");
  graph::Graph g = link_case(*r);
  const std::string server = "VeleroServer/values.yaml";
  const graph::Node& s = node_at(g, server);
  CHECK(attr_text(s, "chart_layout") == "map");
  CHECK(attr_text(s, "provider") == "azure");
  CHECK(where(*r, s.attr("provider")->loc()) == "values.yaml:3");
  CHECK(attr_text(s, "deploy_node_agent") == "true");
  CHECK(attr_text(s, "default_volumes_to_fs_backup") == "true");
  CHECK(attr_text(s, "secret_contents_present") == "true");
  CHECK(where(*r, s.attr("secret_contents_present")->loc()) == "values.yaml:17");
  const graph::Node& bsl = node_at(g, server + "/bsl/azure");
  CHECK(attr_text(bsl, "storage_account") == "stlegacy");
  CHECK(attr_text(bsl, "bucket") == "backups");
  CHECK(count_kind(g, NodeKind::kVolumeSnapshotLocation) == 1);
  const graph::Node& nightly = node_at(g, server + "/schedule/nightly");
  CHECK(attr_text(nightly, "schedule") == "@every 24h");
  CHECK(has_edge(g, server + "/schedule/nightly", server + "/bsl/azure", EdgeKind::kUsesLocation));
}

TEST_CASE("velero values nested under an umbrella chart key", "[graph]") {
  auto r = load_graph_case("umbrella");
  graph::Graph g = link_case(*r);
  const graph::Node& s = node_at(g, "VeleroServer/values.yaml:velero");
  CHECK(s.name == "velero");
  CHECK(where(*r, s.loc) == "values.yaml:5");  // the map under `velero:`
  const graph::Node& hourly = node_at(g, "VeleroServer/values.yaml:velero/schedule/hourly");
  CHECK(attr_text(hourly, "included_namespaces") == "[\"apps\"]");
  CHECK(has_edge(g, "VeleroServer/values.yaml:velero/schedule/hourly", "VeleroServer/values.yaml:velero/bsl/default",
                 EdgeKind::kUsesLocation));
  // Nothing else in the file is taken for Velero.
  CHECK(count_kind(g, NodeKind::kVeleroServer) == 1);
}

TEST_CASE("helm_release of the velero chart: values file and set blocks", "[graph]") {
  auto r = load_graph_case("helm-release-set");
  const std::string tf = "terraform/velero.tf";
  FileId values_file = r->sources.find("velero/values.yaml");
  REQUIRE(values_file != kNoFile);
  eval::Model m;
  std::vector<Value::Entry> sets;
  auto set_block = [&](const char* name, const char* value, std::uint32_t line) {
    return Value::map({{"name", str(name, at(*r, tf, line))}, {"value", str(value, at(*r, tf, line + 1))}},
                      at(*r, tf, line - 1));
  };
  m.resources.push_back(resource(
      "helm_release", "velero",
      {{"name", str("velero", at(*r, tf, 2))},
       {"repository", str("https://vmware-tanzu.github.io/helm-charts", at(*r, tf, 3))},
       {"chart", str("velero", at(*r, tf, 4))},
       {"namespace", str("velero", at(*r, tf, 5))},
       {"values", Value::list({str(r->sources.get(values_file).content, SourceLoc{values_file, 1, 1, 1, 1})},
                              at(*r, tf, 6))},
       {"set", Value::list({set_block("configuration.backupStorageLocation[0].config.storageAccount",
                                      "stvelerosetprod", 9),
                            set_block("schedules.daily.schedule", "0 */4 * * *", 13),
                            set_block("deployNodeAgent", "true", 17)},
                           at(*r, tf, 8))}},
      at(*r, tf, 1)));
  m.resources.push_back(resource("azurerm_storage_account", "velero",
                                 {{"name", str("stvelerosetprod", at(*r, tf, 23))},
                                  {"resource_group_name", str("rg-platform", at(*r, tf, 24))},
                                  {"location", str("northeurope", at(*r, tf, 25))},
                                  {"account_replication_type", str("LRS", at(*r, tf, 27))}},
                                 at(*r, tf, 22)));
  graph::Graph g = link_case(*r, m);
  // One server (the values file is not also read on its own).
  REQUIRE(count_kind(g, NodeKind::kVeleroServer) == 1);
  const std::string server = "VeleroServer/helm_release.velero";
  const graph::Node& s = node_at(g, server);
  CHECK(s.ns == "velero");
  CHECK(attr_text(s, "source") == "helm_release");
  CHECK(attr_text(s, "deploy_node_agent") == "true");
  CHECK(s.attr("deploy_node_agent")->is_bool());
  CHECK(where(*r, s.attr("deploy_node_agent")->loc()) == "terraform/velero.tf:18");
  CHECK(has_edge(g, "helm_release.velero", server, EdgeKind::kInstalls));
  const graph::Node& bsl = node_at(g, server + "/bsl/default");
  CHECK(attr_text(bsl, "storage_account") == "stvelerosetprod");
  CHECK(where(*r, bsl.attr("storage_account")->loc()) == "terraform/velero.tf:10");
  CHECK(attr_text(bsl, "bucket") == "velero");
  CHECK(where(*r, bsl.attr("bucket")->loc()) == "velero/values.yaml:5");
  const graph::Edge* e = edge_of(g, server + "/bsl/default", "azurerm_storage_account.velero", EdgeKind::kStoresIn);
  REQUIRE(e);
  CHECK(where(*r, e->loc) == "terraform/velero.tf:10");
  const graph::Node& daily = node_at(g, server + "/schedule/daily");
  CHECK(attr_text(daily, "schedule") == "0 */4 * * *");
  CHECK(where(*r, daily.attr("schedule")->loc()) == "terraform/velero.tf:14");
  CHECK(attr_text(daily, "ttl") == "720h");
}

TEST_CASE("helm_release values given as a yamlencode/templatefile string", "[graph]") {
  auto r = load_graph_case("helm-release-set");
  const std::string tf = "terraform/velero.tf";
  eval::Model m;
  std::string rendered = "configuration:\n  backupStorageLocation:\n    - name: default\n      bucket: b\n"
                         "      config:\n        storageAccount: strendered\n";
  m.resources.push_back(resource("helm_release", "velero",
                                 {{"chart", str("vmware-tanzu/velero", at(*r, tf, 4))},
                                  {"values", Value::list({str(rendered, at(*r, tf, 6))}, at(*r, tf, 6))}},
                                 at(*r, tf, 1)));
  graph::Graph g = link_case(*r, m);
  // The rendered string is parsed; its values point at the values argument.
  const graph::Node& bsl = node_at(g, "VeleroServer/helm_release.velero/bsl/default");
  CHECK(attr_text(bsl, "storage_account") == "strendered");
  CHECK(where(*r, bsl.attr("storage_account")->loc()) == "terraform/velero.tf:6");
  // The values file was not consumed by this release: it is a server of its own.
  CHECK(count_kind(g, NodeKind::kVeleroServer) == 2);
}

TEST_CASE("coverage is scoped to the cluster the directory layout names", "[graph]") {
  // velero/prod and velero/staging, namespaces under apps/prod and apps/staging.
  auto r = load_graph_case("multi-cluster");
  graph::Graph g = link_case(*r);
  const std::string prod = "VeleroServer/velero/prod/values.yaml/schedule/daily";
  const std::string staging = "VeleroServer/velero/staging/values.yaml/schedule/daily";
  CHECK(has_edge(g, prod, "Namespace/payments", EdgeKind::kCovers));
  CHECK_FALSE(has_edge(g, staging, "Namespace/payments", EdgeKind::kCovers));
  CHECK(has_edge(g, staging, "Namespace/checkout", EdgeKind::kCovers));
  CHECK_FALSE(has_edge(g, prod, "Namespace/checkout", EdgeKind::kCovers));
  // No environment in the path (apps/base): no evidence, both cover it.
  CHECK(has_edge(g, prod, "Namespace/shared", EdgeKind::kCovers));
  CHECK(has_edge(g, staging, "Namespace/shared", EdgeKind::kCovers));
  // One namespace name with objects in both environments: both cover it.
  CHECK(has_edge(g, prod, "Namespace/orders", EdgeKind::kCovers));
  CHECK(has_edge(g, staging, "Namespace/orders", EdgeKind::kCovers));
}

TEST_CASE("a cluster-wide Velero install still covers every cluster's namespaces", "[graph]") {
  // velero/values.yaml for all clusters, plus clusters/{prod,staging}/backup
  // Schedule CRs: only the per-cluster schedules are scoped.
  auto r = load_graph_case("global-velero");
  graph::Graph g = link_case(*r);
  const std::string global = "VeleroServer/velero/values.yaml/schedule/daily";
  CHECK(has_edge(g, global, "Namespace/db", EdgeKind::kCovers));
  CHECK(has_edge(g, global, "Namespace/web", EdgeKind::kCovers));
  CHECK(has_edge(g, "Schedule/velero/hourly-prod", "Namespace/db", EdgeKind::kCovers));
  CHECK_FALSE(has_edge(g, "Schedule/velero/hourly-prod", "Namespace/web", EdgeKind::kCovers));
  CHECK(has_edge(g, "Schedule/velero/hourly-staging", "Namespace/web", EdgeKind::kCovers));
  CHECK_FALSE(has_edge(g, "Schedule/velero/hourly-staging", "Namespace/db", EdgeKind::kCovers));
}

TEST_CASE("one module called by many roots: each copy of a resource gets its own short address", "[graph]") {
  auto r = load_graph_case("velero-list");
  const std::string tf = "terraform/storage.tf";
  eval::Model m;
  // The module's storage account, as 40 roots instantiate it: one address,
  // one declaration (file:line) for all of them.
  for (int root = 0; root < 40; ++root) {
    eval::Resource res = resource("azurerm_storage_account", "velero", {{"account_replication_type", str("GRS", at(*r, tf, 6))}},
                                  at(*r, tf, 1), "envs/env" + std::to_string(root));
    res.address = "module.storage.azurerm_storage_account.velero";
    m.resources.push_back(std::move(res));
  }
  graph::Graph g = link_case(*r, m);
  std::vector<std::string> addresses;
  for (NodeId id : g.of_kind(NodeKind::kStorageAccount)) addresses.push_back(g.node(id).address.str());
  REQUIRE(addresses.size() == 40);
  CHECK(addresses[0] == "module.storage.azurerm_storage_account.velero");
  CHECK(addresses[1] == "module.storage.azurerm_storage_account.velero@terraform/storage.tf:1");
  CHECK(addresses[2] == "module.storage.azurerm_storage_account.velero@terraform/storage.tf:1#2");
  // Numbered, not one suffix per earlier copy (that made the 40th address
  // hundreds of characters long, and linking quadratic in the copies).
  CHECK(addresses[39] == "module.storage.azurerm_storage_account.velero@terraform/storage.tf:1#39");
  std::sort(addresses.begin(), addresses.end());
  CHECK(std::adjacent_find(addresses.begin(), addresses.end()) == addresses.end());
}
