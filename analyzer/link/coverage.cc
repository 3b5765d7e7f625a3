// Backup definitions -> the namespaces they select (kCovers): Velero
// Schedules/Backups (CRs and chart `schedules:`) and Azure Backup for AKS
// backup instances, after includedNamespaces (names, `*`, globs) and
// excludedNamespaces. Resource filters and label selectors stay on the
// definition's attributes for the rules (they do not unselect a namespace).
//
// A definition only covers namespaces of its own cluster. Nothing in a
// repository says which cluster a manifest is applied to, so drlint reads
// it from the layout (docs/graph.md, "Cluster scope"): when backup
// definitions sit in sibling directories (velero/prod, velero/staging) and
// at least two of those directory names also appear in the paths of
// namespace manifests (apps/prod/..., apps/staging/...), a definition does
// not cover a namespace whose every file names a different one of them.
// Without such evidence a definition covers every namespace, as before.
#include <algorithm>
#include <map>
#include <set>

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

bool is_definition(const graph::Node& d) {
  return d.kind == NodeKind::kVeleroSchedule || d.kind == NodeKind::kVeleroBackup ||
         d.kind == NodeKind::kBackupInstance;
}

std::vector<std::string> dir_segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '/') continue;
    if (i > start) out.push_back(path.substr(start, i - start));
    start = i + 1;
  }
  return out;  // the file name (after the last '/') is not a directory
}

// The directory names that tell clusters (environments) apart, in groups
// of siblings: {prod, staging} from velero/prod and velero/staging.
class ClusterScope {
 public:
  ClusterScope(const Builder& b, const std::vector<NodeId>& defs,
               const std::unordered_map<std::uint32_t, std::set<FileId>>& ns_files) {
    // Sibling directories holding definitions: a trie of definition dirs.
    std::map<std::vector<std::string>, std::set<std::string>> children;  // parent dir -> child names
    std::set<FileId> def_files;
    for (NodeId d : defs) def_files.insert(b.node(d).loc.file);
    for (FileId f : def_files) {
      if (f == kNoFile) continue;
      std::vector<std::string> segs = dir_segments(b.sources.path(f));
      std::vector<std::string> parent;
      for (const std::string& s : segs) {
        children[parent].insert(s);
        parent.push_back(s);
      }
    }
    std::set<std::string> ns_segments;
    for (const auto& [ns, files] : ns_files)
      for (FileId f : files)
        if (f != kNoFile)
          for (std::string& s : dir_segments(b.sources.path(f))) ns_segments.insert(std::move(s));
    for (const auto& [parent, names] : children) {
      if (names.size() < 2) continue;
      std::size_t seen = 0;
      for (const std::string& n : names) seen += ns_segments.count(n);
      if (seen < 2) continue;  // the manifests are not laid out by these names
      int group = groups_++;
      for (const std::string& n : names) group_of_[n].push_back(group);
    }
  }

  bool active() const { return groups_ > 0; }

  // The signature of a file: for each group, the names its path holds.
  int signature(const Builder& b, FileId f) {
    if (f == kNoFile) return 0;
    auto cached = by_file_.find(f);
    if (cached != by_file_.end()) return cached->second;
    Signature sig;
    for (const std::string& s : dir_segments(b.sources.path(f))) {
      auto it = group_of_.find(s);
      if (it == group_of_.end()) continue;
      for (int g : it->second) sig[g].insert(s);
    }
    int id = intern(std::move(sig));
    by_file_.emplace(f, id);
    return id;
  }

  // Whether files with these signatures can be in the same cluster: no
  // group where both name a directory and the names differ.
  bool compatible(int a, int b) const {
    if (a == 0 || b == 0 || a == b) return true;
    const Signature& x = signatures_[a];
    const Signature& y = signatures_[b];
    for (const auto& [g, names] : x) {
      auto it = y.find(g);
      if (it == y.end()) continue;
      bool shared = false;
      for (const std::string& n : names) shared = shared || it->second.count(n) > 0;
      if (!shared) return false;
    }
    return true;
  }

 private:
  using Signature = std::map<int, std::set<std::string>>;
  int intern(Signature sig) {
    if (sig.empty()) return 0;
    auto it = ids_.find(sig);
    if (it != ids_.end()) return it->second;
    int id = static_cast<int>(signatures_.size());
    signatures_.push_back(sig);
    ids_.emplace(std::move(sig), id);
    return id;
  }

