// DR060 cluster-not-zone-redundant: an AKS node pool declares no
// availability zones.
#include <string>

#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/graph_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(A node pool without `zones` places all its VMs in whatever zone (or
non-zonal fault domain) Azure picks. When that zone fails, every node of the
pool can go with it, and for the system pool that means the whole cluster.
Spreading a pool over zones `1`, `2` and `3` lets the cluster survive the
loss of one datacenter without a restore at all: the cheapest recovery is
the one you never need.

Zones can only be set when a pool is created: changing them replaces the
pool (for the default pool, use a temporary system pool and
`temporary_name_for_rotation`). Zone-redundant nodes also need zone-redundant
volumes to be useful for stateful workloads (DR010).

**How to fix**: declare the zones on every pool.

Before:

```hcl
resource "azurerm_kubernetes_cluster" "main" {
  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }
}
```

After:

```hcl
resource "azurerm_kubernetes_cluster" "main" {
  default_node_pool {
    name                        = "system"
    node_count                  = 3
    vm_size                     = "Standard_D4s_v5"
    zones                       = ["1", "2", "3"]
    temporary_name_for_rotation = "systemtmp"
  }
}
```
)md";

const RuleInfo kInfo{
    "DR060",
    "cluster-not-zone-redundant",
    Level::kWarning,
    "An AKS node pool declares no availability zones.",
    "A node pool of an AKS cluster (the default_node_pool or an "
    "azurerm_kubernetes_cluster_node_pool) declares no availability zones, so the loss of one "
    "zone can take all its nodes. Reported per pool at the pool's block. Unknown zone lists never "
    "fire.",
    kHelp,
    {"aks", "zones", "availability"},
    "",
};

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (graph::NodeId id : g.of_kind(graph::NodeKind::kAksCluster)) {
    const graph::Node& cluster = g.node(id);
    if (query::known_bool(cluster.attr("data_source")).value_or(false)) continue;
    const Value* pools = cluster.attr("node_pools");
    if (!pools || !pools->is_list()) continue;
    for (std::size_t i = 0; i < pools->items().size(); ++i) {
      const Value& pool = pools->items()[i];
      const Value* zones = pool.get("zones");
      if (!zones || !zones->known()) continue;
      if (zones->is_list() && zones->contains_unknown()) continue;
      bool none = zones->is_null() || (zones->is_list() && zones->items().empty());
      if (!none) continue;
      std::string name = query::known_text(pool.get("name")).value_or("");
      bool is_default = !pool.get("address");
      std::string what = is_default ? "Default node pool" : "Node pool";
      std::string msg = what + (name.empty() ? "" : " '" + name + "'") + " of AKS cluster '" + cluster.name +
                        "' declares no availability zones: losing one zone can take all its nodes" +
                        (is_default ? ", and with the system pool the whole cluster" : "") +
                        ". Set zones = [\"1\", \"2\", \"3\"] (changing zones recreates the pool).";
      std::string key = "cluster " + cluster.address + " pool " + (name.empty() ? std::to_string(i) : name);
      FindingBuilder f = out.report(kInfo, pool.loc().valid() ? pool.loc() : cluster.loc, msg, key);
      if (!is_default) f.related(cluster.loc, "AKS cluster '" + cluster.name + "' declared here");
    }
  }
}

}  // namespace

Rule make_dr060() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
