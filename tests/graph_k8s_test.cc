// Linker tests: Kubernetes objects, storage classes, StatefulSet claim
// templates, CRDs, secret stores, operations evidence, Azure Backup for AKS,
// declared policies, and `drlint graph` through the binary.
#include <tuple>

#include <nlohmann/json.hpp>

#include "analyzer/graph/k8s_identity.h"
#include "graph_test_util.h"
#include "test_support.h"

using namespace drlint;
using namespace drlint::testing;
using graph::EdgeKind;
using graph::NodeKind;

TEST_CASE("StatefulSet claim templates, default class annotation and AKS built-in classes", "[graph]") {
  auto r = load_graph_case("statefulset");
  graph::Graph g = link_case(*r);
  const graph::Node& tpl = node_at(g, "PersistentVolumeClaim/db/data-postgres");
  CHECK(tpl.kind == NodeKind::kPvc);
  CHECK(where(*r, tpl.loc) == "postgres.yaml:26");
  CHECK(attr_text(tpl, "template") == "true");
  CHECK(attr_text(tpl, "replicas") == "3");
  CHECK(attr_text(tpl, "storage_class") == "managed-csi-premium");
  CHECK(attr_text(tpl, "storage_class_source") == "explicit");
  CHECK(attr_text(tpl, "request") == "100Gi");
  CHECK(attr_text(tpl, "owner_workload") == "StatefulSet/db/postgres");
  CHECK(attr_text(tpl, "pod_volume") == "data");
  CHECK(attr_text(tpl, "fs_backup_opt_in") == "true");
  CHECK(has_edge(g, "StatefulSet/db/postgres", "PersistentVolumeClaim/db/data-postgres", EdgeKind::kMountsClaim));
  const graph::Edge* uses = edge_of(g, "PersistentVolumeClaim/db/data-postgres", "StorageClass/managed-csi-premium",
                                    EdgeKind::kUsesStorageClass);
  REQUIRE(uses);
  CHECK(where(*r, uses->loc) == "postgres.yaml:29");
  const graph::Node& premium = node_at(g, "StorageClass/managed-csi-premium");
  CHECK(attr_text(premium, "builtin") == "true");
  CHECK(attr_text(premium, "sku") == "Premium_LRS");
  CHECK(attr_text(premium, "provisioner") == "disk.csi.azure.com");
  CHECK(attr_text(premium, "volume_type") == "disk");

  // No storageClassName: the class annotated default.
  const graph::Node& scratch = node_at(g, "PersistentVolumeClaim/db/scratch");
  CHECK(attr_text(scratch, "storage_class") == "zrs-disk");
  CHECK(attr_text(scratch, "storage_class_source") == "default_annotation");
  CHECK(where(*r, scratch.attr("storage_class")->loc()) == "storage.yaml:6");
  CHECK(has_edge(g, "PersistentVolumeClaim/db/scratch", "StorageClass/zrs-disk", EdgeKind::kUsesStorageClass));
  const graph::Node& zrs = node_at(g, "StorageClass/zrs-disk");
  CHECK(attr_text(zrs, "sku") == "Premium_ZRS");
  CHECK(attr_text(zrs, "is_default") == "true");
  CHECK(attr_text(zrs, "builtin") == "false");

  // A mounted claim with a built-in class.
  const graph::Node& uploads = node_at(g, "PersistentVolumeClaim/db/uploads");
  CHECK(attr_text(uploads, "storage_class") == "managed-csi");
  CHECK(attr_text(uploads, "owner_workload") == "StatefulSet/db/postgres");
  CHECK(attr_text(uploads, "fs_backup_opt_in") == "true");
  CHECK(attr_text(node_at(g, "StorageClass/managed-csi"), "sku") == "StandardSSD_LRS");
  CHECK(has_edge(g, "StatefulSet/db/postgres", "PersistentVolumeClaim/db/uploads", EdgeKind::kMountsClaim));
  // Built-ins exist only when referenced.
  CHECK(g.find("StorageClass/azurefile-csi") == nullptr);
  // The namespace is implicit, located at its first object.
  const graph::Node& db = node_at(g, "Namespace/db");
  CHECK(attr_text(db, "implicit") == "true");
  CHECK(where(*r, db.loc) == "postgres.yaml:4");
  CHECK(has_edge(g, "PersistentVolumeClaim/db/scratch", "Namespace/db", EdgeKind::kInNamespace));
}

