// Backup definitions -> the namespaces they select (kCovers): Velero
// Schedules/Backups (CRs and chart `schedules:`) and Azure Backup for AKS
// backup instances, after includedNamespaces (names, `*`, globs) and
// excludedNamespaces. Resource filters and label selectors stay on the
// definition's attributes for the rules (they do not unselect a namespace).
#include <algorithm>

#include "analyzer/link/builder.h"
#include "analyzer/util/glob.h"

namespace drlint::link::detail {
namespace {

bool is_pattern(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

bool excluded(const Value* excl, std::string_view ns) {
  if (!excl) return false;
  for (const Value& e : excl->items())
    if (e.is_string() && (e.text() == ns || (is_pattern(e.text()) && glob_match(e.text(), ns)))) return true;
  return false;
}

}  // namespace

void add_coverage(Builder& b) {
  std::vector<NodeId> all;
  for (const auto& [name, id] : b.namespaces) all.push_back(id);
  std::sort(all.begin(), all.end(), [](NodeId x, NodeId y) { return graph::index(x) < graph::index(y); });
  const std::size_t n = b.g.nodes().size();
  for (std::size_t i = 0; i < n; ++i) {
    NodeId def{static_cast<std::uint32_t>(i)};
    const graph::Node& d = b.node(def);
    if (d.kind != NodeKind::kVeleroSchedule && d.kind != NodeKind::kVeleroBackup && d.kind != NodeKind::kBackupInstance)
      continue;
    if (bool_of(d.attr("disabled")).value_or(false)) continue;  // the chart creates no Schedule
    const Value* incl = d.attr("included_namespaces");
    const Value* excl = d.attr("excluded_namespaces");
    if (!incl || !incl->known()) continue;  // unknown selection: no claim either way
    std::vector<std::pair<std::string, SourceLoc>> patterns;
    for (const Value& item : incl->items())
      if (item.is_string()) patterns.emplace_back(item.text(), item.loc());
    if (incl->items().empty()) patterns.emplace_back("*", incl->loc().valid() ? incl->loc() : d.loc);
    for (const auto& [pattern, loc] : patterns) {
      if (!is_pattern(pattern)) {
        auto it = b.namespaces.find(pattern);
        if (it != b.namespaces.end() && !excluded(excl, pattern)) b.edge(def, it->second, EdgeKind::kCovers, loc);
        continue;
      }
      for (NodeId ns : all) {
        const std::string& name = b.node(ns).name;
        if ((pattern == "*" || glob_match(pattern, name)) && !excluded(excl, name))
          b.edge(def, ns, EdgeKind::kCovers, loc);
      }
    }
  }
}

}  // namespace drlint::link::detail
