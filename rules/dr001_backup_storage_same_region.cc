// DR001 backup-storage-same-region: the Velero backup storage account is in
// the same Azure region as the AKS cluster it protects, so a regional outage
// takes cluster and backups together.
#include <algorithm>

#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/graph_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(Velero writes every backup of the cluster to one Azure storage account. When
that account is in the same region as the AKS cluster, a regional outage (or
a regional mistake: a deleted resource group, a broken network) takes the
cluster *and* its backups: there is nothing left to restore from in another
region. A backup is only a disaster-recovery backup if it survives the
disaster.

This rule is for Velero's backup storage. Azure Backup for AKS is different:
its extension storage account and backup vault must be in the cluster's
region by design; DR005 checks how its data leaves the region.

**How to fix**: put the backup storage account in another region, ideally
the cluster's [paired region](https://learn.microsoft.com/azure/reliability/cross-region-replication-azure),
and point the BackupStorageLocation at it. Geo-redundant replication on the
account (DR002) is a complement, not a substitute: a failover of the
replicated account is Microsoft's decision, not yours.

Before:

```hcl
resource "azurerm_storage_account" "velero" {
  name     = "stveleroprod"
  location = "westeurope"   # same region as the cluster
  # ...
}
```

After:

```hcl
resource "azurerm_storage_account" "velero" {
  name     = "stveleroprod"
  location = "northeurope"  # the paired region
  # ...
}
```
)md";

const RuleInfo kInfo{
    "DR001",
    "backup-storage-same-region",
    Level::kError,
    "The Velero backup storage account is in the same Azure region as the AKS cluster it protects.",
    "The storage account that a Velero BackupStorageLocation writes to is in the same Azure region "
    "as the AKS cluster it protects, so a regional outage takes the cluster and its backups "
    "together. Regions are compared after normalization (West Europe == westeurope). Unknown "
    "locations (a variable without a value) never fire. Not for Azure Backup for AKS, whose "
    "storage must be in the cluster's region by design.",
    kHelp,
    {"storage", "region", "velero"},
    "",
};

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (const query::BackupStorage& s : query::velero_backup_storage(g)) {
    const graph::Node& account = g.node(s.account);
    const Value* location = account.attr("location");
    std::optional<std::string> region = query::known_text(location);
    if (!region || region->empty()) continue;  // unknown is never a bad value
    std::string norm = query::normalize_region(*region);
    std::vector<graph::NodeId> clusters;
    for (graph::NodeId user : s.users)
      for (graph::NodeId c : query::protected_clusters(g, user))
        if (std::find(clusters.begin(), clusters.end(), c) == clusters.end()) clusters.push_back(c);
    for (graph::NodeId cid : clusters) {
      const graph::Node& cluster = g.node(cid);
      const Value* cl = cluster.attr("location");
      std::optional<std::string> cregion = query::known_text(cl);
      if (!cregion || query::normalize_region(*cregion) != norm) continue;
      std::string pair = query::paired_region(norm);
      std::string msg = "Velero backup storage account '" + account.name + "' is in " + norm +
                        ", the same region as AKS cluster '" + cluster.name + "' (" +
                        query::normalize_region(*cregion) +
                        "): a regional outage takes both. Put the backup storage account in another region (e.g. " +
                        (pair.empty() ? std::string("a paired region") : pair + ", the pair of " + norm) + ").";
      SourceLoc at = query::attr_site(ctx.sources, account.loc, "location", location);
      FindingBuilder f = out.report(kInfo, at, msg, "storage account " + account.address + " / cluster " + cluster.address);
      if (query::located_elsewhere(ctx.sources, account.loc, location))
        f.related(location->loc(), "the storage account's location comes from here");
      for (const SourceLoc& n : s.named_at) f.related(n, "Velero backup storage location names the account here");
      f.related(query::attr_site(ctx.sources, cluster.loc, "location", cl),
                "AKS cluster '" + cluster.name + "' is in " + query::normalize_region(*cregion));
    }
  }
}

}  // namespace

Rule make_dr001() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