TEST_CASE("custom resources link to their CRD in another file", "[graph]") {
  auto r = load_graph_case("crd-cr");
  graph::Graph g = link_case(*r);
  const graph::Node& crd = node_at(g, "CustomResourceDefinition/widgets.example.com");
  CHECK(attr_text(crd, "crd_group") == "example.com");
  CHECK(attr_text(crd, "crd_kind") == "Widget");
  CHECK(attr_text(crd, "scope") == "Namespaced");
  REQUIRE(crd.attr("versions")->size() == 2);
  CHECK(crd.attr("versions")->items()[1].string_at("served") == "false");
  const graph::Node& blue = node_at(g, "Widget.example.com/shop/blue");
  CHECK(blue.kind == NodeKind::kCustomResource);
  CHECK(where(*r, blue.loc) == "app/widget.yaml:7");
  CHECK(graph::api_version_of(blue).version == "v1");
  CHECK(graph::api_version_of(blue).group == "example.com");
  CHECK_FALSE(blue.attr("group"));  // read from api_version, not stored
  CHECK(has_edge(g, "Widget.example.com/shop/blue", "CustomResourceDefinition/widgets.example.com",
                 EdgeKind::kInstanceOf));
  // From a List, without namespace: "default".
  const graph::Node& green = node_at(g, "Widget.example.com/default/green");
  CHECK(graph::api_version_of(green).version == "v1beta1");
  CHECK(has_edge(g, "Widget.example.com/default/green", "Namespace/default", EdgeKind::kInNamespace));
}

TEST_CASE("ExternalSecret -> ClusterSecretStore -> azurerm_key_vault; SecretProviderClass -> Key Vault", "[graph]") {
  auto r = load_graph_case("external-secrets");
  const std::string tf = "terraform/kv.tf";
  eval::Model m;
  m.resources.push_back(resource("azurerm_key_vault", "platform",
                                 {{"name", str("kv-platform-prod", at(*r, tf, 2))},
                                  {"location", str("westeurope", at(*r, tf, 3))},
                                  {"purge_protection_enabled", Value::boolean(true, at(*r, tf, 7))}},
                                 at(*r, tf, 1)));
  graph::Graph g = link_case(*r, m);
  const graph::Node& es = node_at(g, "ExternalSecret/payments/db-password");
  CHECK(attr_text(es, "store_kind") == "ClusterSecretStore");
  const graph::Edge* reads = edge_of(g, "ExternalSecret/payments/db-password", "ClusterSecretStore/platform-kv",
                                     EdgeKind::kReadsFrom);
  REQUIRE(reads);
  CHECK(where(*r, reads->loc) == "k8s/store.yaml:27");
  const graph::Node& store = node_at(g, "ClusterSecretStore/platform-kv");
  CHECK(store.ns.empty());
  CHECK(attr_text(store, "provider") == "azurekv");
  CHECK(attr_text(store, "vault_name") == "kv-platform-prod");
  REQUIRE(store.attr("auth_secret_refs")->size() == 2);
  CHECK(store.attr("auth_secret_refs")->items()[0].string_at("namespace") == "external-secrets");
  const graph::Edge* backed = edge_of(g, "ClusterSecretStore/platform-kv", "azurerm_key_vault.platform", EdgeKind::kBackedBy);
  REQUIRE(backed);
  CHECK(where(*r, backed->loc) == "k8s/store.yaml:8");
  CHECK(attr_text(node_at(g, "azurerm_key_vault.platform"), "purge_protection_enabled") == "true");
  CHECK(has_edge(g, "SecretProviderClass/payments/tls", "azurerm_key_vault.platform", EdgeKind::kBackedBy));
  CHECK(graph::is_custom_resource(es));
  CHECK(graph::is_custom_resource(node_at(g, "SecretProviderClass/payments/tls")));  // secrets-store.csi.x-k8s.io
}

