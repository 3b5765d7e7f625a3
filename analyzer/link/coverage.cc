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
#include <string_view>
#include <unordered_set>

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

// The directory names of a path (views into it; the file name, after the
// last '/', is not a directory).
std::vector<std::string_view> dir_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '/') continue;
    if (i > start) out.push_back(path.substr(start, i - start));
    start = i + 1;
  }
  return out;
}

// The directory part of a path ("" for a file at the root).
std::string_view dir_of(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1);
}

// The directory names that tell clusters (environments) apart, in groups
// of siblings: {prod, staging} from velero/prod and velero/staging.
class ClusterScope {
 public:
  // `ns_files`: the files of the namespaces (paths live in b.sources).
  ClusterScope(const Builder& b, const std::vector<NodeId>& defs, const std::vector<FileId>& ns_files) {
    // Sibling directories holding definitions: a trie of definition dirs.
    std::map<std::vector<std::string_view>, std::set<std::string_view>> children;  // parent dir -> child names
    std::set<FileId> def_files;
    for (NodeId d : defs) def_files.insert(b.node(d).loc.file);
    for (FileId f : def_files) {
      if (f == kNoFile) continue;
      std::vector<std::string_view> parent;
      for (std::string_view s : dir_segments(b.sources.path(f))) {
        children[parent].insert(s);
        parent.push_back(s);
      }
    }
    // Every directory name in the namespaces' paths, one directory at a time.
    std::unordered_set<std::string_view> ns_segments, dirs_seen;
    for (FileId f : ns_files) {
      if (f == kNoFile) continue;
      std::string_view dir = dir_of(b.sources.path(f));
      if (!dirs_seen.insert(dir).second) continue;
      for (std::string_view s : dir_segments(dir)) ns_segments.insert(s);
    }
    for (const auto& [parent, names] : children) {
      if (names.size() < 2) continue;
      std::size_t seen = 0;
      for (std::string_view n : names) seen += ns_segments.count(n);
      if (seen < 2) continue;  // the manifests are not laid out by these names
      int group = groups_++;
      for (std::string_view n : names) group_of_[n].push_back(group);
    }
  }

  bool active() const { return groups_ > 0; }

  // The signature of a file: for each group, the names its path holds.
  int signature(const Builder& b, FileId f) {
    if (f == kNoFile) return 0;
    std::string_view dir = dir_of(b.sources.path(f));
    auto cached = by_dir_.find(dir);
    if (cached != by_dir_.end()) return cached->second;
    Signature sig;
    for (std::string_view s : dir_segments(dir)) {
      auto it = group_of_.find(s);
      if (it == group_of_.end()) continue;
      for (int g : it->second) sig[g].insert(s);
    }
    int id = intern(std::move(sig));
    by_dir_.emplace(dir, id);
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
      for (std::string_view n : names) shared = shared || it->second.count(n) > 0;
      if (!shared) return false;
    }
    return true;
  }

 private:
  using Signature = std::map<int, std::set<std::string_view>>;
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
  std::unordered_map<std::string_view, std::vector<int>> group_of_;
  std::vector<Signature> signatures_{Signature{}};  // id 0: no evidence
  std::map<Signature, int> ids_;
  std::unordered_map<std::string_view, int> by_dir_;  // directory -> signature
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

  // The files that declare each namespace or an object in it: (namespace
  // index, file), sorted and unique.
  std::vector<std::pair<std::uint32_t, FileId>> ns_file_pairs;
  for (const auto& [name, id] : b.namespaces) ns_file_pairs.emplace_back(graph::index(id), b.node(id).loc.file);
  for (const graph::Edge& e : b.g.edges())
    if (e.kind == EdgeKind::kInNamespace) ns_file_pairs.emplace_back(graph::index(e.to), b.node(e.from).loc.file);
  std::sort(ns_file_pairs.begin(), ns_file_pairs.end());
  ns_file_pairs.erase(std::unique(ns_file_pairs.begin(), ns_file_pairs.end()), ns_file_pairs.end());
  std::vector<FileId> all_ns_files;
  for (const auto& p : ns_file_pairs) all_ns_files.push_back(p.second);

  ClusterScope scope(b, defs, all_ns_files);
  // Namespaces grouped by the signatures of their files, in node order.
  std::map<std::vector<int>, std::vector<NodeId>> by_signatures;
  std::unordered_map<std::uint32_t, const std::vector<int>*> signatures_of;
  {
    std::vector<NodeId> all;
    for (const auto& [name, id] : b.namespaces) all.push_back(id);
    std::sort(all.begin(), all.end(), [](NodeId x, NodeId y) { return graph::index(x) < graph::index(y); });
    for (NodeId ns : all) {
      std::vector<int> sigs;
      if (scope.active()) {
        auto it = std::lower_bound(ns_file_pairs.begin(), ns_file_pairs.end(),
                                   std::make_pair(graph::index(ns), FileId{0}));
        for (; it != ns_file_pairs.end() && it->first == graph::index(ns); ++it)
          sigs.push_back(scope.signature(b, it->second));
      }
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
          const std::string name = b.node(ns).name.str();
          if ((pattern == "*" || glob_match(pattern, name)) && !excluded(excl, name)) selected.push_back(ns);
        }
      }
      std::sort(selected.begin(), selected.end(), [](NodeId x, NodeId y) { return graph::index(x) < graph::index(y); });
      for (NodeId ns : selected) b.edge(def, ns, EdgeKind::kCovers, loc);
    }
  }
}

}  // namespace drlint::link::detail
