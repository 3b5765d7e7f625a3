// Evaluated Terraform -> Azure nodes (resource groups, AKS clusters, storage,
// Key Vaults, Azure Backup for AKS, alerts, helm_release) and the edges that
// Terraform references make between them.
#include <algorithm>
#include <unordered_set>

#include "analyzer/link/builder.h"

namespace drlint::link::detail {
namespace {

using R = eval::Resource;

const Value* arg(const R& r, std::string_view key) { return r.attrs.get(key); }
Value argv(const R& r, std::string_view key) { return copy_or_null(arg(r, key), r.loc); }
Value arg_or(const R& r, std::string_view key, Value dflt) {
  const Value* v = arg(r, key);
  return v && !v->is_null() ? *v : dflt;
}

Value common_attrs(const R& r) {
  Value a = Value::map({}, r.loc);
  a.set("resource_type", Value::string(r.type, r.loc));
  a.set("module_path", Value::string(r.module_path, r.loc));
  a.set("root_dir", Value::string(r.root_dir, r.loc));
  a.set("data_source", Value::boolean(r.mode == "data", r.loc));
  a.set("name", arg_or(r, "name", Value::string(r.name, r.loc)));
  if (const Value* loc = arg(r, "location")) {
    a.set("location", normalize_region(loc, r.loc));
    a.set("location_text", *loc);
  }
  if (const Value* rg = arg(r, "resource_group_name")) a.set("resource_group_name", *rg);
  return a;
}

Value zones_of(const Value* pool) {
  if (!pool) return Value::list({});
  const Value* z = pool->get("zones");
  if (!z) z = pool->get("availability_zones");  // azurerm 2.x
  if (!z || z->is_null()) return Value::list({}, pool->loc());
  return *z;
}

// A retention policy block's `days` (azurerm default 7).
Value days_or_7(const Value& policy) {
  const Value* d = policy.get("days");
  return d && !d->is_null() ? *d : Value::number(7, policy.loc());
}

void storage_account_attrs(const R& r, Value& a) {
  a.set("account_replication_type", argv(r, "account_replication_type"));
  a.set("account_tier", argv(r, "account_tier"));
  a.set("account_kind", arg_or(r, "account_kind", Value::string("StorageV2", r.loc)));
  const Value* bp = block(&r.attrs, "blob_properties");
  if (bp && !bp->known()) {
    // A dynamic blob_properties block whose for_each is unknown: the
    // protection settings cannot be known either (never "not configured").
    for (const char* k : {"blob_soft_delete_days", "container_soft_delete_days", "versioning_enabled"})
      a.set(k, Value::unknown(bp->text(), bp->loc()));
    bp = nullptr;
  }
  const Value* drp = block(bp, "delete_retention_policy");
  bool bp_unknown = a.get("versioning_enabled") != nullptr;
  if (!bp_unknown) {
    if (drp && !drp->known()) a.set("blob_soft_delete_days", Value::unknown(drp->text(), drp->loc()));
    else if (drp) a.set("blob_soft_delete_days", days_or_7(*drp));
    else a.set("blob_soft_delete_days", Value::null(bp ? bp->loc() : r.loc));
    const Value* crp = block(bp, "container_delete_retention_policy");
    if (crp && !crp->known()) a.set("container_soft_delete_days", Value::unknown(crp->text(), crp->loc()));
    else if (crp) a.set("container_soft_delete_days", days_or_7(*crp));
    else a.set("container_soft_delete_days", Value::null(bp ? bp->loc() : r.loc));
    const Value* ver = bp ? bp->get("versioning_enabled") : nullptr;
    a.set("versioning_enabled", ver ? *ver : Value::boolean(false, bp ? bp->loc() : r.loc));
  }
  const Value* imm = block(&r.attrs, "immutability_policy");
  if (imm && !imm->known()) {
    a.set("immutability_policy", Value::unknown(imm->text(), imm->loc()));
  } else {
    a.set("immutability_policy", Value::boolean(imm != nullptr, imm ? imm->loc() : r.loc));
  }
  if (imm && imm->known()) {
    a.set("immutability_state", copy_or_null(imm->get("state"), imm->loc()));
    a.set("immutability_days", copy_or_null(imm->get("period_since_creation_in_days"), imm->loc()));
  }
  const Value* pub = arg(r, "allow_nested_items_to_be_public");
  if (!pub) pub = arg(r, "allow_blob_public_access");
  a.set("allow_nested_items_to_be_public", pub ? *pub : Value::boolean(true, r.loc));
  a.set("public_network_access_enabled", arg_or(r, "public_network_access_enabled", Value::boolean(true, r.loc)));
  a.set("shared_access_key_enabled", arg_or(r, "shared_access_key_enabled", Value::boolean(true, r.loc)));
}

void backup_policy_attrs(const R& r, Value& a) {
  a.set("backup_repeating_time_intervals", string_list(arg(r, "backup_repeating_time_intervals"), r.loc));
  a.set("time_zone", argv(r, "time_zone"));
  a.set("vault_name", argv(r, "vault_name"));
  a.set("vault_id", argv(r, "vault_id"));
  std::vector<Value> retention;
  std::vector<Value> stores;
  std::unordered_set<std::string> seen;
  auto add_rule = [&](const Value& rule, const Value& name) {
    const Value* lcs = rule.get("life_cycle");
    std::vector<const Value*> cycles;
    if (lcs && lcs->is_list()) for (const Value& lc : lcs->items()) cycles.push_back(&lc);
    else if (lcs && lcs->is_map()) cycles.push_back(lcs);
    for (const Value* lc : cycles) {
      const Value* ds = lc->get("data_store_type");
      retention.push_back(Value::map({{"rule", name},
                                      {"data_store_type", copy_or_null(ds, lc->loc())},
                                      {"duration", copy_or_null(lc->get("duration"), lc->loc())}},
                                     lc->loc()));
      if (ds && ds->is_string() && seen.insert(std::string(ds->text())).second) stores.push_back(*ds);
    }
  };
  if (const Value* d = block(&r.attrs, "default_retention_rule")) add_rule(*d, Value::string("default", d->loc()));
  // azurerm 3.x early: default_retention_duration (operational store only)
  if (const Value* dd = arg(r, "default_retention_duration"))
    retention.push_back(Value::map({{"rule", Value::string("default", dd->loc())},
                                    {"data_store_type", Value::string("OperationalStore", dd->loc())},
                                    {"duration", *dd}},
                                   dd->loc()));
  if (const Value* rules = arg(r, "retention_rule"); rules && rules->is_list())
    for (const Value& rule : rules->items()) add_rule(rule, copy_or_null(rule.get("name"), rule.loc()));
  a.set("retention", Value::list(std::move(retention), r.loc));
  a.set("data_store_types", Value::list(std::move(stores), r.loc));
}

void backup_instance_attrs(const R& r, Value& a) {
  a.set("kubernetes_cluster_id", argv(r, "kubernetes_cluster_id"));
  a.set("backup_policy_id", argv(r, "backup_policy_id"));
  a.set("vault_id", argv(r, "vault_id"));
  a.set("snapshot_resource_group_name", argv(r, "snapshot_resource_group_name"));
  const Value* p = block(&r.attrs, "backup_datasource_parameters");
  SourceLoc pl = p ? p->loc() : r.loc;
  auto field = [&](const char* key) { return p ? p->get(key) : nullptr; };
  // Velero-style names so coverage and rules read one vocabulary.
  a.set("included_namespaces", string_list(field("included_namespaces"), pl));
  a.set("excluded_namespaces", string_list(field("excluded_namespaces"), pl));
  a.set("included_resources", string_list(field("included_resource_types"), pl));
  a.set("excluded_resources", string_list(field("excluded_resource_types"), pl));
  a.set("label_selectors", string_list(field("label_selectors"), pl));
  const Value* csr = field("cluster_scoped_resources_enabled");
  a.set("include_cluster_resources", csr ? *csr : Value::boolean(false, pl));
  const Value* vse = field("volume_snapshot_enabled");
  a.set("snapshot_volumes", vse ? *vse : Value::boolean(false, pl));
  a.set("parameters_declared", Value::boolean(p != nullptr, pl));
}

void extension_attrs(const R& r, Value& a) {
  a.set("extension_type", argv(r, "extension_type"));
  a.set("cluster_id", argv(r, "cluster_id"));
  a.set("release_namespace", argv(r, "release_namespace"));
  const Value* cs = arg(r, "configuration_settings");
  a.set("configuration_settings", copy_or_null(cs, r.loc));
  auto pick = [&](std::initializer_list<const char*> keys) -> Value {
    for (const char* k : keys)
      if (const Value* v = cs ? cs->get(k) : nullptr) return *v;
    return Value::null(cs ? cs->loc() : r.loc);
  };
  a.set("storage_account", pick({"configuration.backupStorageLocation.config.storageAccount", "storageAccount"}));
  a.set("storage_account_resource_group",
        pick({"configuration.backupStorageLocation.config.resourceGroup", "storageAccountResourceGroup"}));
  a.set("storage_account_subscription_id",
        pick({"configuration.backupStorageLocation.config.subscriptionId", "storageAccountSubscriptionId"}));
  a.set("blob_container", pick({"configuration.backupStorageLocation.bucket", "blobContainer"}));
}

void alert_attrs(const R& r, Value& a) {
  a.set("source", Value::string("azure_monitor", r.loc));
  const Value* scopes = arg(r, "scopes");
  if (!scopes) scopes = arg(r, "data_source_id");
  a.set("scopes", scopes && scopes->is_list() ? *scopes : Value::list(scopes ? std::vector<Value>{*scopes} : std::vector<Value>{}, r.loc));
  a.set("enabled", arg_or(r, "enabled", Value::boolean(true, r.loc)));
  std::vector<Value> metrics;
  if (const Value* c = arg(r, "criteria"); c && c->is_list())
    for (const Value& item : c->items()) {
      if (const Value* m = item.get("metric_name")) metrics.push_back(*m);
      if (const Value* q = item.get("query")) a.set("query", *q);
      if (const Value* cat = item.get("category")) a.set("category", *cat);
      if (const Value* op = item.get("operation_name")) a.set("operation_name", *op);
    }
  if (const Value* q = arg(r, "query")) a.set("query", *q);
  a.set("metrics", Value::list(std::move(metrics), r.loc));
}

struct KindOf {
  const char* type;
  NodeKind kind;
};
constexpr KindOf kKinds[] = {
    {"azurerm_resource_group", NodeKind::kResourceGroup},
    {"azurerm_kubernetes_cluster", NodeKind::kAksCluster},
    {"azurerm_storage_account", NodeKind::kStorageAccount},
    {"azurerm_storage_container", NodeKind::kStorageContainer},
    {"azurerm_key_vault", NodeKind::kKeyVault},
    {"azurerm_data_protection_backup_vault", NodeKind::kBackupVault},
    {"azurerm_data_protection_backup_policy_kubernetes_cluster", NodeKind::kBackupPolicy},
    {"azurerm_data_protection_backup_instance_kubernetes_cluster", NodeKind::kBackupInstance},
    {"azurerm_kubernetes_cluster_extension", NodeKind::kClusterExtension},
    {"helm_release", NodeKind::kHelmRelease},
    {"azurerm_monitor_metric_alert", NodeKind::kMonitorAlert},
    {"azurerm_monitor_activity_log_alert", NodeKind::kMonitorAlert},
    {"azurerm_monitor_scheduled_query_rules_alert", NodeKind::kMonitorAlert},
    {"azurerm_monitor_scheduled_query_rules_alert_v2", NodeKind::kMonitorAlert},
    {"azurerm_traffic_manager_profile", NodeKind::kTrafficFailover},
    {"azurerm_cdn_frontdoor_profile", NodeKind::kTrafficFailover},
    {"azurerm_frontdoor", NodeKind::kTrafficFailover},
};

// Read by add_node_pools() below, not a node of its own.
constexpr const char* kAlsoRead[] = {"azurerm_kubernetes_cluster_node_pool"};

// ID path segment of a resource type (for matching known Azure resource IDs).
const char* id_segment(std::string_view type) {
  if (type == "azurerm_storage_account") return "storageAccounts";
  if (type == "azurerm_kubernetes_cluster") return "managedClusters";
  if (type == "azurerm_data_protection_backup_vault") return "backupVaults";
  if (type == "azurerm_data_protection_backup_policy_kubernetes_cluster") return "backupPolicies";
  if (type == "azurerm_key_vault") return "vaults";
  if (type == "azurerm_resource_group") return "resourceGroups";
  return "";
}

std::optional<NodeId> resolve_typed(Builder& b, const R& r, const Value* v, const char* type) {
  if (!v) return std::nullopt;
  if (auto id = b.resolve(r, *v, type, id_segment(type))) return id;
  // data sources: ref:data.TYPE.NAME
  if (auto t = tf_ref_target(*v); t && t->rfind(std::string("data.") + type + ".", 0) == 0) return b.find_tf(r, *t);
  // a known name (storage_account_name = "stvelero")
  if (v->is_string() && id_segment(type)[0] && v->text().find('/') == std::string::npos) {
    std::vector<NodeId> ids = b.find_tf_by_name(type, v->text());
    if (ids.size() == 1) return ids[0];
  }
  return std::nullopt;
}

}  // namespace

}  // namespace drlint::link::detail

