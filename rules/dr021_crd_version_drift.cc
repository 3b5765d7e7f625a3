// DR021 crd-version-drift: a custom resource uses an apiVersion that its
// CustomResourceDefinition does not serve, or one that is neither the
// storage version nor convertible.
#include <string>
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
    "A custom resource uses an apiVersion that its CustomResourceDefinition does not serve, or that is not the "
    "storage version and has no conversion.";

constexpr std::string_view kDescription =
    "A custom resource is written against an apiVersion that its CustomResourceDefinition in the scanned "
    "manifests does not serve (the version is missing or has served: false), or against a version that is not "
    "the CRD's storage version while the CRD declares no conversion webhook. Applying or restoring such a "
    "resource into a cluster built from these manifests fails or loses fields.";

constexpr std::string_view kHelp = R"md(Recovery means re-creating the cluster from what you keep in Git and in
backups. When a custom resource is written against a version its CRD no
longer serves, `kubectl apply` and Velero restores are rejected by the API
server; when the version is served but is not the storage version and the
CRD has no conversion webhook, fields that only exist in the other version
are dropped on the way in. Either way the restored object is not the one you
ran.

**How to fix**: write the custom resource against a version the CRD serves,
preferably the storage version, or serve the old version with a conversion
webhook (`spec.conversion.strategy: Webhook`) until every manifest is
migrated.

Before:

```yaml
apiVersion: db.example.com/v1alpha1   # CRD serves only v1
kind: PostgresCluster
```

After:

```yaml
apiVersion: db.example.com/v1
kind: PostgresCluster
```
)md";

const RuleInfo kInfo{
    "DR021",
    "crd-version-drift",
    Level::kWarning,
    kSummary,
    kDescription,
    kHelp,
    {"restore", "crd", "kubernetes", "api-version"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;

struct Served {
  bool found = false;
  bool known = true;
  bool served = false;
  bool storage = false;
  SourceLoc loc;
};

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (const Node& cr : g.nodes()) {
    graph::EdgeRange inst = g.out(cr.id, graph::EdgeKind::kInstanceOf);
    if (inst.empty()) continue;
    const Node& crd = g.node(inst.front()->to);
    if (crd.kind != NodeKind::kCrd) continue;
    std::string version(graph::api_version_of(cr).version);
    const Value* versions = crd.attrs.get("versions");
    if (version.empty() || !versions || !versions->is_list() || versions->contains_unknown()) continue;
    Served s;
    std::string storage_version;
    std::vector<std::string> served_names;
    for (const Value& v : versions->items()) {
      std::string name(v.string_at("name"));
      const Value* served = v.get("served");
      const Value* storage = v.get("storage");
      bool ok1 = false, ok2 = false;
      bool is_served = served && served->truthy(&ok1);
      bool is_storage = storage && storage->truthy(&ok2);
      if (!ok1 || !ok2) {
        if (name == version) s.known = false;
        continue;
      }
      if (is_served) served_names.push_back(name);
      if (is_storage) storage_version = name;
      if (name == version) {
        s.found = true;
        s.served = is_served;
        s.storage = is_storage;
        // Point at `served: false` when that is the problem, else at the version.
        s.loc = !is_served && served->loc().valid() ? served->loc() : v.loc();
      }
    }
    if (!s.known) continue;
    if (versions->items().size() == 1 && s.found) s.storage = true;  // the only version is the storage version
    std::string served_list;
    for (const std::string& n : served_names) served_list += (served_list.empty() ? "" : ", ") + n;
    std::string what = "custom resource " + attr_text(cr, "kind") + " '" + cr.name + "'";
    std::string api = attr_text(cr, "api_version");
    std::string msg;
    if (!s.found || !s.served) {
      msg = what + " uses apiVersion " + api + ", but CRD " + crd.name +
            (s.found ? " marks version " + version + " served: false" : " defines no version " + version) +
            " (served: " + (served_list.empty() ? "none" : served_list) +
            "); applying or restoring it is rejected. Write it against a served version";
      if (!storage_version.empty()) msg += " (storage version " + storage_version + ")";
      msg += ", or serve " + version + " again.";
    } else if (!s.storage && !storage_version.empty() && attr_text(crd, "conversion_strategy") != "Webhook") {
      msg = what + " uses apiVersion " + api + ", which CRD " + crd.name + " serves but stores as " +
            storage_version + " without a conversion webhook; fields that exist only in " + version +
            " are lost on the way in. Write it against " + storage_version +
            ", or add a conversion webhook (spec.conversion.strategy: Webhook).";
    } else {
      continue;
    }
    FindingBuilder f = out.report(kInfo, attr_loc(cr, "api_version"), msg, what + " version " + version);
    f.related(s.found && s.loc.valid() ? s.loc : attr_loc(crd, "versions"), "CRD " + crd.name + " versions");
  }
}

}  // namespace

Rule make_dr021() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
