// DR022 custom-resource-without-crd: a custom resource whose
// CustomResourceDefinition is defined nowhere in the scanned inputs.
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
    "A custom resource's CustomResourceDefinition is defined nowhere in the scanned inputs, so its restore "
    "cannot be proven.";

constexpr std::string_view kDescription =
    "A custom resource is declared, but no CustomResourceDefinition for its group and kind appears in the "
    "scanned manifests, and no scanned helm_release installs a chart known to ship it. drlint cannot tell "
    "whether the CRD will exist in a recovery cluster, nor check its versions against the resource.";

constexpr std::string_view kHelp = R"md(A custom resource can only be restored into a cluster that already knows
its kind. When the CRD comes from somewhere drlint does not see (an operator
installed by hand, a chart installed outside the scanned Terraform), nobody
can prove that a rebuilt cluster gets it, and the rules that check CRD
coverage (DR020) and versions (DR021) cannot run for it.

**How to fix**: keep the CRD, or the `helm_release` that installs its
operator, in the scanned repository, so that rebuilding the cluster from
Git recreates it. If the CRD is managed elsewhere on purpose, suppress the
finding with the reason.

Before:

```yaml
apiVersion: cert-manager.io/v1
kind: Certificate          # CRD installed by hand, not in the repository
```

After:

```hcl
resource "helm_release" "cert_manager" {
  chart = "cert-manager"
  set {
    name  = "installCRDs"
    value = "true"
  }
}
```
)md";

const RuleInfo kInfo{
    "DR022",
    "custom-resource-without-crd",
    Level::kNote,
    kSummary,
    kDescription,
    kHelp,
    {"restore", "crd", "kubernetes", "completeness"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// API groups whose CRDs AKS installs itself, or that come with a known
// chart / cluster extension (matched against scanned helm_release charts and
// azurerm_kubernetes_cluster_extension types).
struct Provider {
  const char* group_suffix;  // matches the group or any subdomain of it
  const char* chart;         // substring of the chart name / extension type; "" = built into AKS
};
constexpr Provider kProviders[] = {
    {"snapshot.storage.k8s.io", ""},
    {"metrics.k8s.io", ""},
    {"azmonitoring.coreos.com", ""},
    {"velero.io", "velero"},
    {"ark.heptio.com", "velero"},
    {"cert-manager.io", "cert-manager"},
    {"acme.cert-manager.io", "cert-manager"},
    {"external-secrets.io", "external-secrets"},
    {"generators.external-secrets.io", "external-secrets"},
    {"secrets-store.csi.x-k8s.io", "secrets-store-csi-driver"},
    {"monitoring.coreos.com", "prometheus"},
    {"argoproj.io", "argo"},
    {"keda.sh", "keda"},
    {"toolkit.fluxcd.io", "flux"},
    {"traefik.io", "traefik"},
    {"traefik.containo.us", "traefik"},
    {"gateway.networking.k8s.io", "gateway"},
    {"cilium.io", "cilium"},
    {"kyverno.io", "kyverno"},
    {"networking.istio.io", "istio"},
    {"security.istio.io", "istio"},
    {"dapr.io", "dapr"},
    {"k8s.nginx.org", "nginx"},
    {"azure.com", "aso"},
    {"aadpodidentity.k8s.io", "aad-pod-identity"},
};

bool group_matches(const std::string& group, const char* suffix) {
  std::string s = suffix;
  return group == s || (group.size() > s.size() && group.compare(group.size() - s.size(), s.size(), s) == 0 &&
                        group[group.size() - s.size() - 1] == '.');
}

// True when AKS or a scanned helm_release / cluster extension provides the group.
bool provided(const graph::Graph& g, const std::string& group) {
  std::vector<std::string> installed;
  for (NodeId id : g.of_kind(NodeKind::kHelmRelease)) installed.push_back(lower(attr_text(g.node(id), "chart")));
  for (NodeId id : g.of_kind(NodeKind::kClusterExtension))
    installed.push_back(lower(attr_text(g.node(id), "extension_type")));
  for (const Provider& p : kProviders) {
    if (!group_matches(group, p.group_suffix)) continue;
    if (!*p.chart) return true;
    for (const std::string& c : installed)
      if (c.find(p.chart) != std::string::npos) return true;
  }
  // A helm_release whose chart cannot be read may install anything.
  for (NodeId id : g.of_kind(NodeKind::kHelmRelease)) {
    const Value* chart = g.node(id).attrs.get("chart");
    if (chart && !chart->known()) return true;
  }
  return false;
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  std::map<std::string, std::vector<const Node*>> kinds;  // "Kind.group" -> resources, in node order
  for (const Node& n : g.nodes()) {
    if (!is_linked_as_custom_resource(n) || !g.out(n.id, graph::EdgeKind::kInstanceOf).empty()) continue;
    std::string group(graph::api_version_of(n).group);
    if (group.empty()) continue;
    kinds[attr_text(n, "kind") + "." + group].push_back(&n);
  }
  for (const auto& [kind_group, resources] : kinds) {
    const Node& first = *resources.front();
    std::string group(graph::api_version_of(first).group);
    if (provided(g, group)) continue;
    std::string kind = attr_text(first, "kind");
    std::string msg = "custom resource " + kind + " '" + first.name + "'";
    if (resources.size() > 1) msg += " (and " + std::to_string(resources.size() - 1) + " more of kind " + kind + ")";
    msg += " has no CustomResourceDefinition for " + kind_group +
           " in the scanned inputs (no CRD manifest, no scanned helm_release installing it), so its restore "
           "cannot be checked. Keep the CRD, or the helm_release of its operator, in the repository.";
    FindingBuilder f = out.report(kInfo, attr_loc(first, "api_version"), msg, "crd " + kind_group);
    for (std::size_t i = 1; i < resources.size() && i < 4; ++i)
      f.related(resources[i]->loc, kind + " '" + resources[i]->name + "'");
  }
}

}  // namespace

Rule make_dr022() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