namespace drlint::link {

bool reads_resource_type(std::string_view type) {
  for (const detail::KindOf& k : detail::kKinds)
    if (type == k.type) return true;
  for (const char* t : detail::kAlsoRead)
    if (type == t) return true;
  return false;
}

}  // namespace drlint::link

namespace drlint::link::detail {

void add_terraform(Builder& b) {
  for (const R& r : b.model.resources) {
    const KindOf* k = nullptr;
    for (const KindOf& c : kKinds)
      if (r.type == c.type) k = &c;
    if (!k) continue;
    if (r.mode == "data" && k->kind != NodeKind::kAksCluster && k->kind != NodeKind::kStorageAccount &&
        k->kind != NodeKind::kKeyVault && k->kind != NodeKind::kResourceGroup && k->kind != NodeKind::kBackupVault)
      continue;
    Value a = common_attrs(r);
    switch (k->kind) {
      case NodeKind::kAksCluster: {
        const Value* pool = block(&r.attrs, "default_node_pool");
        Value zones = zones_of(pool);
        std::vector<Value> pools;
        if (pool) pools.push_back(Value::map({{"name", copy_or_null(pool->get("name"), pool->loc())}, {"zones", zones}}, pool->loc()));
        a.set("zones", zones.is_list() ? zones : Value::list({}, r.loc));
        a.set("node_pools", Value::list(std::move(pools), pool ? pool->loc() : r.loc));
        a.set("sku_tier", argv(r, "sku_tier"));
        a.set("kubernetes_version", argv(r, "kubernetes_version"));
        a.set("oidc_issuer_enabled", argv(r, "oidc_issuer_enabled"));
        a.set("workload_identity_enabled", argv(r, "workload_identity_enabled"));
        break;
      }
      case NodeKind::kStorageAccount: storage_account_attrs(r, a); break;
      case NodeKind::kStorageContainer:
        a.set("container_access_type", arg_or(r, "container_access_type", Value::string("private", r.loc)));
        a.set("storage_account_name", argv(r, "storage_account_name"));
        a.set("storage_account_id", argv(r, "storage_account_id"));
        break;
      case NodeKind::kKeyVault:
        a.set("purge_protection_enabled", arg_or(r, "purge_protection_enabled", Value::boolean(false, r.loc)));
        a.set("soft_delete_retention_days", arg_or(r, "soft_delete_retention_days", Value::number(90, r.loc)));
        a.set("sku_name", argv(r, "sku_name"));
        break;
      case NodeKind::kBackupVault:
        a.set("datastore_type", argv(r, "datastore_type"));
        a.set("redundancy", argv(r, "redundancy"));
        a.set("cross_region_restore_enabled", arg_or(r, "cross_region_restore_enabled", Value::boolean(false, r.loc)));
        a.set("soft_delete", arg_or(r, "soft_delete", Value::string("On", r.loc)));
        a.set("retention_duration_in_days", arg_or(r, "retention_duration_in_days", Value::number(14, r.loc)));
        a.set("immutability", arg_or(r, "immutability", Value::string("Disabled", r.loc)));
        break;
      case NodeKind::kBackupPolicy: backup_policy_attrs(r, a); break;
      case NodeKind::kBackupInstance: backup_instance_attrs(r, a); break;
      case NodeKind::kClusterExtension: extension_attrs(r, a); break;
      case NodeKind::kHelmRelease:
        a.set("chart", argv(r, "chart"));
        a.set("repository", argv(r, "repository"));
        a.set("version", argv(r, "version"));
        a.set("namespace", arg_or(r, "namespace", Value::string("default", r.loc)));
        break;
      case NodeKind::kMonitorAlert: alert_attrs(r, a); break;
      case NodeKind::kTrafficFailover:
        a.set("traffic_routing_method", argv(r, "traffic_routing_method"));
        break;
      default: break;
    }
    std::string name = text_of(a.get("name"));
    if (name.empty()) name = r.name;
    NodeId id = b.add(k->kind, name, "", r.address, r.loc, std::move(a));
    std::string local = (r.mode == "data" ? "data." : "") + r.type + "." + r.name;
    b.tf_nodes.emplace(r.root_dir + "|" + r.module_path + "|" + local, id);
    if (const Value* n = arg(r, "name"); n && n->is_string()) b.tf_names[r.type + "|" + lower(n->text())].push_back(id);
    b.tf_resource.emplace(id, &r);
  }

  // Node pools add their zones to their cluster.
  for (const R& r : b.model.resources) {
    if (r.type != "azurerm_kubernetes_cluster_node_pool" || r.mode != "resource") continue;
    auto cluster = resolve_typed(b, r, arg(r, "kubernetes_cluster_id"), "azurerm_kubernetes_cluster");
    if (!cluster) continue;
    graph::Node& c = b.node(*cluster);
    Value zones = zones_of(&r.attrs);
    if (Value* pools = c.attrs.get_mutable("node_pools"))
      pools->mutable_items().push_back(Value::map({{"name", argv(r, "name")}, {"zones", zones}, {"address", Value::string(r.address, r.loc)}}, r.loc));
    if (Value* all = c.attrs.get_mutable("zones"); all && all->is_list() && zones.is_list())
      for (const Value& z : zones.items()) {
        bool dup = false;
        for (const Value& have : all->items()) dup = dup || have.equals(z);
        if (!dup) all->mutable_items().push_back(z);
      }
  }

  // Edges made by Terraform references.
  std::unordered_map<std::string, std::vector<NodeId>> clusters_by_root;
  for (const auto& [id, rp] : b.tf_resource)
    if (b.node(id).kind == NodeKind::kAksCluster && rp->mode == "resource") clusters_by_root[rp->root_dir].push_back(id);
  std::vector<std::pair<NodeId, const R*>> ordered(b.tf_resource.begin(), b.tf_resource.end());
  std::sort(ordered.begin(), ordered.end(), [](const auto& x, const auto& y) { return graph::index(x.first) < graph::index(y.first); });
  for (const auto& entry : ordered) {
    const NodeId id = entry.first;  // not a structured binding: C++17 lambdas cannot capture those (clang)
    const R& r = *entry.second;
    const NodeKind kind = b.node(id).kind;
    auto link = [&](const char* key, const char* type, EdgeKind ek) {
      const Value* v = arg(r, key);
      if (auto to = resolve_typed(b, r, v, type)) b.edge(id, *to, ek, v->loc());
    };
    if (kind != NodeKind::kResourceGroup) link("resource_group_name", "azurerm_resource_group", EdgeKind::kInResourceGroup);
    switch (kind) {
      case NodeKind::kStorageContainer:
        link("storage_account_name", "azurerm_storage_account", EdgeKind::kContainerOf);
        link("storage_account_id", "azurerm_storage_account", EdgeKind::kContainerOf);
        break;
      case NodeKind::kBackupPolicy:
        link("vault_name", "azurerm_data_protection_backup_vault", EdgeKind::kInVault);
        link("vault_id", "azurerm_data_protection_backup_vault", EdgeKind::kInVault);
        break;
      case NodeKind::kBackupInstance:
        link("vault_id", "azurerm_data_protection_backup_vault", EdgeKind::kInVault);
        link("backup_policy_id", "azurerm_data_protection_backup_policy_kubernetes_cluster", EdgeKind::kUsesPolicy);
        link("kubernetes_cluster_id", "azurerm_kubernetes_cluster", EdgeKind::kProtects);
        break;
      case NodeKind::kClusterExtension: {
        link("cluster_id", "azurerm_kubernetes_cluster", EdgeKind::kInstalledOn);
        const Value* sa = b.node(id).attr("storage_account");
        if (sa) {
          if (auto to = resolve_typed(b, r, sa, "azurerm_storage_account")) b.edge(id, *to, EdgeKind::kStoresIn, sa->loc());
        }
        break;
      }
      case NodeKind::kMonitorAlert: {
        const Value* scopes = b.node(id).attr("scopes");
        if (!scopes) break;
        std::vector<Value> items = scopes->is_list() ? scopes->items() : std::vector<Value>{*scopes};
        for (const Value& s : items)
          for (const char* type : {"azurerm_data_protection_backup_vault", "azurerm_storage_account", "azurerm_kubernetes_cluster"})
            if (auto to = resolve_typed(b, r, &s, type)) b.edge(id, *to, EdgeKind::kMonitors, s.loc());
        break;
      }
      case NodeKind::kHelmRelease: {
        auto it = clusters_by_root.find(r.root_dir);
        if (it != clusters_by_root.end() && it->second.size() == 1) b.edge(id, it->second[0], EdgeKind::kInstalledOn, r.loc);
        break;
      }
      default: break;
    }
  }
}

}  // namespace drlint::link::detail
