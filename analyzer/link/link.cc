#include "analyzer/link/link.h"

#include <algorithm>

#include "analyzer/link/builder.h"

namespace drlint::link {

using detail::Builder;

GraphLinker::GraphLinker(const std::vector<load::LoadedFile>& files, const load::SourceTable& sources,
                         const eval::Model& terraform)
    : b_(std::make_unique<Builder>(files, sources, terraform)) {
  detail::add_terraform(*b_);  // Azure nodes, helm_release nodes
  // helm_release `values = [file("values.yaml")]`: add_velero merges the
  // documents of the scanned file the string came from.
  for (const eval::Resource& r : terraform.resources) {
    if (r.type != "helm_release") continue;
    const Value* values = r.attrs.get("values");
    if (!values || !values->is_list()) continue;
    for (const Value& item : values->items())
      if (item.is_string() && item.loc().file < files.size()) kept_.push_back(item.loc().file);
  }
  for (const load::LoadedFile& f : files)
    if (f.kind == load::FileKind::kYaml && detail::is_ci_file(sources.path(f.id))) kept_.push_back(f.id);
  std::sort(kept_.begin(), kept_.end());
  kept_.erase(std::unique(kept_.begin(), kept_.end()), kept_.end());
}

GraphLinker::~GraphLinker() = default;

bool GraphLinker::keeps_whole(FileId file) const { return std::binary_search(kept_.begin(), kept_.end(), file); }

void GraphLinker::add_crds(const std::vector<FileId>& files) {
  std::size_t first = b_->objects.size();
  detail::collect_k8s_objects(*b_, files);
  detail::add_crds(*b_, first);
  // Their objects are collected again, with the rest of their files, by
  // add_objects(); the CRDs among them are skipped then.
  b_->objects.resize(first);
}

void GraphLinker::add_objects(const std::vector<FileId>& files) {
  std::size_t first = b_->objects.size();
  detail::collect_k8s_objects(*b_, files);
  detail::add_k8s_objects(*b_, first);
}

void GraphLinker::release(std::vector<load::LoadedFile>& files, const std::vector<FileId>& ids,
                          std::vector<Value>* dropped) {
  // Objects that finish() reads stay, and so do their documents and Velero
  // values documents; the other objects of these files leave b.objects.
  // Objects before retained_ were kept by earlier calls.
  std::vector<detail::K8sObject>& objects = b_->objects;
  std::size_t kept = retained_;
  for (std::size_t i = retained_; i < objects.size(); ++i) {
    if (!detail::read_after_linking(objects[i])) continue;
    if (kept != i) objects[kept] = std::move(objects[i]);  // never a self-move: it empties strings
    ++kept;
  }
  objects.resize(kept);
  std::vector<const Value*> keep;
  for (std::size_t i = retained_; i < objects.size(); ++i) keep.push_back(objects[i].document);
  retained_ = objects.size();
  std::sort(keep.begin(), keep.end());
  for (FileId id : ids) {
    if (keeps_whole(id)) continue;
    bool kept_any = false;
    for (load::YamlDocument& d : files[id].yaml)
      if (!std::binary_search(keep.begin(), keep.end(), &d.root) && !detail::find_velero_values(d.root, nullptr)) {
        dropped->push_back(std::move(d.root));
        d.root = Value();
      } else {
        kept_any = true;
      }
    // Kept documents are pointed at, so their vector stays as it is;
    // otherwise it goes too, and the scan's release step (scan/analyze.cc)
    // no longer gathers every YAML file: at 50k files that gathering was
    // 16 MiB at the moment of peak memory.
    if (!kept_any) files[id].yaml = {};
  }
}

graph::Graph GraphLinker::finish(const PolicyInputs& policy) {
  Builder& b = *b_;
  // Most edges are added from here on (namespaces, classes, coverage): room
  // for them now, while memory is lower, so that the edge vector does not
  // reallocate (holding its old and new arrays) at the scan's peak. Room
  // that is never written costs no resident memory.
  b.g.reserve_edges(b.g.edges().size() + 2 * b.g.nodes().size());
  detail::add_velero(b);            // Velero servers, locations, schedules, backups
  detail::add_operations(b);        // restore drills, alerts
  detail::add_implicit_namespaces(b);
  detail::add_policies(b, policy);  // declared objectives
  detail::add_k8s_edges(b);
  detail::add_storage_edges(b);
  detail::add_coverage(b);
  graph::Graph g = std::move(b.g);
  g.finalize();
  return g;
}

std::shared_ptr<void> GraphLinker::leftovers() { return std::shared_ptr<detail::Builder>(std::move(b_)); }

graph::Graph build_graph(const std::vector<load::LoadedFile>& files, const load::SourceTable& sources,
                         const eval::Model& terraform, const PolicyInputs& policy) {
  GraphLinker g(files, sources, terraform);
  std::vector<FileId> all;
  for (const load::LoadedFile& f : files) all.push_back(f.id);
  g.add_crds(all);
  g.add_objects(all);
  return g.finish(policy);
}

}  // namespace drlint::link
