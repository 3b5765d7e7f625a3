// DR043 selector-matches-nothing: a backup's label selector matches no
// object in the namespaces it covers.
#include <optional>
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
    "A backup's label selector matches no object in the namespaces it covers.";

constexpr std::string_view kDescription =
    "A backup definition restricts itself with a labelSelector (or orLabelSelectors, or Azure Backup "
    "label_selectors), and no object in the scanned manifests of the namespaces it covers carries matching "
    "labels. The backup runs and succeeds, but captures nothing of the applications it was written for.";

constexpr std::string_view kHelp = R"md(A label selector on a backup is a second filter after the namespaces. A
typo in a label, or a label renamed in the application's chart, turns the
backup into an empty one that still reports success. The first time anyone
notices is the restore.

**How to fix**: make the selector match the labels the workloads actually
carry (check `metadata.labels` of the Deployments, StatefulSets, PVCs), or
drop the selector and filter by namespace.

Before:

```yaml
spec:
  template:
    labelSelector:
      matchLabels:
        app: payment-api       # workloads are labelled app: payments-api
```

After:

```yaml
spec:
  template:
    labelSelector:
      matchLabels:
        app: payments-api
```
)md";

const RuleInfo kInfo{
    "DR043",
    "selector-matches-nothing",
    Level::kWarning,
    kSummary,
    kDescription,
    kHelp,
    {"backup", "coverage", "labels", "velero", "azure-backup"},
    "",
};

using graph::Node;
using graph::NodeId;
using graph::NodeKind;

// One requirement of a selector: key op values.
struct Requirement {
  enum class Op { kIn, kNotIn, kExists, kDoesNotExist } op = Op::kIn;
  std::string key;
  std::vector<std::string> values;
};
using Selector = std::vector<Requirement>;  // all must hold

// A Kubernetes LabelSelector map; nullopt if some part cannot be read.
std::optional<Selector> parse_selector(const Value& v) {
  if (!v.is_map() || v.contains_unknown()) return std::nullopt;
  Selector s;
  if (const Value* ml = v.get("matchLabels")) {
    if (!ml->is_map()) return std::nullopt;
    for (const Value::Entry& e : ml->entries()) {
      if (!e.second.is_scalar()) return std::nullopt;
      s.push_back({Requirement::Op::kIn, e.first.str(), {std::string(e.second.text())}});
    }
  }
  if (const Value* me = v.get("matchExpressions")) {
    if (!me->is_list()) return std::nullopt;
    for (const Value& x : me->items()) {
      Requirement r;
      r.key = std::string(x.string_at("key"));
      std::string_view op = x.string_at("operator");
      if (op == "In") r.op = Requirement::Op::kIn;
      else if (op == "NotIn") r.op = Requirement::Op::kNotIn;
      else if (op == "Exists") r.op = Requirement::Op::kExists;
      else if (op == "DoesNotExist") r.op = Requirement::Op::kDoesNotExist;
      else return std::nullopt;
      if (const Value* vals = x.get("values"); vals && vals->is_list())
        for (const Value& i : vals->items()) r.values.push_back(std::string(i.text()));
      s.push_back(std::move(r));
    }
  }
  return s;
}

std::string trim(std::string_view s) {
  std::size_t a = s.find_first_not_of(" \t");
  std::size_t b = s.find_last_not_of(" \t");
  return a == std::string_view::npos ? std::string() : std::string(s.substr(a, b - a + 1));
}

