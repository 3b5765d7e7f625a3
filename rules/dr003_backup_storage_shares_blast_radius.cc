// DR003 backup-storage-shares-blast-radius: the backup storage lives in the
// same resource group (or subscription) as the cluster it protects.
#include <algorithm>
#include <set>
#include <string>

#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/graph_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(When the backups live in the cluster's own resource group, one
`terraform destroy`, one `az group delete`, or one compromised identity with
rights on that group removes the cluster and every backup of it at once. The
same holds, one level up, for a shared subscription. Backups should sit
behind a different boundary than the thing they protect.

**How to fix**: move the backup storage account (or backup vault) to a
dedicated resource group, ideally in a dedicated backup subscription, with a
`CanNotDelete` lock and access limited to the backup identity.

Before:

```hcl
resource "azurerm_storage_account" "velero" {
  resource_group_name = azurerm_resource_group.platform.name  # the cluster's group
  # ...
}
```

After:

```hcl
resource "azurerm_resource_group" "backup" {
  name     = "rg-prod-backup"
  location = "northeurope"
}

resource "azurerm_management_lock" "backup" {
  name       = "no-delete"
  scope      = azurerm_resource_group.backup.id
  lock_level = "CanNotDelete"
}

resource "azurerm_storage_account" "velero" {
  resource_group_name = azurerm_resource_group.backup.name
  # ...
}
```
)md";

const RuleInfo kInfo{
    "DR003",
    "backup-storage-shares-blast-radius",
    Level::kNote,
    "The backup storage lives in the same resource group or subscription as the cluster it protects.",
    "The Velero backup storage account, or the Azure Backup vault, is in the same resource group as "
    "the AKS cluster it protects (or in the same subscription, where both are known), so deleting "
    "that group or compromising an identity scoped to it removes the cluster and its backups "
    "together. Unknown resource groups never fire; two references to the same resource group "
    "resource count as the same group.",
    kHelp,
    {"storage", "blast-radius", "velero", "azure-backup"},
    "",
};

// The resource group node a resource is in, if the graph links it.
std::optional<graph::NodeId> group_node(const graph::Graph& g, const graph::Node& n) {
  for (const graph::Edge* e : g.out(n.id, graph::EdgeKind::kInResourceGroup)) return e->to;
  return std::nullopt;
}

// Same resource group: one linked node, equal known names, or the same
// Terraform reference (both unknown "ref:azurerm_resource_group.x.name" in
// one module).
bool same_group(const graph::Graph& g, const graph::Node& a, const graph::Node& b, std::string* name) {
  std::optional<graph::NodeId> ga = group_node(g, a), gb = group_node(g, b);
  const Value* ra = a.attr("resource_group_name");
  const Value* rb = b.attr("resource_group_name");
  std::optional<std::string> na = query::known_text(ra), nb = query::known_text(rb);
  if (ga && gb && *ga == *gb) {
    *name = na ? *na : g.node(*ga).name;
    return true;
  }
  if (na && nb && !na->empty()) {
    *name = *na;
    return query::iequals(*na, *nb);
  }
  if (ra && rb && !ra->known() && !rb->known() && ra->text().rfind("ref:", 0) == 0 && ra->text() == rb->text() &&
      a.attr("module_path") && b.attr("module_path") && a.attr("module_path")->equals(*b.attr("module_path")) &&
      a.attr("root_dir") && b.attr("root_dir") && a.attr("root_dir")->equals(*b.attr("root_dir"))) {
    std::string ref = std::string(ra->text()).substr(4);
    *name = ref.size() > 5 && ref.compare(ref.size() - 5, 5, ".name") == 0 ? ref.substr(0, ref.size() - 5) : ref;
    return true;
  }
  return false;
}

bool same_subscription(const graph::Node& a, const graph::Node& b, std::string* sub) {
  std::optional<std::string> sa = query::known_text(a.attr("subscription_id"));
  std::optional<std::string> sb = query::known_text(b.attr("subscription_id"));
  if (!sa || !sb || sa->empty() || !query::iequals(*sa, *sb)) return false;
  *sub = *sa;
  return true;
}

void check_pair(const RuleContext& ctx, FindingSink& out, const graph::Node& storage, const std::string& what,
                const graph::Node& cluster, const std::vector<SourceLoc>& named_at, std::set<std::string>& seen) {
  const graph::Graph& g = ctx.graph;
  std::string group, sub;
  std::string key = what + " " + storage.address + " / cluster " + cluster.address;
  if (!seen.insert(key).second) return;
  if (same_group(g, storage, cluster, &group)) {
    const Value* rg = storage.attr("resource_group_name");
    const Value* crg = cluster.attr("resource_group_name");
    std::string msg = what + " '" + storage.name + "' is in resource group '" + group + "' together with AKS cluster '" +
                      cluster.name +
                      "': deleting that group, or an identity with rights on it, removes the cluster and its backups at "
                      "once. Move the backup storage to a separate resource group (ideally a separate subscription) "
                      "with a delete lock.";
    FindingBuilder f = out.report(kInfo, query::attr_site(ctx.sources, storage.loc, "resource_group_name", rg), msg, key);
    f.related(query::attr_site(ctx.sources, cluster.loc, "resource_group_name", crg),
              "AKS cluster '" + cluster.name + "' is in the same resource group");
    for (const SourceLoc& at : named_at) f.related(at, "Velero backup storage location names the account here");
    return;
  }
  if (same_subscription(storage, cluster, &sub)) {
    const Value* s = storage.attr("subscription_id");
    std::string msg = what + " '" + storage.name + "' is in subscription " + sub + " together with AKS cluster '" +
                      cluster.name +
                      "': an identity with rights on that subscription removes the cluster and its backups at once. "
                      "Keep backups in a dedicated backup subscription.";
    out.report(kInfo, s->loc().valid() ? s->loc() : storage.loc, msg, key)
        .related(cluster.attr("subscription_id")->loc(), "AKS cluster '" + cluster.name + "' is in the same subscription");
  }
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  std::set<std::string> seen;
  for (const query::BackupStorage& s : query::velero_backup_storage(g)) {
    std::vector<graph::NodeId> clusters;
    for (graph::NodeId user : s.users)
      for (graph::NodeId c : query::protected_clusters(g, user))
        if (std::find(clusters.begin(), clusters.end(), c) == clusters.end()) clusters.push_back(c);
    for (graph::NodeId c : clusters)
      check_pair(ctx, out, g.node(s.account), "Velero backup storage account", g.node(c), s.named_at, seen);
  }
  // Azure Backup for AKS: the vault of each backup instance vs the cluster it protects.
  for (graph::NodeId inst : g.of_kind(graph::NodeKind::kBackupInstance)) {
    std::vector<graph::NodeId> vaults;
    for (const graph::Edge* e : g.out(inst, graph::EdgeKind::kInVault)) vaults.push_back(e->to);
    for (const graph::Edge* c : g.out(inst, graph::EdgeKind::kProtects)) {
      if (g.node(c->to).kind != graph::NodeKind::kAksCluster) continue;
      for (graph::NodeId v : vaults) check_pair(ctx, out, g.node(v), "Backup vault", g.node(c->to), {}, seen);
    }
  }
}

}  // namespace

Rule make_dr003() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