  int groups_ = 0;
  std::unordered_map<std::string, std::vector<int>> group_of_;
  std::vector<Signature> signatures_{Signature{}};  // id 0: no evidence
  std::map<Signature, int> ids_;
  std::unordered_map<FileId, int> by_file_;
};

}  // namespace

void add_coverage(Builder& b) {
  std::vector<NodeId> defs;
  const std::size_t n = b.g.nodes().size();
  for (std::size_t i = 0; i < n; ++i) {
    NodeId def{static_cast<std::uint32_t>(i)};
    const graph::Node& d = b.node(def);
    if (!is_definition(d)) continue;
    if (bool_of(d.attr("disabled")).value_or(false)) continue;  // the chart creates no Schedule
    const Value* incl = d.attr("included_namespaces");
    if (!incl || !incl->known()) continue;  // unknown selection: no claim either way
    defs.push_back(def);
  }
  if (defs.empty()) return;

  // The files that declare each namespace or an object in it.
  std::unordered_map<std::uint32_t, std::set<FileId>> ns_files;
  for (const auto& [name, id] : b.namespaces) ns_files[graph::index(id)].insert(b.node(id).loc.file);
  for (const graph::Edge& e : b.g.edges())
    if (e.kind == EdgeKind::kInNamespace) ns_files[graph::index(e.to)].insert(b.node(e.from).loc.file);

  ClusterScope scope(b, defs, ns_files);
  // Namespaces grouped by the signatures of their files, in node order.
  std::map<std::vector<int>, std::vector<NodeId>> by_signatures;
  std::unordered_map<std::uint32_t, const std::vector<int>*> signatures_of;
  {
    std::vector<NodeId> all;
    for (const auto& [name, id] : b.namespaces) all.push_back(id);
    std::sort(all.begin(), all.end(), [](NodeId x, NodeId y) { return graph::index(x) < graph::index(y); });
    for (NodeId ns : all) {
      std::vector<int> sigs;
      if (scope.active())
        for (FileId f : ns_files[graph::index(ns)]) sigs.push_back(scope.signature(b, f));
      std::sort(sigs.begin(), sigs.end());
      sigs.erase(std::unique(sigs.begin(), sigs.end()), sigs.end());
      if (sigs.empty()) sigs.push_back(0);
      by_signatures[sigs].push_back(ns);
    }
    for (const auto& [sigs, members] : by_signatures)
      for (NodeId ns : members) signatures_of[graph::index(ns)] = &sigs;
  }
  auto in_scope = [&](int def_sig, const std::vector<int>& ns_sigs) {
    for (int s : ns_sigs)
      if (scope.compatible(def_sig, s)) return true;
    return false;
  };

  for (NodeId def : defs) {
    const graph::Node& d = b.node(def);
    const Value* incl = d.attr("included_namespaces");
    const Value* excl = d.attr("excluded_namespaces");
    int def_sig = scope.active() ? scope.signature(b, d.loc.file) : 0;
    std::vector<std::pair<std::string, SourceLoc>> patterns;
    for (const Value& item : incl->items())
      if (item.is_string()) patterns.emplace_back(item.text(), item.loc());
    if (incl->items().empty()) patterns.emplace_back("*", incl->loc().valid() ? incl->loc() : d.loc);
    for (const auto& [pattern, loc] : patterns) {
      if (!is_pattern(pattern)) {
        auto it = b.namespaces.find(pattern);
        if (it != b.namespaces.end() && !excluded(excl, pattern) &&
            in_scope(def_sig, *signatures_of[graph::index(it->second)]))
          b.edge(def, it->second, EdgeKind::kCovers, loc);
        continue;
      }
      std::vector<NodeId> selected;
      for (const auto& [sigs, members] : by_signatures) {
        if (!in_scope(def_sig, sigs)) continue;
        for (NodeId ns : members) {
          const std::string& name = b.node(ns).name;
          if ((pattern == "*" || glob_match(pattern, name)) && !excluded(excl, name)) selected.push_back(ns);
        }
      }
      std::sort(selected.begin(), selected.end(), [](NodeId x, NodeId y) { return graph::index(x) < graph::index(y); });
      for (NodeId ns : selected) b.edge(def, ns, EdgeKind::kCovers, loc);
    }
  }
}

}  // namespace drlint::link::detail
