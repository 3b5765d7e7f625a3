// DR030 external-secret-source-unprotected: secrets materialized from an
// external store that is not itself recoverable.
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
    "Secrets are materialized from an external store that is not itself recoverable.";

constexpr std::string_view kDescription =
    "An ExternalSecret, ClusterExternalSecret or SecretProviderClass reads its values from an external store, "
    "and that store is not recoverable: an Azure Key Vault declared in Terraform without "
    "purge_protection_enabled = true or with soft delete retention below 7 days, or a store that is declared "
    "nowhere in the scanned inputs. Velero restores the reference to the secret, never its value.";

constexpr std::string_view kHelp = R"md(With External Secrets Operator or the Secrets Store CSI driver, the cluster
holds only a pointer to each secret. A Velero restore brings the pointer
back; the value must still exist in the Key Vault. A vault without purge
protection can be deleted and purged (by mistake, by a pipeline, by an
attacker), and then every restored workload starts without its database
passwords and certificates. A store that is not declared anywhere you scan
cannot be shown to survive at all.

**How to fix**: declare the Key Vault in Terraform with purge protection
and a soft delete retention of at least 7 days (90 is the default), and
point the store at it.

Before:

```hcl
resource "azurerm_key_vault" "apps" {
  purge_protection_enabled = false
}
```

After:

```hcl
resource "azurerm_key_vault" "apps" {
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
}
```
)md";

const RuleInfo kInfo{
    "DR030",
    "external-secret-source-unprotected",
    Level::kError,
    kSummary,
    kDescription,
    kHelp,
    {"secrets", "key-vault", "external-secrets", "restore", "azure"},
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

// Template slots ("<keyvault>", "$KV_NAME", "${KV_NAME}", "{{ .Values.kv }}", "#{kv}#",
// "__KV__") are values filled in later: unknown, never a missing vault.
bool placeholder(std::string_view t) {
  for (std::string_view mark : {"<", ">", "$", "{{", "#{", "__"})
    if (t.find(mark) != std::string_view::npos) return true;
  return false;
}

bool flag(const Node& n, std::string_view key) {
  const Value* v = n.attrs.get(key);
  bool ok = false;
  return v && v->known() && v->truthy(&ok) && ok;
}

// Checks a Key Vault declared in Terraform; reports once per vault.
void check_vault(const Node& kv, const std::vector<const Node*>& readers, FindingSink& out) {
  if (flag(kv, "data_source")) return;  // declared elsewhere: its settings are not visible here
  const Value* purge = kv.attrs.get("purge_protection_enabled");
  const Value* days = kv.attrs.get("soft_delete_retention_days");
  std::string problem;
  SourceLoc at = kv.loc;
  bool ok = false;
  if (purge && purge->known() && !purge->is_null()) {
    bool on = purge->truthy(&ok);
    if (ok && !on) {
      problem = "has purge protection disabled (purge_protection_enabled is not true), so it can be deleted and "
                "purged with every secret in it";
      if (purge->loc().valid()) at = purge->loc();
    }
  }
  if (problem.empty() && days && days->is_number() && days->as_number() < 7) {
    problem = "keeps deleted secrets only " + std::string(days->text()) + " days (soft_delete_retention_days below 7)";
    if (days->loc().valid()) at = days->loc();
  }
  if (problem.empty()) return;
  std::string who;
  for (std::size_t i = 0; i < readers.size() && i < 3; ++i)
    who += (i ? ", " : "") + attr_text(*readers[i], "kind") + " '" + readers[i]->name + "'";
  if (readers.size() > 3) who += " and " + std::to_string(readers.size() - 3) + " more";
  std::string msg = "Key Vault '" + kv.name + "' " + problem + "; " + who +
                    " materialize secrets from it, and a Velero restore brings back only the references. Set "
                    "purge_protection_enabled = true (and soft_delete_retention_days >= 7).";
  FindingBuilder f = out.report(kInfo, at, msg, "key vault " + kv.name);
  for (const Node* r : readers) f.related(r->loc, attr_text(*r, "kind") + " '" + r->name + "' reads from it");
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  // Key Vault -> stores / provider classes reading from it.
  std::vector<std::pair<NodeId, std::vector<const Node*>>> vaults;
  auto add_reader = [&](NodeId kv, const Node* r) {
    for (auto& [id, list] : vaults)
      if (id == kv) {
        list.push_back(r);
        return;
      }
    vaults.push_back({kv, {r}});
  };

  // Stores that materialize secrets (read by an ExternalSecret), and provider classes.
  std::set<std::string> missing_reported;
  for (NodeId es_id : g.of_kind(NodeKind::kExternalSecret)) {
    const Node& es = g.node(es_id);
    graph::EdgeRange reads = g.out(es_id, graph::EdgeKind::kReadsFrom);
    if (reads.empty()) {
      const Value* name = es.attrs.get("store_name");
      if (!name || !name->known() || !name->is_scalar() || name->text().empty() || placeholder(name->text()))
        continue;
      std::string kind = attr_text(es, "store_kind");
      std::string key = kind + "/" + (kind == "ClusterSecretStore" ? "" : es.ns + "/") + std::string(name->text());
      if (!missing_reported.insert(key).second) continue;
      std::string msg = attr_text(es, "kind") + " '" + es.name + "' reads from " + kind + " '" + std::string(name->text()) +
                        "', which is declared nowhere in the scanned inputs, so nothing shows that the secrets "
                        "behind it survive a disaster. Declare the store (and its Key Vault) in the repository.";
      out.report(kInfo, name->loc().valid() ? name->loc() : es.loc, msg, "store " + key);
    }
  }
  for (NodeKind kind : {NodeKind::kSecretStore, NodeKind::kSecretProviderClass}) {
    for (NodeId id : g.of_kind(kind)) {
      const Node& s = g.node(id);
      if (kind == NodeKind::kSecretStore && g.in(id, graph::EdgeKind::kReadsFrom).empty()) continue;
      std::string provider = lower(attr_text(s, "provider"));
      if (provider != "azurekv" && provider != "azure") continue;  // only Azure Key Vault is judged
      graph::EdgeRange backed = g.out(id, graph::EdgeKind::kBackedBy);
      if (!backed.empty()) {
        for (const graph::Edge* e : backed) add_reader(e->to, &s);
        continue;
      }
      const char* key = kind == NodeKind::kSecretStore ? "vault_url" : "keyvault_name";
      const Value* v = s.attrs.get(key);
      if (!v || !v->known() || !v->is_scalar() || v->text().empty() || v->contains_unknown()) continue;
      if (placeholder(v->text())) continue;
      std::string vault = kind == NodeKind::kSecretStore ? attr_text(s, "vault_name") : std::string(v->text());
      if (vault.empty()) vault = v->text();
      std::string msg = attr_text(s, "kind") + " '" + s.name + "' materializes secrets from Key Vault '" + vault +
                        "', which is declared nowhere in the scanned inputs, so nothing shows it has purge "
                        "protection. Declare the vault in Terraform with purge_protection_enabled = true.";
      out.report(kInfo, v->loc().valid() ? v->loc() : s.loc, msg, "key vault " + vault);
    }
  }
  for (const auto& [kv, readers] : vaults) check_vault(g.node(kv), readers, out);
}

}  // namespace

Rule make_dr030() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
