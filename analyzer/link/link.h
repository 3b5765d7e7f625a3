// The linker: turns the loaded files and the evaluated Terraform of a scan
// into the unified DR graph (analyzer/graph/graph.h). Nodes for every object
// a DR rule reasons about, with normalized attributes (docs/graph.md), and the
// relations between them, each located at the line a user would edit.
#pragma once

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

}  // namespace drlint::link