TEST_CASE("a GitHub workflow that runs a scheduled velero restore is a restore drill", "[graph]") {
  auto r = load_graph_case("github-drill");
  graph::Graph g = link_case(*r);
  REQUIRE(count_kind(g, NodeKind::kRestoreDrill) == 1);
  const graph::Node& d = node_at(g, "RestoreDrill/.github/workflows/restore-drill.yml");
  CHECK(d.name == "monthly restore drill");
  CHECK(attr_text(d, "ci") == "github");
  CHECK(attr_text(d, "schedule") == "0 4 1 * *");
  CHECK(where(*r, d.attr("schedule")->loc()) == ".github/workflows/restore-drill.yml:4");
  CHECK(attr_text(d, "manual") == "true");
  REQUIRE(d.attr("commands")->size() == 1);
  const Value& cmd = d.attr("commands")->items()[0];
  CHECK(cmd.text().rfind("velero restore create", 0) == 0);
  CHECK(where(*r, cmd.loc()) == ".github/workflows/restore-drill.yml:14");
  CHECK(where(*r, d.loc) == ".github/workflows/restore-drill.yml:14");
  // --from-schedule velero-daily: the chart names schedules <release>-<key>.
  CHECK(has_edge(g, "RestoreDrill/.github/workflows/restore-drill.yml", "VeleroServer/velero/values.yaml/schedule/daily",
                 EdgeKind::kRestores));
}

TEST_CASE("PrometheusRule alerts on velero metrics monitor the Velero server", "[graph]") {
  auto r = load_graph_case("prometheus");
  graph::Graph g = link_case(*r);
  REQUIRE(count_kind(g, NodeKind::kMonitorAlert) == 2);  // NodeDown is not about backups
  const graph::Node& a = node_at(g, "PrometheusRule/monitoring/velero-alerts/alert/VeleroBackupFailed");
  CHECK(a.ns == "monitoring");
  CHECK(where(*r, a.loc) == "rules.yaml:10");
  CHECK(attr_text(a, "metrics") == "[\"velero_backup_failure_total\"]");
  CHECK(attr_text(a, "severity") == "critical");
  CHECK(attr_text(node_at(g, "PrometheusRule/monitoring/velero-alerts/alert/VeleroBackupStale"), "metrics") ==
        "[\"velero_backup_last_successful_timestamp\"]");
  CHECK(has_edge(g, "PrometheusRule/monitoring/velero-alerts/alert/VeleroBackupFailed", "VeleroServer/velero-values.yaml",
                 EdgeKind::kMonitors));
  // The PrometheusRule object itself is a custom resource.
  CHECK(node_at(g, "PrometheusRule.monitoring.coreos.com/monitoring/velero-alerts").kind == NodeKind::kCustomResource);
}

TEST_CASE("namespace annotations declare policies", "[graph]") {
  auto r = load_graph_case("policy");
  link::PolicyInputs in;
  link::ConfigPolicy cp;
  cp.name = "analytics-team";
  cp.namespaces = {"analy*"};
  cp.rpo = Value::string("4h");
  in.policies.push_back(cp);
  graph::Graph g = link_case(*r, {}, in);
  const graph::Node& p = node_at(g, "Policy/namespace/payments");
  CHECK(p.kind == NodeKind::kPolicy);
  CHECK(attr_text(p, "rpo") == "15m");
  CHECK(attr_text(p, "rpo_seconds") == "900");
  CHECK(attr_text(p, "rto_seconds") == "5400");
  CHECK(attr_text(p, "ignore") == "DR050");
  CHECK(where(*r, p.loc) == "namespaces.yaml:6");
  const graph::Edge* e = edge_of(g, "Policy/namespace/payments", "Namespace/payments", EdgeKind::kDeclaresObjective);
  REQUIRE(e);
  CHECK(where(*r, e->loc) == "namespaces.yaml:6");
  const graph::Node& bad = node_at(g, "Policy/namespace/reporting");
  CHECK(bad.attr("rpo_seconds") == nullptr);
  CHECK(bad.attr("rpo_error") != nullptr);
  // Config policies match namespace globs (here an implicit namespace).
  CHECK(has_edge(g, "Policy/config/analytics-team", "Namespace/analytics", EdgeKind::kDeclaresObjective));
  CHECK(attr_text(node_at(g, "Namespace/payments"), "implicit") == "false");
}