// "app=web,tier!=db,release,!canary" (Azure label_selectors); nullopt for set syntax.
std::optional<Selector> parse_selector_string(std::string_view text) {
  Selector s;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string part = trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
    if (part.find('(') != std::string::npos || part.find(' ') != std::string::npos) return std::nullopt;
    if (!part.empty()) {
      Requirement r;
      std::size_t ne = part.find("!=");
      std::size_t eq = part.find('=');
      if (ne != std::string::npos) {
        r = {Requirement::Op::kNotIn, part.substr(0, ne), {part.substr(ne + 2)}};
      } else if (eq != std::string::npos) {
        std::size_t vpos = part.compare(eq, 2, "==") == 0 ? eq + 2 : eq + 1;
        r = {Requirement::Op::kIn, part.substr(0, eq), {part.substr(vpos)}};
      } else if (part[0] == '!') {
        r = {Requirement::Op::kDoesNotExist, part.substr(1), {}};
      } else {
        r = {Requirement::Op::kExists, part, {}};
      }
      s.push_back(std::move(r));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return s;
}

bool matches(const Selector& s, const Value& labels) {
  for (const Requirement& r : s) {
    const Value* v = labels.is_map() ? labels.get(r.key) : nullptr;
    bool has = v != nullptr;
    std::string text = v && v->is_scalar() ? std::string(v->text()) : "";
    bool in = false;
    for (const std::string& x : r.values) in = in || (has && x == text);
    switch (r.op) {
      case Requirement::Op::kIn: if (!in) return false; break;
      case Requirement::Op::kNotIn: if (in) return false; break;
      case Requirement::Op::kExists: if (!has) return false; break;
      case Requirement::Op::kDoesNotExist: if (has) return false; break;
    }
  }
  return true;
}

std::string describe(const Selector& s) {
  std::string out;
  for (const Requirement& r : s) {
    if (!out.empty()) out += ",";
    switch (r.op) {
      case Requirement::Op::kIn:
        out += r.key + (r.values.size() == 1 ? "=" + r.values[0] : " in (...)");
        break;
      case Requirement::Op::kNotIn: out += r.key + " notin (...)"; break;
      case Requirement::Op::kExists: out += r.key; break;
      case Requirement::Op::kDoesNotExist: out += "!" + r.key; break;
    }
  }
  return out;
}

struct Selectors {
  std::vector<Selector> any_of;  // the backup selects an object if one matches
  SourceLoc loc;
  bool unknown = false;
};

Selectors selectors_of(const Node& d) {
  Selectors out;
  if (d.kind == NodeKind::kBackupInstance) {
    const Value* ls = d.attrs.get("label_selectors");
    if (!ls || ls->is_null()) return out;
    out.loc = ls->loc().valid() ? ls->loc() : d.loc;
    if (!ls->known() || ls->contains_unknown()) {
      out.unknown = true;
      return out;
    }
    Selector all;  // Azure: every listed selector applies
    for (const Value& item : ls->items()) {
      std::optional<Selector> p = parse_selector_string(item.text());
      if (!p) {
        out.unknown = true;
        return out;
      }
      all.insert(all.end(), p->begin(), p->end());
    }
    if (!all.empty()) out.any_of.push_back(std::move(all));
    return out;
  }
  const Value* ls = d.attrs.get("label_selector");
  const Value* ors = d.attrs.get("or_label_selectors");
  if (ls && !ls->is_null()) {
    out.loc = ls->loc().valid() ? ls->loc() : d.loc;
    std::optional<Selector> p = parse_selector(*ls);
    if (!p) {
      out.unknown = true;
      return out;
    }
    if (!p->empty()) out.any_of.push_back(std::move(*p));
  }
  if (ors && !ors->is_null()) {
    if (!out.loc.valid()) out.loc = ors->loc().valid() ? ors->loc() : d.loc;
    if (!ors->is_list()) {
      out.unknown = true;
      return out;
    }
    for (const Value& item : ors->items()) {
      std::optional<Selector> p = parse_selector(item);
      if (!p) {
        out.unknown = true;
        return out;
      }
      if (!p->empty()) out.any_of.push_back(std::move(*p));
    }
  }
  return out;
}

void check(const RuleContext& ctx, FindingSink& out) {
  const graph::Graph& g = ctx.graph;
  for (NodeId id : backup_definitions(g)) {
    const Node& d = g.node(id);
    if (is_disabled(d)) continue;
    Selectors sel = selectors_of(d);
    if (sel.unknown || sel.any_of.empty()) continue;
    std::vector<NodeId> namespaces = covered_namespaces(g, id);
    std::size_t objects = 0;
    bool matched = false, unknown_labels = false;
    std::vector<std::string> names;
    for (NodeId ns : namespaces) {
      names.push_back(g.node(ns).name.str());
      for (const graph::Edge* e : g.in(ns, graph::EdgeKind::kInNamespace)) {
        const Node& n = g.node(e->from);
        if (is_backup_definition(n.kind) || n.kind == NodeKind::kPolicy) continue;
        for (const char* key : {"labels", "pod_labels"}) {
          const Value* labels = n.attrs.get(key);
          if (!labels || labels->is_null()) continue;
          if (!labels->known() || labels->contains_unknown()) {
            unknown_labels = true;
            continue;
          }
          ++objects;
          for (const Selector& s : sel.any_of) matched = matched || matches(s, *labels);
        }
      }
    }
    // Nothing scanned in those namespaces, or labels we cannot read: no claim.
    if (matched || unknown_labels || objects == 0) continue;
    std::string sels;
    for (const Selector& s : sel.any_of) sels += (sels.empty() ? "" : " or ") + describe(s);
    std::string nss;
    for (std::size_t i = 0; i < names.size() && i < 3; ++i) nss += (i ? ", '" : "'") + names[i] + "'";
    if (names.size() > 3) nss += " and " + std::to_string(names.size() - 3) + " more";
    std::string msg = describe_definition(d) + " selects objects labelled " + sels + ", but none of the " +
                      std::to_string(objects) + " objects scanned in " + (names.size() == 1 ? "namespace " : "namespaces ") +
                      nss + " carries matching labels, so the backup captures nothing there. Fix the selector to "
                      "match the workloads' labels, or remove it and select by namespace.";
    out.report(kInfo, sel.loc, msg, describe_definition(d) + " selector").related(d.loc, describe_definition(d));
  }
}

}  // namespace

Rule make_dr043() { return Rule{&kInfo, &check}; }

}  // namespace drlint::rules
