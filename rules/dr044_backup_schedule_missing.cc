// DR044 backup-schedule-missing: backup storage or a backup tool is
// configured but no schedule exists at all.
#include <string>
#include <vector>

#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/policy_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kSummary =
    "Backup storage or a backup tool is configured but no backup schedule exists.";

constexpr std::string_view kDescription =
    "A Velero installation (Helm values, helm_release, BackupStorageLocation) or an Azure Backup for AKS setup "
    "(backup vault, cluster extension) is configured, but no schedule exists: no Velero Schedule, no "
    "schedules: entry in the Helm values, no backup instance with a policy. Backups happen only when someone "
    "runs them by hand, so the latest one may be months old when it is needed.";

constexpr std::string_view kHelp = R"md(Installing Velero or the Azure Backup extension does not back anything up
by itself. Without a schedule, the only backups are the ones someone took
by hand, and nobody knows how old the newest one is when the region goes
down.

**How to fix**: declare a schedule next to the installation, with the
cadence your RPO requires: a `schedules:` entry in the Velero Helm values or
a Velero `Schedule`, or an
`azurerm_data_protection_backup_instance_kubernetes_cluster` with a backup
policy.

Before:

```yaml
# velero values.yaml
configuration:
  backupStorageLocation:
    - provider: azure
      bucket: velero
```

After:

```yaml
configuration:
  backupStorageLocation:
    - provider: azure
      bucket: velero
schedules:
  daily:
    schedule: "0 2 * * *"
    template:
      ttl: 720h0m0s
```
)md";

const RuleInfo kInfo{
    "DR044",
    "backup-schedule-missing",
    Level::kError,
    kSummary,
    kDescription,
    kHelp,
    {"backup", "schedule", "velero", "azure-backup"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;

bool truthy_attr(const Node& n, std::string_view key) {
  const Value* v = n.attrs.get(key);
  bool ok = false;
  return v && v->known() && !v->is_null() && v->truthy(&ok) && ok;
}

bool unknown_attr(const Node& n, std::string_view key) {
  const Value* v = n.attrs.get(key);
  return v && !v->known();
}

void check_velero(const graph::Graph& g, FindingSink& out) {
  bool unknown = false;
  for (NodeId id : g.of_kind(NodeKind::kVeleroSchedule)) {
    const Node& s = g.node(id);
    if (unknown_attr(s, "disabled")) unknown = true;
    else if (!is_disabled(s)) return;  // a schedule exists
  }
  if (unknown) return;
  std::vector<NodeId> anchors;
  for (NodeId id : g.of_kind(NodeKind::kVeleroServer)) {
    const Node& server = g.node(id);
    if (truthy_attr(server, "values_unknown")) return;  // the chart's schedules may be set where we cannot see
    anchors.push_back(id);
  }
  if (anchors.empty())  // Velero CRs without an installation in the scan
    for (NodeId id : g.of_kind(NodeKind::kBackupStorageLocation)) anchors.push_back(id);
  std::size_t one_off = g.of_kind(NodeKind::kVeleroBackup).size();
  for (NodeId id : anchors) {
    const Node& a = g.node(id);
    std::string what = a.kind == NodeKind::kVeleroServer ? "Velero installation '" + a.name + "'"
                                                         : "Velero backup storage location '" + a.name + "'";
    std::string msg = what + " is configured but no backup schedule exists (no Velero Schedule, no enabled "
                      "`schedules:` entry in the Helm values)";
    if (one_off) msg += "; only " + std::to_string(one_off) + " one-off Backup object" + (one_off == 1 ? "" : "s") + " found";
    msg += ". Add a `schedules:` entry to the Velero values (or a Schedule resource) with the cadence the RPO requires.";
    out.report(kInfo, a.loc, msg, what + " schedule");
  }
}

void check_azure(const graph::Graph& g, FindingSink& out) {
  if (!g.of_kind(NodeKind::kBackupInstance).empty()) return;
  // The Azure Backup for AKS extension, else an AKS backup policy.
  std::vector<NodeId> anchors;
  for (NodeId id : g.of_kind(NodeKind::kClusterExtension)) {
    std::string type = attr_text(g.node(id), "extension_type");
    for (char& c : type) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (type.find("dataprotection") != std::string::npos) anchors.push_back(id);
  }
  if (anchors.empty())
    for (NodeId id : g.of_kind(NodeKind::kBackupPolicy)) anchors.push_back(id);
  for (NodeId id : anchors) {
    const Node& a = g.node(id);
    std::string what = a.kind == NodeKind::kClusterExtension ? "Azure Backup for AKS extension '" + a.name + "'"
                                                             : "AKS backup policy '" + a.name + "'";
    std::string msg = what + " is configured but no backup instance "
                      "(azurerm_data_protection_backup_instance_kubernetes_cluster) puts a cluster on a backup "
                      "schedule. Declare a backup instance for the cluster with a backup policy whose "
                      "backup_repeating_time_intervals match the RPO.";
    out.report(kInfo, a.loc, msg, what + " schedule");
  }
}

void check(const RuleContext& ctx, FindingSink& out) {
  check_velero(ctx.graph, out);
  check_azure(ctx.graph, out);
}

}  // namespace

Rule make_dr044() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
