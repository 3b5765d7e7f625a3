// DR020 crd-not-in-backup: a custom resource's CustomResourceDefinition is
// excluded from every backup that covers the custom resource's namespace.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/graph/graph.h"
#include "analyzer/graph/k8s_identity.h"
#include "rules/finding_sink.h"
#include "rules/policy_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kSummary =
    "A custom resource's CustomResourceDefinition is excluded from every backup that covers its namespace.";

constexpr std::string_view kDescription =
    "A custom resource lives in a namespace that a backup covers, but every covering backup leaves its "
    "CustomResourceDefinition out: includeClusterResources is false, excludedResources lists "
    "customresourcedefinitions, or includedResources does not list them. Left unset, Velero backs up the "
    "CRDs of the custom resources it captures, so that case is covered. On restore into an empty cluster the "
    "custom resources are created before their schema exists and are rejected.";

constexpr std::string_view kHelp = R"md(A restore into a new cluster (the regional disaster case) starts from an
empty API server. Velero restores CustomResourceDefinitions first and then
the custom resources. If the backup never captured the CRD, the API server
does not know the kind, so every custom resource of that kind fails to
restore: certificates, database clusters, ExternalSecrets and the like are
silently missing after the restore.

Velero includes the CRD of each custom resource it backs up unless you tell
it not to. This rule fires when every backup that covers the namespace tells
it not to: `includeClusterResources: false`, `excludedResources` listing
`customresourcedefinitions`, or an `includedResources` list without
`customresourcedefinitions`.

**How to fix**: let at least one covering backup capture the CRDs. Remove
the exclusion, or add `customresourcedefinitions` to `includedResources`, or
set `includeClusterResources` back to unset (Velero's default) or `true`.
Installing the CRDs from Git before the restore also works, but the backup
must then not be your only recovery path.

Before:

```yaml
spec:
  template:
    includedNamespaces: [payments]
    includeClusterResources: false
```

After:

```yaml
spec:
  template:
    includedNamespaces: [payments]
    # unset: Velero includes the CRDs of the custom resources it backs up
```
)md";

const RuleInfo kInfo{
    "DR020",
    "crd-not-in-backup",
    Level::kError,
    kSummary,
    kDescription,
    kHelp,
    {"backup", "restore", "velero", "crd", "kubernetes"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;

// An application's custom resource: not one of Velero's own.
bool is_application_custom_resource(const Node& n) {
  if (!is_linked_as_custom_resource(n)) return false;
  std::string_view group = graph::api_version_of(n).group;
  return group != "velero.io" && group != "ark.heptio.com";
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  // (namespace, group/kind) -> the custom resources of that kind there.
  std::map<std::pair<std::string, std::string>, std::vector<const Node*>> groups;
  for (const Node& n : g.nodes()) {
    if (n.ns.empty() || !is_application_custom_resource(n)) continue;
    groups[{n.ns.str(), attr_text(n, "kind") + "." + std::string(graph::api_version_of(n).group)}].push_back(&n);
  }
  for (const auto& [key, resources] : groups) {
    const Node* ns = find_namespace(g, key.first);
    if (!ns) continue;
    std::vector<NodeId> defs = covering_definitions(g, ns->id);
    if (defs.empty()) continue;  // not covered at all: DR042
    bool included = false, unknown = false;
    std::vector<std::pair<const Node*, ResourceDecision>> excluding;
    for (NodeId d : defs) {
      ResourceDecision r = backs_up_crds(g.node(d));
      if (r.included == Tri::kYes) included = true;
      else if (r.included == Tri::kUnknown) unknown = true;
      else excluding.emplace_back(&g.node(d), r);
    }
    if (included || unknown || excluding.empty()) continue;
    const Node& cr = *resources.front();
    std::string crd_name = key.second;
    std::string crs = attr_text(cr, "kind") + " '" + cr.name + "'";
    if (resources.size() > 1) crs += " and " + std::to_string(resources.size() - 1) + " more";
    const auto& [first_def, decision] = excluding.front();
    std::string msg = "custom resource " + crs + " in namespace '" + key.first + "' needs CRD " + crd_name +
                      ", but " + describe_definition(*first_def) + " leaves CRDs out (" + decision.why + ")";
    if (excluding.size() > 1)
      msg += ", as do the other " + std::to_string(excluding.size() - 1) + " backups covering '" + key.first + "'";
    msg += "; a restore into a new cluster creates the custom resources before their schema exists and fails. "
           "Let a covering backup include customresourcedefinitions (unset includeClusterResources, or list them "
           "in includedResources).";
    FindingBuilder f = out.report(kInfo, decision.loc, msg, "crd " + crd_name + " in " + key.first);
    f.related(cr.loc, "custom resource " + attr_text(cr, "kind") + " '" + cr.name + "'");
    for (const graph::Edge* e : g.out(cr.id, graph::EdgeKind::kInstanceOf))
      f.related(g.node(e->to).loc, "CRD " + g.node(e->to).name);
    for (std::size_t i = 1; i < excluding.size(); ++i)
      f.related(excluding[i].second.loc, describe_definition(*excluding[i].first) + ": " + excluding[i].second.why);
  }
}

}  // namespace

Rule make_dr020() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