TEST_CASE("Azure Backup for AKS: vault, policy, instance, extension, alert", "[graph]") {
  auto r = load_graph_case("azure-backup");
  const std::string tf = "backup.tf";
  auto L = [&](std::uint32_t line) { return at(*r, tf, line); };
  eval::Model m;
  m.resources.push_back(resource(
      "azurerm_kubernetes_cluster", "main",
      {{"name", str("aks-prod", L(2))},
       {"location", str("westeurope", L(3))},
       {"resource_group_name", str("rg-aks", L(4))},
       {"default_node_pool",
        Value::list({Value::map({{"name", str("system", L(8))},
                                 {"zones", Value::list({str("1", L(11)), str("2", L(11))}, L(11))}},
                                L(7))},
                    L(7))}},
      L(1)));
  m.resources.push_back(resource("azurerm_kubernetes_cluster_node_pool", "apps",
                                 {{"name", str("apps", L(16))},
                                  {"kubernetes_cluster_id", ref("azurerm_kubernetes_cluster.main.id", L(17))},
                                  {"zones", Value::list({str("2", L(19)), str("3", L(19))}, L(19))}},
                                 L(15)));
  m.resources.push_back(resource("azurerm_data_protection_backup_vault", "aks",
                                 {{"name", str("bv-aks", L(23))},
                                  {"location", str("westeurope", L(25))},
                                  {"datastore_type", str("VaultStore", L(26))},
                                  {"redundancy", str("LocallyRedundant", L(27))}},
                                 L(22)));
  m.resources.push_back(resource(
      "azurerm_data_protection_backup_policy_kubernetes_cluster", "daily",
      {{"name", str("aks-daily", L(31))},
       {"vault_name", ref("azurerm_data_protection_backup_vault.aks.name", L(33))},
       {"backup_repeating_time_intervals", Value::list({str("R/2024-01-01T02:00:00+00:00/P1D", L(34))}, L(34))},
       {"default_retention_rule",
        Value::list({Value::map({{"life_cycle", Value::list({Value::map({{"duration", str("P7D", L(38))},
                                                                          {"data_store_type", str("OperationalStore", L(39))}},
                                                                         L(37))},
                                                            L(37))}},
                                L(36))},
                    L(36))}},
      L(30)));
  m.resources.push_back(resource(
      "azurerm_data_protection_backup_instance_kubernetes_cluster", "aks",
      {{"name", str("aks-prod-backup", L(45))},
       {"vault_id", ref("azurerm_data_protection_backup_vault.aks.id", L(47))},
       {"kubernetes_cluster_id", ref("azurerm_kubernetes_cluster.main.id", L(48))},
       {"backup_policy_id", ref("azurerm_data_protection_backup_policy_kubernetes_cluster.daily.id", L(50))},
       {"backup_datasource_parameters",
        Value::list({Value::map({{"included_namespaces", Value::list({str("payments", L(53))}, L(53))},
                                 {"excluded_resource_types", Value::list({str("secrets", L(54))}, L(54))},
                                 {"cluster_scoped_resources_enabled", Value::boolean(true, L(55))},
                                 {"volume_snapshot_enabled", Value::boolean(true, L(56))}},
                                L(52))},
                    L(52))}},
      L(44)));
  m.resources.push_back(resource("azurerm_storage_account", "staging",
                                 {{"name", str("stakbackupstaging", L(61))},
                                  {"location", str("westeurope", L(63))},
                                  {"account_replication_type", str("LRS", L(65))}},
                                 L(60)));
  m.resources.push_back(resource(
      "azurerm_kubernetes_cluster_extension", "backup",
      {{"name", str("azure-aks-backup", L(69))},
       {"cluster_id", ref("azurerm_kubernetes_cluster.main.id", L(70))},
       {"extension_type", str("microsoft.dataprotection.kubernetes", L(71))},
       {"configuration_settings",
        Value::map({{"configuration.backupStorageLocation.bucket", str("aks-backups", L(73))},
                    {"configuration.backupStorageLocation.config.storageAccount",
                     ref("azurerm_storage_account.staging.name", L(74))}},
                   L(72))}},
      L(68)));
  m.resources.push_back(resource("azurerm_monitor_activity_log_alert", "backup_failures",
                                 {{"name", str("aks-backup-failures", L(79))},
                                  {"scopes", Value::list({ref("azurerm_data_protection_backup_vault.aks.id", L(81))}, L(81))}},
                                 L(78)));
  graph::Graph g = link_case(*r, m);

  const graph::Node& aks = node_at(g, "azurerm_kubernetes_cluster.main");
  CHECK(aks.kind == NodeKind::kAksCluster);
  CHECK(attr_text(aks, "zones") == "[\"1\", \"2\", \"3\"]");
  CHECK(aks.attr("node_pools")->size() == 2);
  const graph::Node& vault = node_at(g, "azurerm_data_protection_backup_vault.aks");
  CHECK(attr_text(vault, "redundancy") == "LocallyRedundant");
  CHECK(attr_text(vault, "cross_region_restore_enabled") == "false");
  CHECK(attr_text(vault, "soft_delete") == "On");
  const graph::Node& pol = node_at(g, "azurerm_data_protection_backup_policy_kubernetes_cluster.daily");
  CHECK(attr_text(pol, "data_store_types") == "[\"OperationalStore\"]");
  REQUIRE(pol.attr("retention")->size() == 1);
  CHECK(pol.attr("retention")->items()[0].string_at("duration") == "P7D");
  CHECK(where(*r, pol.attr("retention")->items()[0].get("duration")->loc()) == "backup.tf:38");
  CHECK(has_edge(g, "azurerm_data_protection_backup_policy_kubernetes_cluster.daily",
                 "azurerm_data_protection_backup_vault.aks", EdgeKind::kInVault));
  const std::string inst = "azurerm_data_protection_backup_instance_kubernetes_cluster.aks";
  const graph::Node& bi = node_at(g, inst);
  CHECK(attr_text(bi, "included_namespaces") == "[\"payments\"]");
  CHECK(attr_text(bi, "excluded_resources") == "[\"secrets\"]");
  CHECK(attr_text(bi, "include_cluster_resources") == "true");
  CHECK(attr_text(bi, "snapshot_volumes") == "true");
  CHECK(has_edge(g, inst, "azurerm_data_protection_backup_vault.aks", EdgeKind::kInVault));
  CHECK(has_edge(g, inst, "azurerm_data_protection_backup_policy_kubernetes_cluster.daily", EdgeKind::kUsesPolicy));
  const graph::Edge* prot = edge_of(g, inst, "azurerm_kubernetes_cluster.main", EdgeKind::kProtects);
  REQUIRE(prot);
  CHECK(where(*r, prot->loc) == "backup.tf:48");
  const graph::Edge* cov = edge_of(g, inst, "Namespace/payments", EdgeKind::kCovers);
  REQUIRE(cov);
  CHECK(where(*r, cov->loc) == "backup.tf:53");
  const graph::Node& ext = node_at(g, "azurerm_kubernetes_cluster_extension.backup");
  CHECK(attr_text(ext, "blob_container") == "aks-backups");
  CHECK(has_edge(g, "azurerm_kubernetes_cluster_extension.backup", "azurerm_storage_account.staging", EdgeKind::kStoresIn));
  CHECK(has_edge(g, "azurerm_kubernetes_cluster_extension.backup", "azurerm_kubernetes_cluster.main", EdgeKind::kInstalledOn));
  CHECK(has_edge(g, "azurerm_monitor_activity_log_alert.backup_failures", "azurerm_data_protection_backup_vault.aks",
                 EdgeKind::kMonitors));
}

