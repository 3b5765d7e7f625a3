// DR011 volume-data-not-backed-up: a PVC is in a covered namespace, but no
// covering backup captures its data (no snapshots, no file-system backup).
#include <string>
#include <vector>

#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/graph_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(A backup that selects a namespace restores its PersistentVolumeClaims, but
not necessarily their **data**. With `snapshotVolumes: false` and no
file-system backup, Velero saves the PVC object only: the restore creates a
new, empty volume and the application starts with no data. The backup
"succeeds" every night, and the loss is discovered during the restore.

Volume data is captured by a snapshot (`snapshotVolumes` true or left unset
with snapshots enabled on the server), or by Velero's file-system backup:
`defaultVolumesToFsBackup: true` on the backup, the server-wide
`configuration.defaultVolumesToFsBackup: true`, or the pod annotation
`backup.velero.io/backup-volumes: <volume>` on the workload mounting the
claim. For Azure Backup for AKS, `volume_snapshot_enabled` must be true.

**How to fix**: turn on file-system backup (which also copies the data to
the backup storage, see DR012), or snapshots.

Before:

```yaml
schedules:
  nightly:
    schedule: "0 1 * * *"
    template:
      includedNamespaces: [orders]
      snapshotVolumes: false
```

After:

```yaml
schedules:
  nightly:
    schedule: "0 1 * * *"
    template:
      includedNamespaces: [orders]
      snapshotVolumes: false
      defaultVolumesToFsBackup: true
deployNodeAgent: true
```
)md";

const RuleInfo kInfo{
    "DR011",
    "volume-data-not-backed-up",
    Level::kError,
    "A PVC is in a backed-up namespace, but no backup captures its data.",
    "A PVC is in a namespace selected by at least one backup definition, but none of those "
    "backups captures the volume's data: snapshotVolumes is false and there is no file-system "
    "backup (defaultVolumesToFsBackup on the backup or as the server-wide default in the Helm "
    "values' configuration, or the pod annotation backup.velero.io/backup-volumes). A restore "
    "brings back an empty volume. Unknown values never fire.",
    kHelp,
    {"velero", "volumes", "data-loss", "azure-backup"},
    "",
};

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (graph::NodeId id : g.of_kind(graph::NodeKind::kPvc)) {
    const graph::Node& pvc = g.node(id);
    std::vector<graph::NodeId> defs = query::covering_definitions(g, pvc.ns);
    if (defs.empty()) continue;  // not covered at all: DR042
    bool captured = false;
    std::vector<std::pair<const graph::Node*, query::VolumeCapture>> misses;
    for (graph::NodeId d : defs) {
      query::VolumeCapture c = query::capture_of(g, d, pvc);
      if (c.unknown || c.snapshots || c.fs_backup || !c.explicit_setting) {
        captured = true;
        break;
      }
      misses.emplace_back(&g.node(d), c);
    }
    if (captured || misses.empty()) continue;
    std::string names;
    for (std::size_t i = 0; i < misses.size(); ++i) names += (i ? ", '" : "'") + misses[i].first->name + "'";
    bool tmpl = query::known_bool(pvc.attr("template")).value_or(false);
    std::string what = tmpl ? "volumeClaimTemplate PVC " + pvc.ns + "/" + pvc.name : "PVC " + pvc.ns + "/" + pvc.name;
    std::string msg = what + " is in a backed-up namespace, but no backup captures its data (" + names + ": " +
                      misses[0].second.why +
                      ", no file-system backup): a restore creates an empty volume. Set defaultVolumesToFsBackup: true "
                      "(or snapshotVolumes: true), or annotate the pod with backup.velero.io/backup-volumes.";
    FindingBuilder f = out.report(kInfo, pvc.loc, msg, "pvc " + pvc.ns + "/" + pvc.name);
    for (const auto& [def, c] : misses)
      f.related(c.decided_at.valid() ? c.decided_at : def->loc, "backup '" + def->name + "' covers the namespace: " + c.why);
  }
}

}  // namespace

Rule make_dr011() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
