#include "analyzer/link/link.h"

#include "analyzer/link/builder.h"

namespace drlint::link {

graph::Graph build_graph(const std::vector<load::LoadedFile>& files, const load::SourceTable& sources,
                         const eval::Model& terraform, const PolicyInputs& policy) {
  detail::Builder b(files, sources, terraform);
  detail::add_terraform(b);         // Azure nodes, helm_release nodes (marks values files they use)
  detail::collect_k8s_objects(b);   // YAML documents -> Kubernetes objects
  detail::add_k8s_objects(b);       // typed Kubernetes nodes, CRDs, implicit namespaces
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

}  // namespace drlint::link
