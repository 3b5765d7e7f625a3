// DR010 zone-locked-volume: a PVC (or StatefulSet volumeClaimTemplate) uses
// an Azure Disk storage class with a locally redundant SKU, so the disk and
// its snapshots are pinned to one zone/region.
#include <map>
#include <string>
#include <vector>

#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/graph_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(An Azure managed disk with a locally redundant SKU (`Standard_LRS`,
`StandardSSD_LRS`, `Premium_LRS`, `PremiumV2_LRS`, `UltraSSD_LRS`) lives in
one availability zone. The pod that mounts it can only run in that zone: when
the zone fails, the StatefulSet cannot move, and a restore into another zone
or region cannot attach the disk or create it from a zonal snapshot. The AKS
built-in classes `default`, `managed-csi`, `managed-csi-premium`, `managed`
and `managed-premium` are all LRS.

Azure Files classes and zone-redundant disk SKUs (`StandardSSD_ZRS`,
`Premium_ZRS`) are not reported.

**How to fix**: declare a storage class with a zone-redundant SKU and use it
for the claim (a new class is needed: AKS has no built-in ZRS disk class).
Existing volumes must be migrated (snapshot and restore, or a backup and
restore with Velero).

Before:

```yaml
volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      storageClassName: managed-csi-premium
```

After:

```yaml
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: managed-csi-premium-zrs
provisioner: disk.csi.azure.com
parameters:
  skuName: Premium_ZRS
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
---
# in the StatefulSet
volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      storageClassName: managed-csi-premium-zrs
```
)md";

const RuleInfo kInfo{
    "DR010",
    "zone-locked-volume",
    Level::kWarning,
    "A persistent volume claim uses a locally redundant Azure Disk class, pinned to one zone.",
    "A PVC or StatefulSet volumeClaimTemplate uses an Azure Disk storage class with a locally "
    "redundant SKU (*_LRS, including the AKS built-in classes default, managed-csi, "
    "managed-csi-premium, managed and managed-premium), so the disk and its snapshots are pinned "
    "to one zone and a restore into another zone fails. Reported at the class's skuName when the "
    "class is declared in the scan, else at the claim's storageClassName. Azure Files and ZRS "
    "SKUs are not reported.",
    kHelp,
    {"storage", "zones", "kubernetes", "volumes"},
    "",
};

std::string claim_desc(const graph::Node& pvc) {
  bool tmpl = query::known_bool(pvc.attr("template")).value_or(false);
  if (tmpl) {
    std::string t = query::known_text(pvc.attr("template_name")).value_or(pvc.name.str());
    return "volumeClaimTemplate '" + t + "' (" + pvc.ns + "/" + pvc.name + ")";
  }
  return "PVC " + pvc.ns + "/" + pvc.name;
}

SourceLoc claim_loc(const graph::Node& pvc) {
  const Value* sc = pvc.attr("storage_class_name");
  return sc && sc->loc().valid() ? sc->loc() : pvc.loc;
}

std::string sku_text(const query::ClassInfo& c) {
  if (c.sku.is_string() && !std::string(c.sku.text()).empty()) return std::string(c.sku.text());
  return c.provisioner == "kubernetes.io/azure-disk" ? "Standard_LRS (the default)" : "StandardSSD_LRS (the driver default)";
}

std::string zrs_of(const query::ClassInfo& c) {
  std::string s = query::lower(c.sku.is_string() ? c.sku.text() : "");
  return s.rfind("premium", 0) == 0 ? "Premium_ZRS" : "StandardSSD_ZRS";
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  // Declared classes: one finding per class, at skuName, related to each claim.
  std::map<std::uint32_t, std::vector<const graph::Node*>> by_class;
  std::map<std::uint32_t, query::ClassInfo> classes;
  for (graph::NodeId id : g.of_kind(graph::NodeKind::kPvc)) {
    const graph::Node& pvc = g.node(id);
    std::optional<query::ClassInfo> c = query::storage_class_of(g, pvc);
    if (!c || !query::disk_sku_is_lrs(*c)) continue;
    // Bound by name to a pre-provisioned volume: the data is wherever that PV is.
    if (c->implicit_default && pvc.attr("volume_name")) continue;
    bool declared = c->node && !c->builtin && c->node->loc.valid();
    if (declared) {
      by_class[graph::index(c->node->id)].push_back(&pvc);
      classes.emplace(graph::index(c->node->id), *c);
      continue;
    }
    std::string how = c->implicit_default ? "names no storage class, so it uses the AKS default class '" + c->name + "'"
                                          : "uses the AKS built-in storage class '" + c->name + "'";
    std::string msg = claim_desc(pvc) + " " + how + " (Azure Disk, " + sku_text(*c) +
                      "): the disk and its snapshots are pinned to one zone, so the pod cannot move and a restore into "
                      "another zone fails. Use a storage class with skuName " + zrs_of(*c) + " (declare one: AKS has no "
                      "built-in ZRS disk class).";
    out.report(kInfo, claim_loc(pvc), msg, "pvc " + pvc.ns + "/" + pvc.name);
  }
  for (const auto& [idx, pvcs] : by_class) {
    const query::ClassInfo& c = classes.at(idx);
    const graph::Node& sc = *c.node;
    std::string names;
    for (std::size_t i = 0; i < pvcs.size() && i < 3; ++i) names += (i ? ", " : "") + claim_desc(*pvcs[i]);
    if (pvcs.size() > 3) names += " and " + std::to_string(pvcs.size() - 3) + " more";
    std::string msg = "StorageClass '" + sc.name + "' provisions Azure Disks with " + sku_text(c) + ", used by " + names +
                      ": each disk and its snapshots are pinned to one zone, so the pod cannot move and a restore into "
                      "another zone fails. Set skuName: " + zrs_of(c) + " (a new class: parameters cannot be changed in place).";
    SourceLoc at = c.sku.loc().valid() && !c.sku.is_null() ? c.sku.loc() : sc.loc;
    FindingBuilder f = out.report(kInfo, at, msg, "storageclass " + sc.name);
    for (const graph::Node* p : pvcs) f.related(claim_loc(*p), claim_desc(*p) + " uses this class");
  }
}

}  // namespace

Rule make_dr010() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
