// DR004 backup-storage-exposed: the blob container holding the backups can
// be read without authorization (container_access_type blob or container).
#include <algorithm>

#include "analyzer/graph/graph.h"
#include "rules/finding_sink.h"
#include "rules/graph_query.h"
#include "rules/registry.h"
#include "rules/rule_context.h"

namespace drlint::rules {
namespace {

constexpr std::string_view kHelp = R"md(A backup of a Kubernetes cluster holds every object of the backed-up
namespaces, Secrets included: database passwords, API tokens, TLS keys. A
blob container with `container_access_type = "blob"` lets anyone who knows
(or guesses) a blob URL download it; `"container"` even lets them list the
container. Velero's backup layout (`backups/<name>/<name>.tar.gz`) is public
knowledge, so the names are easy to guess.

The finding is not reported when the storage account itself forbids public
access (`allow_nested_items_to_be_public = false`), because Azure then
ignores the container's access type.

**How to fix**: make the container private. Velero and Azure Backup
authenticate with a storage key, a service principal or workload identity;
neither ever needs anonymous access. Also forbid public access on the
account so a later change cannot reopen it.

Before:

```hcl
resource "azurerm_storage_container" "velero" {
  name                  = "velero"
  storage_account_name  = azurerm_storage_account.velero.name
  container_access_type = "blob"
}
```

After:

```hcl
resource "azurerm_storage_container" "velero" {
  name                  = "velero"
  storage_account_name  = azurerm_storage_account.velero.name
  container_access_type = "private"
}

resource "azurerm_storage_account" "velero" {
  allow_nested_items_to_be_public = false
  # ...
}
```
)md";

const RuleInfo kInfo{
    "DR004",
    "backup-storage-exposed",
    Level::kError,
    "The blob container holding the backups can be read without authorization.",
    "A blob container that holds Velero backups (or the Azure Backup for AKS extension's backups) "
    "has container_access_type blob or container, so its blobs can be downloaded anonymously. "
    "Backups contain every Secret of the backed-up namespaces. Not reported when the storage "
    "account sets allow_nested_items_to_be_public = false, which overrides the container setting.",
    kHelp,
    {"security", "storage", "velero", "azure-backup"},
    "8.6",
};

// Containers of the extension's storage account named as its blob container.
void extension_containers(const graph::Graph& g, std::vector<graph::NodeId>& out) {
  for (graph::NodeId ext : g.of_kind(graph::NodeKind::kClusterExtension)) {
    std::optional<std::string> bucket = query::known_text(g.node(ext).attr("blob_container"));
    if (!bucket) continue;
    for (const graph::Edge* e : g.out(ext, graph::EdgeKind::kStoresIn))
      for (const graph::Edge* c : g.in(e->to, graph::EdgeKind::kContainerOf)) {
        std::optional<std::string> name = query::known_text(g.node(c->from).attr("name"));
        if (name && query::iequals(*name, *bucket) && std::find(out.begin(), out.end(), c->from) == out.end())
          out.push_back(c->from);
      }
  }
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  std::vector<graph::NodeId> containers = query::velero_backup_containers(g);
  std::size_t velero_count = containers.size();
  extension_containers(g, containers);
  for (std::size_t i = 0; i < containers.size(); ++i) {
    const graph::Node& c = g.node(containers[i]);
    const Value* access = c.attr("container_access_type");
    std::optional<std::string> type = query::known_text(access);
    if (!type) continue;
    std::string t = query::lower(*type);
    if (t != "blob" && t != "container") continue;
    const graph::Node* account = nullptr;
    for (const graph::Edge* e : g.out(c.id, graph::EdgeKind::kContainerOf)) account = &g.node(e->to);
    if (account && query::known_bool(account->attr("allow_nested_items_to_be_public")) == false) continue;
    std::string holder = i < velero_count ? "Velero backups" : "Azure Backup for AKS backups";
    std::string msg = "Blob container '" + c.name + "'" + (account ? " of storage account '" + account->name + "'" : "") +
                      " holds " + holder + " and has container_access_type = \"" + *type + "\": anyone with a blob URL" +
                      (t == "container" ? " can list and" : " can") +
                      " download them, with every Secret of the backed-up namespaces. Set container_access_type = "
                      "\"private\" and allow_nested_items_to_be_public = false on the account.";
    FindingBuilder f = out.report(kInfo, query::attr_site(ctx.sources, c.loc, "container_access_type", access), msg,
                                  "container " + c.address);
    if (query::located_elsewhere(ctx.sources, c.loc, access)) f.related(access->loc(), "the access type comes from here");
    if (account) f.related(account->loc, "storage account '" + account->name + "' declared here");
    for (const graph::Edge* e : g.in(c.id, graph::EdgeKind::kUsesContainer))
      f.related(e->loc.valid() ? e->loc : g.node(e->from).loc, "Velero writes its backups to this container here");
  }
}

}  // namespace

Rule make_dr004() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