TEST_CASE("drlint graph --format json through the binary", "[graph]") {
  std::string dir = std::string(DRLINT_TESTDATA) + "/graph/statefulset";
  RunResult run = run_drlint("graph " + shell_quote(dir) + " --root " + shell_quote(dir) + " --format json", dir);
  REQUIRE(run.exit_code == 0);
  nlohmann::json j = nlohmann::json::parse(run.out);
  REQUIRE(j["nodes"].is_array());
  bool found = false;
  for (const auto& n : j["nodes"]) {
    if (n["address"] != "PersistentVolumeClaim/db/data-postgres") continue;
    found = true;
    CHECK(n["kind"] == "pvc");
    CHECK(n["namespace"] == "db");
    CHECK(n["location"] == "postgres.yaml:26:15");
    CHECK(n["attributes"]["storage_class"] == "managed-csi-premium");
    CHECK(n["attribute_locations"]["storage_class"] == "postgres.yaml:29:27");
  }
  CHECK(found);
  bool edge = false;
  for (const auto& e : j["edges"]) edge = edge || e["relation"] == "uses_storage_class";
  CHECK(edge);
  RunResult dot = run_drlint("graph " + shell_quote(dir) + " --format dot", dir);
  CHECK(dot.exit_code == 0);
  CHECK(dot.out.rfind("digraph drlint {", 0) == 0);
  RunResult bad = run_drlint("graph " + shell_quote(dir) + " --format xml", dir);
  CHECK(bad.exit_code == 2);
}

