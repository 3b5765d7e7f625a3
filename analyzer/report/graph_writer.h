// `drlint graph` output: the unified graph as JSON (documented in
// docs/graph.md) or Graphviz DOT, for debugging links.
#pragma once

#include <ostream>

#include "analyzer/graph/graph.h"
#include "analyzer/load/source_table.h"

namespace drlint::report {

void write_graph_json(const graph::Graph& g, const load::SourceTable& sources, std::ostream& out);
void write_graph_dot(const graph::Graph& g, const load::SourceTable& sources, std::ostream& out);

}  // namespace drlint::report
