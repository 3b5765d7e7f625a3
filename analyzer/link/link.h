// The linker: turns the loaded files and the evaluated Terraform of a scan
// into the unified DR graph (analyzer/graph/graph.h). Nodes for every object
// a DR rule reasons about, with normalized attributes (docs/graph.md), and the
// relations between them, each located at the line a user would edit.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/eval/terraform_model.h"
#include "analyzer/graph/graph.h"
#include "analyzer/load/loaded_file.h"
#include "analyzer/load/source_table.h"

namespace drlint::link {

// A recovery objective declared outside the manifests (`.drlint.yaml`
// `policies:`); becomes a kPolicy node linked to every matching Namespace.
struct ConfigPolicy {
  std::string name;
  std::vector<std::string> namespaces;  // names or globs
  Value rpo;                            // duration text as written (or null), located
  Value rto;
  SourceLoc loc;                        // the policy entry
};

struct PolicyInputs {
  std::vector<ConfigPolicy> policies;
};

// Whether the graph reads Terraform resources (or data sources) of this
// type. The scan's pre-scan parses blocks of other types only when
// something references them.
bool reads_resource_type(std::string_view type);

graph::Graph build_graph(const std::vector<load::LoadedFile>& files, const load::SourceTable& sources,
                         const eval::Model& terraform, const PolicyInputs& policy = {});

namespace detail {
class Builder;
}

// build_graph() in steps, so that the scan can load Kubernetes YAML a batch
// of files at a time and free each batch's documents once its objects are
// linked, instead of holding every document of the repository at once:
//
//   GraphLinker g(files, sources, terraform);   // Terraform -> Azure nodes
//   g.add_crds(files that define CRDs);          // loaded; CRDs come first
//   g.add_objects(batch); g.release(files, batch, &dropped);  // in file order
//   graph::Graph graph = g.finish(policy);       // Velero, operations, edges
//
// Documents that finish() reads (Velero values and CRs, PrometheusRules, CI
// pipelines, helm_release values files: kept_files()) survive release().
// With every file in one batch this is build_graph(), node for node.
class GraphLinker {
 public:
  GraphLinker(const std::vector<load::LoadedFile>& files, const load::SourceTable& sources,
              const eval::Model& terraform);
  ~GraphLinker();
  GraphLinker(const GraphLinker&) = delete;
  GraphLinker& operator=(const GraphLinker&) = delete;

  // YAML files whose documents finish() reads whole (helm_release values
  // files and CI pipelines): load them like the others; release() keeps them.
  bool keeps_whole(FileId file) const;
  // The CustomResourceDefinitions of these loaded files (ascending ids),
  // before any add_objects().
  void add_crds(const std::vector<FileId>& files);
  // The Kubernetes objects of these loaded YAML files (ascending ids, after
  // every earlier batch).
  void add_objects(const std::vector<FileId>& files);
  // After add_objects() of the same files: takes out their documents that
  // finish() does not read (`files` is the vector the linker was made with)
  // and moves them to `dropped`, for the caller to free (on another thread,
  // say).
  void release(std::vector<load::LoadedFile>& files, const std::vector<FileId>& ids, std::vector<Value>* dropped);
  // The finished graph; call once, last: the linker is spent after it.
  graph::Graph finish(const PolicyInputs& policy);
  // After finish(): the linker's indexes, for the caller to free (on
  // another thread, say: a tenth of a second at 50k files).
  std::shared_ptr<void> leftovers();

 private:
  std::unique_ptr<detail::Builder> b_;
  std::vector<FileId> kept_;  // sorted
  std::size_t retained_ = 0;  // b_->objects before this are kept for finish()
};

}  // namespace drlint::link
