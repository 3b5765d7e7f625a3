// What a rule may read: the unified graph, the configuration (declared
// objectives, recovery assumptions) and the source table (for paths in
// messages). Rules never parse and never touch the file system.
#pragma once

namespace drlint::graph {
class Graph;
}
namespace drlint::config {
struct Config;
}
namespace drlint::load {
class SourceTable;
}

namespace drlint::rules {

struct RuleContext {
  const graph::Graph& graph;
  const config::Config& config;
  const load::SourceTable& sources;
};

}  // namespace drlint::rules
