// DR046 backup-failures-unmonitored: nothing alerts when the backups of a
// backup definition fail or stop.
#include <string>
#include <vector>

#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/policy_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kSummary = "Nothing alerts when the backups of a backup definition fail or stop.";

constexpr std::string_view kDescription =
    "No PrometheusRule expression uses Velero's backup metrics (velero_backup_failure_total, "
    "velero_backup_last_successful_timestamp, ...) and no Azure Monitor alert (azurerm_monitor_*) is scoped to "
    "the backup vault. Reported at the backup definition. Failed or stopped backups go unnoticed until a "
    "restore is needed.";

constexpr std::string_view kHelp = R"md(Backups stop silently: an expired storage key, a full quota, a Velero pod
stuck in CrashLoopBackOff, a schedule paused during an incident and never
resumed. The schedule on paper promises a 1h RPO while the newest backup is
three weeks old. Only an alert on failures and on the age of the last
successful backup turns that into a page.

**How to fix**: for Velero, add a PrometheusRule on its metrics; for Azure
Backup for AKS, add an Azure Monitor alert scoped to the backup vault.

Before: no alert.

After:

```yaml
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
spec:
  groups:
    - name: velero
      rules:
        - alert: VeleroBackupTooOld
          expr: time() - velero_backup_last_successful_timestamp{schedule="daily"} > 93600
```
)md";

const RuleInfo kInfo{
    "DR046",
    "backup-failures-unmonitored",
    Level::kWarning,
    kSummary,
    kDescription,
    kHelp,
    {"backup", "monitoring", "alerting", "operations", "velero", "azure-backup"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;

enum class Watch { kYes, kNo, kUnknown };

bool disabled_alert(const Node& a) {
  const Value* v = a.attrs.get("enabled");
  bool ok = false;
  return v && v->known() && !v->is_null() && !v->truthy(&ok) && ok;
}

// A Prometheus alert on Velero's backup metrics.
bool on_backup_metrics(const Node& a) {
  const Value* m = a.attrs.get("metrics");
  if (!m) return false;
  for (const Value& v : m->items())
    if (v.text().rfind("velero_backup", 0) == 0) return true;
  return false;
}

Watch velero_watched(const graph::Graph& g, const Node& d) {
  std::vector<NodeId> servers;
  for (const graph::Edge* e : g.out(d.id, graph::EdgeKind::kPartOf))
    if (g.node(e->to).kind == NodeKind::kVeleroServer) servers.push_back(e->to);
  for (NodeId id : g.of_kind(NodeKind::kMonitorAlert)) {
    const Node& a = g.node(id);
    if (disabled_alert(a) || !on_backup_metrics(a)) continue;
    if (servers.empty()) return Watch::kYes;  // a CR: Velero metrics carry no installation identity
    for (const graph::Edge* e : g.out(id, graph::EdgeKind::kMonitors))
      for (NodeId s : servers)
        if (e->to == s) return Watch::kYes;
  }
  for (NodeId s : servers) {
    const Value* v = g.node(s).attrs.get("values_unknown");
    bool ok = false;
    if (v && v->known() && v->truthy(&ok) && ok) return Watch::kUnknown;  // chart values we cannot see
  }
  return Watch::kNo;
}

Watch azure_watched(const graph::Graph& g, const Node& d, std::string* vault_name) {
  std::vector<NodeId> vaults;
  for (const graph::Edge* e : g.out(d.id, graph::EdgeKind::kInVault))
    if (g.node(e->to).kind == NodeKind::kBackupVault) vaults.push_back(e->to);
  if (!vaults.empty()) *vault_name = g.node(vaults[0]).name;
  bool unknown = vaults.empty();  // vault not scanned: an alert may exist where it is declared
  for (NodeId id : g.of_kind(NodeKind::kMonitorAlert)) {
    const Node& a = g.node(id);
    if (attr_text(a, "source") != "azure_monitor" || disabled_alert(a)) continue;
    for (const graph::Edge* e : g.out(id, graph::EdgeKind::kMonitors))
      for (NodeId v : vaults)
        if (e->to == v) return Watch::kYes;
    // Log alerts on backup jobs (queries over AddonAzureBackupJobs) or on the vault by name.
    std::string q = attr_text(a, "query");
    if (q.find("AzureBackup") != std::string::npos || q.find("AddonAzureBackup") != std::string::npos ||
        (!vault_name->empty() && q.find(*vault_name) != std::string::npos))
      return Watch::kYes;
    const Value* scopes = a.attrs.get("scopes");
    if (scopes && (!scopes->known() || scopes->contains_unknown()) &&
        g.out(id, graph::EdgeKind::kMonitors).empty())
      unknown = true;  // scoped to something we cannot resolve
  }
  return unknown ? Watch::kUnknown : Watch::kNo;
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (NodeId id : backup_definitions(g)) {
    const Node& d = g.node(id);
    if (d.kind == NodeKind::kVeleroBackup || is_disabled(d)) continue;  // one-off backups
    std::string what = describe_definition(d);
    std::string msg;
    if (d.kind == NodeKind::kBackupInstance) {
      std::string vault;
      if (azure_watched(g, d, &vault) != Watch::kNo) continue;
      msg = "nothing alerts when " + what + " fails or stops: no Azure Monitor alert (azurerm_monitor_*) is scoped "
            "to backup vault '" + vault + "'. Add an azurerm_monitor_activity_log_alert or metric alert on the vault "
            "(backup health, failed jobs) routed to the on-call.";
    } else {
      if (velero_watched(g, d) != Watch::kNo) continue;
      msg = "nothing alerts when " + what + " fails or stops: no PrometheusRule expression uses Velero's backup "
            "metrics (velero_backup_failure_total, velero_backup_last_successful_timestamp) and the chart's "
            "metrics.prometheusRule is not enabled. Add an alert on failures and on the age of the last "
            "successful backup.";
    }
    out.report(kInfo, d.loc, msg, what + " monitoring");
  }
}

}  // namespace

Rule make_dr046() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