TEST_CASE("end to end through the Terraform evaluator: Azure Backup for AKS and a velero helm_release", "[graph]") {
  auto ab = load_graph_case("azure-backup", true);
  const graph::Graph& g = ab->graph;
  const std::string inst = "azurerm_data_protection_backup_instance_kubernetes_cluster.aks";
  CHECK(has_edge(g, inst, "azurerm_kubernetes_cluster.main", EdgeKind::kProtects));
  CHECK(has_edge(g, inst, "azurerm_data_protection_backup_vault.aks", EdgeKind::kInVault));
  CHECK(has_edge(g, inst, "azurerm_data_protection_backup_policy_kubernetes_cluster.daily", EdgeKind::kUsesPolicy));
  CHECK(has_edge(g, "azurerm_data_protection_backup_policy_kubernetes_cluster.daily",
                 "azurerm_data_protection_backup_vault.aks", EdgeKind::kInVault));
  const graph::Edge* cov = edge_of(g, inst, "Namespace/payments", EdgeKind::kCovers);
  REQUIRE(cov);
  CHECK(where(*ab, cov->loc) == "backup.tf:53");
  // Edges made by `x_id = azurerm_y.z.id` sit at the referencing argument,
  // not at the referenced block.
  for (auto [to, kind, line] : {std::tuple{"azurerm_kubernetes_cluster.main", EdgeKind::kProtects, "backup.tf:48"},
                                std::tuple{"azurerm_data_protection_backup_vault.aks", EdgeKind::kInVault, "backup.tf:47"},
                                std::tuple{"azurerm_data_protection_backup_policy_kubernetes_cluster.daily",
                                           EdgeKind::kUsesPolicy, "backup.tf:50"}}) {
    const graph::Edge* e = edge_of(g, inst, to, kind);
    REQUIRE(e);
    CHECK(where(*ab, e->loc) == line);
  }
  const graph::Edge* on = edge_of(g, "azurerm_kubernetes_cluster_extension.backup", "azurerm_kubernetes_cluster.main",
                                  EdgeKind::kInstalledOn);
  REQUIRE(on);
  CHECK(where(*ab, on->loc) == "backup.tf:70");
  CHECK(has_edge(g, "azurerm_kubernetes_cluster_extension.backup", "azurerm_storage_account.staging", EdgeKind::kStoresIn));
  CHECK(has_edge(g, "azurerm_monitor_activity_log_alert.backup_failures", "azurerm_data_protection_backup_vault.aks",
                 EdgeKind::kMonitors));
  CHECK(attr_text(node_at(g, "azurerm_kubernetes_cluster.main"), "zones") == "[\"1\", \"2\", \"3\"]");

  auto hr = load_graph_case("helm-release-set", true);
  const graph::Graph& h = hr->graph;
  REQUIRE(count_kind(h, NodeKind::kVeleroServer) == 1);
  const graph::Node& bsl = node_at(h, "VeleroServer/helm_release.velero/bsl/default");
  CHECK(attr_text(bsl, "storage_account") == "stvelerosetprod");
  CHECK(where(*hr, bsl.attr("bucket")->loc()) == "velero/values.yaml:5");
  CHECK(has_edge(h, "VeleroServer/helm_release.velero/bsl/default", "azurerm_storage_account.velero", EdgeKind::kStoresIn));
  CHECK(attr_text(node_at(h, "VeleroServer/helm_release.velero/schedule/daily"), "schedule") == "0 */4 * * *");
}

TEST_CASE("a Kubernetes node's API group and version are read from its api_version", "[graph]") {
  CHECK(graph::split_api_version("apps/v1").group == "apps");
  CHECK(graph::split_api_version("apps/v1").version == "v1");
  CHECK(graph::split_api_version("v1").group.empty());
  CHECK(graph::split_api_version("v1").version == "v1");
  CHECK(graph::split_api_version("external-secrets.io/v1beta1").group == "external-secrets.io");
  CHECK(graph::is_builtin_group(""));
  CHECK(graph::is_builtin_group("batch"));
  CHECK(graph::is_builtin_group("storage.k8s.io"));
  CHECK_FALSE(graph::is_builtin_group("velero.io"));
  graph::Node pvc, widget, bucket;
  pvc.attrs.set("api_version", Value::string("v1"));
  widget.attrs.set("api_version", Value::string("example.com/v2"));
  bucket.attrs.set("resource_type", Value::string("azurerm_storage_account"));  // not a Kubernetes object
  CHECK_FALSE(graph::is_custom_resource(pvc));
  CHECK(graph::is_custom_resource(widget));
  CHECK(graph::api_version_of(widget).version == "v2");
  CHECK_FALSE(graph::is_custom_resource(bucket));
  CHECK(graph::api_version_of(bucket).version.empty());
}
