// DR012 snapshots-stay-in-region: volume data of a covered PVC is protected
// only by Azure Disk snapshots, which live in the source region, and no
// file-system backup copies it to the backup storage.
#include <string>
#include <vector>

#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/graph_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(Velero's Azure plugin (VolumeSnapshotLocation) and CSI snapshots create
Azure Disk **snapshots**. Velero stores only a reference to them in the
backup storage; the snapshots themselves stay in the cluster's subscription
and region (in the snapshot resource group). A geo-redundant, remote backup
storage account therefore holds the cluster's objects but not the volume
data: after a regional outage the restore finds the PVCs but cannot create
their disks.

Data reaches the backup storage only through a file-system backup
(`defaultVolumesToFsBackup: true`, the server-wide
`configuration.defaultVolumesToFsBackup`, or the pod annotation
`backup.velero.io/backup-volumes`) or CSI snapshot data movement
(`snapshotMoveData: true`, Velero 1.12+).

**How to fix**: move the volume data to the backup storage: enable
file-system backup (needs the node agent) or CSI snapshot data movement.

Before:

```yaml
schedules:
  daily:
    schedule: "0 2 * * *"
    template:
      includedNamespaces: [payments]
      snapshotVolumes: true
```

After:

```yaml
deployNodeAgent: true
schedules:
  daily:
    schedule: "0 2 * * *"
    template:
      includedNamespaces: [payments]
      snapshotVolumes: true
      snapshotMoveData: true   # or defaultVolumesToFsBackup: true
```
)md";

const RuleInfo kInfo{
    "DR012",
    "snapshots-stay-in-region",
    Level::kWarning,
    "Volume data is protected only by Azure Disk snapshots, which stay in the cluster's region.",
    "The data of a covered PVC on an Azure Disk is protected only by disk snapshots "
    "(VolumeSnapshotLocation or CSI snapshots), which live in the source region, while no "
    "file-system backup or snapshot data movement copies it to the (remote) backup storage. A "
    "regional outage loses the data even when the backup storage survives. Unknown values never "
    "fire.",
    kHelp,
    {"velero", "volumes", "region", "snapshots"},
    "",
};

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (graph::NodeId id : g.of_kind(graph::NodeKind::kPvc)) {
    const graph::Node& pvc = g.node(id);
    std::vector<graph::NodeId> defs = query::covering_definitions(g, pvc.ns);
    if (defs.empty()) continue;
    std::optional<query::ClassInfo> cls = query::storage_class_of(g, pvc);
    if (!cls || cls->volume_type != "disk") continue;
    bool decided = true, copied = false;
    std::vector<std::pair<const graph::Node*, query::VolumeCapture>> snapshot_only;
    for (graph::NodeId d : defs) {
      const graph::Node& def = g.node(d);
      if (def.kind == graph::NodeKind::kBackupInstance) {  // Azure Backup for AKS: DR005
        decided = false;
        break;
      }
      query::VolumeCapture c = query::capture_of(g, d, pvc);
      if (c.unknown) {
        decided = false;
        break;
      }
      if (c.fs_backup || c.move_data) {
        copied = true;
        break;
      }
      if (c.snapshots) snapshot_only.emplace_back(&def, c);
    }
    if (!decided || copied || snapshot_only.empty()) continue;
    std::string names;
    for (std::size_t i = 0; i < snapshot_only.size(); ++i) names += (i ? ", '" : "'") + snapshot_only[i].first->name + "'";
    bool tmpl = query::known_bool(pvc.attr("template")).value_or(false);
    std::string what = tmpl ? "volumeClaimTemplate PVC " + pvc.ns + "/" + pvc.name : "PVC " + pvc.ns + "/" + pvc.name;
    std::string msg = what + " (Azure Disk, class '" + cls->name + "') is protected only by disk snapshots from " + names +
                      ", which stay in the cluster's region: a regional outage loses its data even if the backup storage "
                      "survives. Copy the data to the backup storage with snapshotMoveData: true or "
                      "defaultVolumesToFsBackup: true.";
    FindingBuilder f = out.report(kInfo, pvc.loc, msg, "pvc " + pvc.ns + "/" + pvc.name);
    for (const auto& [def, c] : snapshot_only)
      f.related(c.decided_at.valid() ? c.decided_at : def->loc, "backup '" + def->name + "' covers the namespace: " + c.why);
  }
}

}  // namespace

Rule make_dr012() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
