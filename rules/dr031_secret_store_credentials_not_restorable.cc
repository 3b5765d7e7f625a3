// DR031 secret-store-credentials-not-restorable: a secret store
// authenticates with a Kubernetes Secret that no backup restores and no
// manifest declares.
#include <set>
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
    "A secret store authenticates with a Kubernetes Secret that no backup restores and no scanned manifest "
    "declares.";

constexpr std::string_view kDescription =
    "A SecretStore or ClusterSecretStore (auth.secretRef / authSecretRef) or a Secrets Store CSI volume "
    "(nodePublishSecretRef) authenticates with a Kubernetes Secret that every covering backup excludes "
    "(excludedResources: [secrets]) and that no scanned manifest declares. After a restore the operator "
    "cannot authenticate to the external store, so no application secret is materialized.";

constexpr std::string_view kHelp = R"md(Excluding `secrets` from Velero backups is a common hardening step: the
application secrets come back from Key Vault through External Secrets
Operator anyway. But the operator itself needs credentials to reach Key
Vault. If those live in a Kubernetes Secret that was created by hand and is
excluded from the backup, a restored cluster has the SecretStore but not
its credentials, and every ExternalSecret stays unsynced.

**How to fix**: authenticate the store with workload identity (no secret to
restore), or declare the credential Secret where the recovery pipeline
recreates it, or stop excluding `secrets` from the backup that covers the
store's namespace.

Before:

```yaml
provider:
  azurekv:
    authSecretRef:
      clientSecret: {name: kv-sp, key: client-secret}   # created by hand
```

After:

```yaml
provider:
  azurekv:
    authType: WorkloadIdentity
    serviceAccountRef: {name: eso-kv}
```
)md";

const RuleInfo kInfo{
    "DR031",
    "secret-store-credentials-not-restorable",
    Level::kError,
    kSummary,
    kDescription,
    kHelp,
    {"secrets", "external-secrets", "velero", "restore", "credentials"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;

struct SecretRef {
  std::string name, ns;
  SourceLoc loc;
};

std::vector<SecretRef> refs_of(const Node& store, const char* key) {
  std::vector<SecretRef> out;
  const Value* refs = store.attrs.get(key);
  if (!refs || !refs->is_list()) return out;
  for (const Value& r : refs->items()) {
    const Value* name = r.get("name");
    if (!name || !name->known() || !name->is_scalar()) continue;
    std::string ns(r.string_at("namespace"));
    if (ns.empty()) ns = store.ns;
    out.push_back({std::string(name->text()), ns, name->loc().valid() ? name->loc() : r.loc()});
  }
  return out;
}

// Declared in the manifests, or materialized by an ExternalSecret.
bool declared(const graph::Graph& g, const SecretRef& r) {
  if (g.find("Secret/" + r.ns + "/" + r.name)) return true;
  for (NodeId id : g.of_kind(NodeKind::kExternalSecret)) {
    const Node& es = g.node(id);
    if ((es.ns == r.ns || es.ns.empty()) && attr_text(es, "target_name") == r.name) return true;
  }
  return false;
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (NodeKind kind : {NodeKind::kSecretStore, NodeKind::kSecretProviderClass}) {
    for (NodeId id : g.of_kind(kind)) {
      const Node& store = g.node(id);
      std::vector<SecretRef> refs =
          refs_of(store, kind == NodeKind::kSecretStore ? "auth_secret_refs" : "node_publish_secret_refs");
      std::set<std::string> seen;
      for (const SecretRef& r : refs) {
        if (r.ns.empty() || !seen.insert(r.ns + "/" + r.name).second) continue;
        if (declared(g, r)) continue;
        const Node* ns = find_namespace(g, r.ns);
        if (!ns) continue;
        std::vector<NodeId> defs = covering_definitions(g, ns->id);
        if (defs.empty()) continue;  // not covered at all: DR042
        bool restored = false, unknown = false;
        const Node* excluder = nullptr;
        ResourceDecision why;
        for (NodeId d : defs) {
          ResourceDecision dec = backs_up_secrets(g.node(d));
          if (dec.included == Tri::kYes) restored = true;
          else if (dec.included == Tri::kUnknown) unknown = true;
          else if (!excluder) {
            excluder = &g.node(d);
            why = dec;
          }
        }
        if (restored || unknown || !excluder) continue;
        std::string what = attr_text(store, "kind") + " '" + store.name + "'";
        std::string msg = what + " authenticates with Secret '" + r.ns + "/" + r.name +
                          "', which no scanned manifest declares and " + describe_definition(*excluder) +
                          " leaves out (" + why.why + ")";
        if (defs.size() > 1) msg += ", like every other backup covering '" + r.ns + "'";
        msg += "; after a restore the store cannot authenticate and no secret syncs. Use workload identity, "
               "declare the credential Secret where the rebuild recreates it, or back up secrets in '" + r.ns + "'.";
        FindingBuilder f = out.report(kInfo, r.loc, msg, what + " secret " + r.name);
        f.related(why.loc, describe_definition(*excluder) + ": " + why.why);
      }
    }
  }
}

}  // namespace

Rule make_dr031() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
