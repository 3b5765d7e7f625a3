// DR042 namespace-not-covered: a namespace with a declared RPO, workloads or
// PVCs is covered by no backup.
#include <algorithm>
#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/graph/graph.h"
#include "analyzer/schedule/duration.h"
#include "rules/finding_sink.h"
#include "rules/policy_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kSummary =
    "A namespace with a declared RPO, workloads or PVCs is covered by no backup.";

constexpr std::string_view kDescription =
    "A namespace declares a recovery objective, or holds workloads or PersistentVolumeClaims in the scanned "
    "manifests, but no backup definition (Velero Schedule or Backup, schedules: in Velero Helm values, Azure "
    "Backup for AKS backup instance) selects it after its namespace and label filters. kube-system, "
    "kube-public, kube-node-lease and the backup tool's own namespace are exempt unless a policy names them.";

constexpr std::string_view kHelp = R"md(Backups are usually scoped with `includedNamespaces` lists written when the
cluster was young. New namespaces are not added, and nothing fails: the
backups keep succeeding, just without the new application. The gap shows up
during the restore.

**How to fix**: add the namespace to a backup definition's
`includedNamespaces` (or back up `*` and exclude what you do not need), or
remove it from `excludedNamespaces`. If the namespace really needs no
backup (it is rebuilt from Git and holds no state), suppress the finding
with that reason.

Before:

```yaml
spec:
  template:
    includedNamespaces: [payments]
```

After:

```yaml
spec:
  template:
    includedNamespaces: [payments, reporting]
```
)md";

const RuleInfo kInfo{
    "DR042",
    "namespace-not-covered",
    Level::kError,
    kSummary,
    kDescription,
    kHelp,
    {"backup", "coverage", "namespace", "velero", "azure-backup"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;

bool is_exempt_by_default(const std::string& ns, const std::vector<std::string>& tool_namespaces) {
  if (ns == "kube-system" || ns == "kube-public" || ns == "kube-node-lease") return true;
  return std::find(tool_namespaces.begin(), tool_namespaces.end(), ns) != tool_namespaces.end();
}

// Is any backup tooling in the scan? Without any, backups are managed
// outside the scanned inputs and coverage cannot be judged from workloads.
bool has_backup_tooling(const graph::Graph& g) {
  for (NodeKind k : {NodeKind::kVeleroServer, NodeKind::kBackupStorageLocation, NodeKind::kVeleroSchedule,
                     NodeKind::kVeleroBackup, NodeKind::kBackupInstance, NodeKind::kBackupPolicy})
    if (!g.of_kind(k).empty()) return true;
  return false;
}

// The excludedNamespaces item that names `ns`, if a backup excludes it explicitly.
const Value* explicit_exclusion(const Node& d, const std::string& ns) {
  const Value* excl = d.attrs.get("excluded_namespaces");
  if (!excl || !excl->is_list()) return nullptr;
  for (const Value& e : excl->items())
    if (e.is_string() && e.text() == ns) return &e;
  return nullptr;
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  if (any_unknown_selection(g)) return;  // some backup's namespaces are unknown: no claim either way
  const bool tooling = has_backup_tooling(g);
  const std::vector<std::string> tools = backup_tool_namespaces(g);
  std::vector<NodeId> defs;
  for (NodeId id : backup_definitions(g))
    if (!is_disabled(g.node(id))) defs.push_back(id);

  for (NodeId ns_id : g.of_kind(NodeKind::kNamespace)) {
    const Node& ns = g.node(ns_id);
    if (!covering_definitions(g, ns_id).empty()) continue;
    NamespaceObjectives obj = objectives_for(ctx, ns);
    if (is_exempt_by_default(ns.name.str(), tools) && !obj.named) continue;
    // What makes the namespace worth backing up.
    std::size_t workloads = 0, pvcs = 0;
    const Node* first = nullptr;
    for (const graph::Edge* e : g.in(ns_id, graph::EdgeKind::kInNamespace)) {
      const Node& n = g.node(e->from);
      if (n.kind == NodeKind::kWorkload) ++workloads;
      else if (n.kind == NodeKind::kPvc) ++pvcs;
      else continue;
      if (!first) first = &n;
    }
    if (!obj.rpo && workloads == 0 && pvcs == 0) continue;
    if (!obj.rpo && !tooling) continue;  // backups live outside the scanned inputs

    std::string reason;
    if (obj.rpo) reason = "declares RPO " + schedule::format_duration(obj.rpo->value) + " (" + obj.rpo->source + ")";
    if (workloads || pvcs) {
      std::string holds = "holds ";
      if (workloads) holds += std::to_string(workloads) + (workloads == 1 ? " workload" : " workloads");
      if (workloads && pvcs) holds += " and ";
      if (pvcs) holds += std::to_string(pvcs) + (pvcs == 1 ? " PVC" : " PVCs");
      reason += (reason.empty() ? "" : " and ") + holds;
    }
    // Where to fix it: an explicit exclusion, else the namespace itself.
    const Node* excluder = nullptr;
    const Value* exclusion = nullptr;
    for (NodeId d : defs)
      if (const Value* e = explicit_exclusion(g.node(d), ns.name.str())) {
        excluder = &g.node(d);
        exclusion = e;
        break;
      }
    std::string msg = "namespace '" + ns.name + "' " + reason + " but is covered by no backup";
    if (defs.empty()) {
      msg += " (no backup definition exists in the scanned inputs)";
    } else if (excluder) {
      msg += ": " + describe_definition(*excluder) + " lists it in excludedNamespaces";
    } else if (defs.size() == 1) {
      msg += ": " + describe_definition(g.node(defs[0])) + " does not select it";
    } else {
      msg += ": none of the " + std::to_string(defs.size()) + " backup definitions (" +
             describe_definition(g.node(defs[0])) + ", ...) selects it";
    }
    msg += ". Add '" + ns.name + "' to the includedNamespaces of a scheduled backup";
    if (excluder) msg += " and remove it from excludedNamespaces";
    msg += ", or suppress this finding if the namespace holds nothing to restore.";
    SourceLoc at = exclusion && exclusion->loc().valid() ? exclusion->loc() : ns.loc;
    FindingBuilder f = out.report(kInfo, at, msg, "namespace " + ns.name);
    if (exclusion) f.related(ns.loc, "namespace '" + ns.name + "'");
    if (obj.rpo) f.related(obj.rpo->loc, "RPO declared here");
    if (first && first->loc.valid() && !(first->loc.file == at.file && first->loc.line == at.line))
      f.related(first->loc, "'" + first->name + "' runs in '" + ns.name + "'");
    for (NodeId d : defs) {
      const Node& dn = g.node(d);
      if (&dn == excluder) continue;
      f.related(attr_loc(dn, "included_namespaces"), describe_definition(dn) + " does not select it");
      break;
    }
  }
}

}  // namespace

Rule make_dr042() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
