// DR006 backup-storage-deletable: nothing stops the backups from being
// deleted or overwritten (no soft delete, versioning or immutability on the
// backup storage account; soft delete off or immutability disabled on a
// backup vault).
#include <string>
#include <vector>

#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/graph_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(Backups protect against mistakes and attackers only if the mistake or the
attacker cannot delete them too. Velero's credentials can delete every blob
in the backup container (that is how it expires backups), and so can anyone
who steals them from the cluster; ransomware operators delete backups first.
Without soft delete, versioning or an immutability policy, a deleted or
overwritten backup is gone for good.

For Azure Backup vaults, soft delete (on by default) keeps deleted backups
for a retention period, and immutability stops anyone from shortening
retention or deleting recovery points.

**How to fix**: on the backup storage account, enable blob soft delete (and
ideally versioning, or a time-based immutability policy); on a backup vault,
keep `soft_delete` on and set `immutability` to `Unlocked` (or `Locked` once
tested).

Before:

```hcl
resource "azurerm_storage_account" "velero" {
  name                     = "stveleroprod"
  account_replication_type = "GRS"
}
```

After:

```hcl
resource "azurerm_storage_account" "velero" {
  name                     = "stveleroprod"
  account_replication_type = "GRS"

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 30
    }
    container_delete_retention_policy {
      days = 30
    }
  }
}

resource "azurerm_data_protection_backup_vault" "aks" {
  soft_delete  = "On"
  immutability = "Unlocked"
  # ...
}
```
)md";

const RuleInfo kInfo{
    "DR006",
    "backup-storage-deletable",
    Level::kWarning,
    "Nothing stops the backups from being deleted or overwritten.",
    "The storage account holding Velero backups has no blob soft delete "
    "(blob_properties.delete_retention_policy), no versioning and no immutability policy; or a "
    "backup vault has soft delete turned off or immutability disabled. Anyone holding the backup "
    "credentials (or a mistake) can then destroy every backup for good. Unknown values never fire.",
    kHelp,
    {"storage", "ransomware", "velero", "azure-backup"},
    "",
};

void check_account(const graph::Node& account, const std::vector<SourceLoc>& named_at, FindingSink& out) {
  // A data source: the account is declared elsewhere, its settings are not in the scan.
  if (query::known_bool(account.attr("data_source")).value_or(false)) return;
  const Value* soft = account.attr("blob_soft_delete_days");
  const Value* ver = account.attr("versioning_enabled");
  const Value* imm = account.attr("immutability_policy");
  if (!soft || !ver || !imm) return;
  if (!soft->known() || !ver->known() || !imm->known()) return;  // unknown: cannot tell
  if (!soft->is_null()) {
    // Soft delete configured; days = 0 is not accepted by Azure, so any value protects.
    return;
  }
  if (query::known_bool(ver).value_or(true) || query::known_bool(imm).value_or(true)) return;
  std::string msg = "Velero backup storage account '" + account.name +
                    "' has no blob soft delete, no versioning and no immutability policy: anyone holding Velero's "
                    "credentials, or a mistake, can delete or overwrite every backup for good. Add blob_properties "
                    "{ delete_retention_policy { days = 30 } versioning_enabled = true } (or an immutability_policy).";
  // Report where the user adds the block: blob_properties if present, else the resource.
  SourceLoc at = soft->loc().valid() ? soft->loc() : account.loc;
  FindingBuilder f = out.report(kInfo, at, msg, "storage account " + account.address);
  for (const SourceLoc& n : named_at) f.related(n, "Velero backup storage location names the account here");
}

void check_vault(const RuleContext& ctx, const graph::Node& vault, FindingSink& out) {
  if (query::known_bool(vault.attr("data_source")).value_or(false)) return;
  const Value* soft = vault.attr("soft_delete");
  const Value* imm = vault.attr("immutability");
  std::optional<std::string> s = query::known_text(soft);
  std::optional<std::string> i = query::known_text(imm);
  bool soft_off = s && query::iequals(*s, "Off");
  bool imm_off = i && query::iequals(*i, "Disabled");
  if (!soft_off && !imm_off) return;
  std::string what = soft_off && imm_off ? "has soft delete turned off and immutability disabled"
                     : soft_off         ? "has soft delete turned off"
                                        : "has immutability disabled";
  std::string fix = soft_off && imm_off ? "Set soft_delete = \"On\" and immutability = \"Unlocked\" (or \"Locked\")"
                    : soft_off          ? "Set soft_delete = \"On\" (or \"AlwaysOn\")"
                                        : "Set immutability = \"Unlocked\" (or \"Locked\" once tested)";
  std::string msg = "Backup vault '" + vault.name + "' " + what +
                    ": anyone with rights on the vault, or a mistake, can delete its recovery points for good. " + fix + ".";
  SourceLoc at = soft_off ? query::attr_site(ctx.sources, vault.loc, "soft_delete", soft)
                          : query::attr_site(ctx.sources, vault.loc, "immutability", imm);
  FindingBuilder f = out.report(kInfo, at, msg, "backup vault " + vault.address);
  if (soft_off && imm_off) {
    SourceLoc i_at = query::attr_site(ctx.sources, vault.loc, "immutability", imm);
    if (i_at.line != at.line || i_at.file != at.file) f.related(i_at, "immutability is disabled here");
  }
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (const query::BackupStorage& s : query::velero_backup_storage(g)) check_account(g.node(s.account), s.named_at, out);
  for (graph::NodeId v : g.of_kind(graph::NodeKind::kBackupVault)) check_vault(ctx, g.node(v), out);
}

}  // namespace

Rule make_dr006() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
