// DR005 backup-vault-no-cross-region-copy: Azure Backup for AKS keeps the
// cluster's backups only in its region (operational tier only, or a vault
// that is not geo-redundant or has cross-region restore off).
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

constexpr std::string_view kHelp = R"md(Azure Backup for AKS takes the cluster's backups as disk snapshots and
cluster-state blobs in the **operational tier** (`OperationalStore`), which
lives in the cluster's own region: in a regional outage they are gone with
the cluster. Only the **vault tier** (`VaultStore`) copies backups into the
backup vault, and only a `GeoRedundant` vault with cross-region restore
enabled lets you restore them in the paired region.

So three settings together decide whether an AKS backup survives a regional
outage: a `VaultStore` retention rule in the backup policy, the vault's
`redundancy = "GeoRedundant"`, and `cross_region_restore_enabled = true`.
The extension's storage account and the vault must be in the cluster's
region by Azure's design; that is expected and not reported (DR001 is for
Velero).

**How to fix**: add a vault-tier retention rule to the policy and make the
vault geo-redundant with cross-region restore.

Before:

```hcl
resource "azurerm_data_protection_backup_vault" "aks" {
  datastore_type = "VaultStore"
  redundancy     = "LocallyRedundant"
}

resource "azurerm_data_protection_backup_policy_kubernetes_cluster" "aks" {
  default_retention_rule {
    life_cycle {
      data_store_type = "OperationalStore"
      duration        = "P14D"
    }
  }
}
```

After:

```hcl
resource "azurerm_data_protection_backup_vault" "aks" {
  datastore_type               = "VaultStore"
  redundancy                   = "GeoRedundant"
  cross_region_restore_enabled = true
}

resource "azurerm_data_protection_backup_policy_kubernetes_cluster" "aks" {
  default_retention_rule {
    life_cycle {
      data_store_type = "OperationalStore"
      duration        = "P7D"
    }
    life_cycle {
      data_store_type = "VaultStore"
      duration        = "P30D"
    }
  }
}
```
)md";

const RuleInfo kInfo{
    "DR005",
    "backup-vault-no-cross-region-copy",
    Level::kError,
    "Azure Backup for AKS keeps the cluster's backups only in the cluster's region.",
    "Azure Backup for AKS keeps backups in the cluster's region: the backup policy retains only in "
    "OperationalStore (snapshots in the cluster's region, no VaultStore retention), or the backup "
    "vault's redundancy is not GeoRedundant, or cross_region_restore_enabled is not true. Reported "
    "at the policy's retention or at the vault setting to change. Unknown values never fire.",
    kHelp,
    {"azure-backup", "region", "vault", "replication"},
    "",
};

void check_policy(const RuleContext& ctx, const graph::Node& policy, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  const Value* retention = policy.attr("retention");
  if (!retention || !retention->is_list() || retention->items().empty()) return;
  bool vault = false;
  const Value* first_store = nullptr;
  for (const Value& r : retention->items()) {
    const Value* ds = r.get("data_store_type");
    if (!ds || !ds->known()) return;  // unknown: cannot tell
    if (!first_store) first_store = ds;
    if (query::iequals(ds->text(), "VaultStore")) vault = true;
  }
  if (vault) return;
  std::string msg = "Backup policy '" + policy.name +
                    "' retains AKS backups only in OperationalStore: the snapshots stay in the cluster's region and a "
                    "regional outage takes them with the cluster. Add a life_cycle with data_store_type = \"VaultStore\" "
                    "so backups are copied into the backup vault.";
  FindingBuilder f = out.report(kInfo, query::attr_site(ctx.sources, policy.loc, "data_store_type", first_store), msg,
                                "backup policy " + policy.address + " operational only");
  for (const graph::Edge* e : g.in(policy.id, graph::EdgeKind::kUsesPolicy))
    f.related(query::attr_site(ctx.sources, g.node(e->from).loc, "backup_policy_id", g.node(e->from).attr("backup_policy_id")),
              "backup instance '" + g.node(e->from).name + "' uses this policy");
}

void check_vault(const RuleContext& ctx, const graph::Node& vault, FindingSink& out) {
  if (query::known_bool(vault.attr("data_source")).value_or(false)) return;  // declared elsewhere
  const Value* red = vault.attr("redundancy");
  std::optional<std::string> r = query::known_text(red);
  if (r && !query::iequals(*r, "GeoRedundant")) {
    std::string msg = "Backup vault '" + vault.name + "' has redundancy = \"" + *r +
                      "\": the AKS backups it holds never leave its region, and cross-region restore is impossible. "
                      "Set redundancy = \"GeoRedundant\" and cross_region_restore_enabled = true (redundancy can only "
                      "be chosen when the vault is created).";
    out.report(kInfo, query::attr_site(ctx.sources, vault.loc, "redundancy", red), msg,
               "backup vault " + vault.address + " redundancy");
    return;
  }
  const Value* crr = vault.attr("cross_region_restore_enabled");
  std::optional<bool> on = query::known_bool(crr);
  if (on && !*on) {
    std::string msg = "Backup vault '" + vault.name +
                      "' does not enable cross-region restore: its AKS backups cannot be restored in the paired region "
                      "during a regional outage. Set cross_region_restore_enabled = true" +
                      std::string(r ? "." : " (with redundancy = \"GeoRedundant\").");
    out.report(kInfo, query::attr_site(ctx.sources, vault.loc, "cross_region_restore_enabled", crr), msg,
               "backup vault " + vault.address + " cross-region restore");
  }
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (graph::NodeId p : g.of_kind(graph::NodeKind::kBackupPolicy)) check_policy(ctx, g.node(p), out);
  for (graph::NodeId v : query::aks_backup_vaults(g)) check_vault(ctx, g.node(v), out);
}

}  // namespace

Rule make_dr005() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
