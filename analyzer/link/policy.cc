// Declared recovery objectives -> kPolicy nodes: Namespace annotations
// drlint.io/rpo, drlint.io/rto (drlint.io/ignore kept), and policies from
// the configuration file (PolicyInputs), each linked to its namespaces.
#include <algorithm>

#include "analyzer/link/builder.h"
#include "analyzer/schedule/duration.h"
#include "analyzer/util/glob.h"

namespace drlint::link::detail {
namespace {

// rpo / rpo_seconds (or rpo_error) from a duration Value.
void set_objective(Value& a, const char* key, const Value* v, const SourceLoc& fallback) {
  a.set(key, copy_or_null(v, fallback));
  if (!v || !v->is_scalar()) return;
  std::string err;
  if (auto s = schedule::parse_duration(v->text(), &err))
    a.set(std::string(key) + "_seconds", Value::number(static_cast<double>(*s), v->loc()));
  else
    a.set(std::string(key) + "_error", Value::string(err, v->loc()));
}

std::vector<NodeId> sorted_namespaces(const Builder& b) {
  std::vector<NodeId> ids;
  for (const auto& [name, id] : b.namespaces) ids.push_back(id);
  std::sort(ids.begin(), ids.end(), [](NodeId x, NodeId y) { return graph::index(x) < graph::index(y); });
  return ids;
}

}  // namespace

void add_policies(Builder& b, const PolicyInputs& inputs) {
  for (NodeId ns : sorted_namespaces(b)) {
    const graph::Node& n = b.node(ns);
    const Value* ann = n.attr("annotations");
    const Value* rpo = ann ? ann->get("drlint.io/rpo") : nullptr;
    const Value* rto = ann ? ann->get("drlint.io/rto") : nullptr;
    if (!rpo && !rto) continue;
    SourceLoc loc = rpo ? rpo->loc() : rto->loc();
    Value a = Value::map({}, loc);
    a.set("source", Value::string("namespace_annotation", loc));
    set_objective(a, "rpo", rpo, loc);
    set_objective(a, "rto", rto, loc);
    a.set("namespaces", Value::list({Value::string(n.name, n.loc)}, n.loc));
    if (const Value* ig = ann->get("drlint.io/ignore")) a.set("ignore", *ig);
    std::string name = n.name.str();
    NodeId id = b.add(NodeKind::kPolicy, "namespace/" + name, "", "Policy/namespace/" + name, loc, std::move(a));
    b.edge(id, ns, EdgeKind::kDeclaresObjective, loc);
  }
  std::vector<NodeId> all = sorted_namespaces(b);
  for (const ConfigPolicy& p : inputs.policies) {
    Value a = Value::map({}, p.loc);
    a.set("source", Value::string("config", p.loc));
    set_objective(a, "rpo", p.rpo.is_null() ? nullptr : &p.rpo, p.loc);
    set_objective(a, "rto", p.rto.is_null() ? nullptr : &p.rto, p.loc);
    std::vector<Value> patterns;
    for (const std::string& s : p.namespaces) patterns.push_back(Value::string(s, p.loc));
    a.set("namespaces", Value::list(std::move(patterns), p.loc));
    NodeId id = b.add(NodeKind::kPolicy, p.name, "", "Policy/config/" + p.name, p.loc, std::move(a));
    for (const std::string& pattern : p.namespaces) {
      if (pattern.find_first_of("*?[") == std::string::npos) {
        auto it = b.namespaces.find(pattern);
        if (it != b.namespaces.end()) b.edge(id, it->second, EdgeKind::kDeclaresObjective, p.loc);
        continue;
      }
      for (NodeId ns : all)
        if (glob_match(pattern, b.node(ns).name)) b.edge(id, ns, EdgeKind::kDeclaresObjective, p.loc);
    }
  }
}

}  // namespace drlint::link::detail
