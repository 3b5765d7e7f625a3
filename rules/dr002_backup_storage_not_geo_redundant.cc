// DR002 backup-storage-not-geo-redundant: the Velero backup storage account
// replicates only inside its region (LRS or ZRS).
#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/graph_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(With `LRS` (three copies in one datacenter) or `ZRS` (three zones of one
region), every copy of the Velero backups lives in one Azure region. Zone
redundancy survives the loss of a datacenter, not of the region: in a
regional outage the backups are unreachable exactly when they are needed.

This rule is for Velero's backup storage. The Azure Backup for AKS
extension's staging storage account is not checked: backups made by Azure
Backup live in the backup vault (DR005).

**How to fix**: use geo-redundant replication (`GRS`, `RAGRS`, `GZRS` or
`RAGZRS`) for the backup storage account, or write a second copy to storage
in another region. Read access to the secondary (`RAGRS`/`RAGZRS`) lets you
restore from it without waiting for an account failover.

Before:

```hcl
resource "azurerm_storage_account" "velero" {
  account_replication_type = "LRS"
  # ...
}
```

After:

```hcl
resource "azurerm_storage_account" "velero" {
  account_replication_type = "RAGZRS"
  # ...
}
```
)md";

const RuleInfo kInfo{
    "DR002",
    "backup-storage-not-geo-redundant",
    Level::kWarning,
    "The Velero backup storage account keeps no copy outside its region (LRS or ZRS).",
    "The storage account holding Velero backups has account_replication_type LRS or ZRS: every "
    "copy of the backups is in one Azure region, and zone redundancy does not survive a regional "
    "outage. Not for the Azure Backup for AKS extension's staging storage account. Unknown "
    "replication types never fire.",
    kHelp,
    {"storage", "replication", "region", "velero"},
    "",
};

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (const query::BackupStorage& s : query::velero_backup_storage(g)) {
    const graph::Node& account = g.node(s.account);
    const Value* repl = account.attr("account_replication_type");
    std::optional<std::string> type = query::known_text(repl);
    if (!type) continue;  // unknown is never a bad value
    std::string t = query::lower(*type);
    if (t != "lrs" && t != "zrs") continue;
    std::string where = t == "lrs" ? "in one datacenter" : "in the zones of one region";
    std::string region = query::known_text(account.attr("location")).value_or("");
    std::string msg = "Velero backup storage account '" + account.name + "' uses account_replication_type = \"" +
                      *type + "\": every copy of the backups stays " + where +
                      (region.empty() ? "" : " (" + region + ")") +
                      ", so a regional outage makes them unreachable. Use GRS, RAGRS, GZRS or RAGZRS.";
    SourceLoc at = query::attr_site(ctx.sources, account.loc, "account_replication_type", repl);
    FindingBuilder f = out.report(kInfo, at, msg, "storage account " + account.address);
    if (query::located_elsewhere(ctx.sources, account.loc, repl))
      f.related(repl->loc(), "the replication type comes from here");
    for (const SourceLoc& at : s.named_at) f.related(at, "Velero backup storage location names the account here");
  }
}

}  // namespace

Rule make_dr002() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
