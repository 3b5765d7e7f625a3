#include "analyzer/report/graph_writer.h"

#include <nlohmann/json.hpp>

namespace drlint::report {
namespace {

using nlohmann::ordered_json;

constexpr int kMaxDepth = 64;

std::string location(const load::SourceTable& sources, const SourceLoc& loc) {
  if (!loc.valid() || loc.file >= sources.size()) return "";
  return sources.path(loc.file) + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

ordered_json to_json(const Value& v, int depth) {
  if (depth > kMaxDepth) return "...";
  switch (v.kind()) {
    case Value::Kind::kUnknown: return ordered_json{{"unknown", v.text()}};
    case Value::Kind::kNull: return nullptr;
    case Value::Kind::kBool: return v.as_bool();
    case Value::Kind::kNumber: return v.as_number();
    case Value::Kind::kString: return v.text();
    case Value::Kind::kList: {
      ordered_json a = ordered_json::array();
      for (const Value& item : v.items()) a.push_back(to_json(item, depth + 1));
      return a;
    }
    case Value::Kind::kMap: {
      ordered_json o = ordered_json::object();
      for (const Value::Entry& e : v.entries()) o[e.first] = to_json(e.second, depth + 1);
      return o;
    }
  }
  return nullptr;
}

std::string dot_escape(std::string_view s) {
  std::string r;
  for (char c : s) {
    if (c == '"' || c == '\\') r += '\\';
    r += c;
  }
  return r;
}

}  // namespace

void write_graph_json(const graph::Graph& g, const load::SourceTable& sources, std::ostream& out) {
  ordered_json nodes = ordered_json::array();
  for (const graph::Node& n : g.nodes()) {
    ordered_json attrs = ordered_json::object();
    ordered_json attr_locs = ordered_json::object();
    for (const Value::Entry& e : n.attrs.entries()) {
      attrs[e.first] = to_json(e.second, 0);
      std::string l = location(sources, e.second.loc());
      if (!l.empty()) attr_locs[e.first] = l;
    }
    nodes.push_back(ordered_json{{"id", graph::index(n.id)},
                                 {"kind", graph::node_kind_name(n.kind)},
                                 {"name", n.name},
                                 {"namespace", n.ns},
                                 {"address", n.address},
                                 {"location", location(sources, n.loc)},
                                 {"attributes", std::move(attrs)},
                                 {"attribute_locations", std::move(attr_locs)}});
  }
  ordered_json edges = ordered_json::array();
  for (const graph::Edge& e : g.edges())
    edges.push_back(ordered_json{{"from", graph::index(e.from)},
                                 {"to", graph::index(e.to)},
                                 {"relation", graph::edge_kind_name(e.kind)},
                                 {"location", location(sources, e.loc)}});
  ordered_json counts = ordered_json::object();
  for (std::size_t k = 0; k < graph::kNodeKindCount; ++k) {
    std::size_t c = g.of_kind(static_cast<graph::NodeKind>(k)).size();
    if (c) counts[graph::node_kind_name(static_cast<graph::NodeKind>(k))] = c;
  }
  ordered_json doc{{"version", 1}, {"node_counts", std::move(counts)}, {"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
  out << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

void write_graph_dot(const graph::Graph& g, const load::SourceTable& sources, std::ostream& out) {
  out << "digraph drlint {\n  rankdir=LR;\n  node [shape=box, fontsize=10];\n  edge [fontsize=9];\n";
  for (const graph::Node& n : g.nodes()) {
    std::string label = std::string(graph::node_kind_name(n.kind)) + "\\n" + dot_escape(n.ns.empty() ? n.name : n.ns + "/" + n.name);
    std::string where = location(sources, n.loc);
    out << "  n" << graph::index(n.id) << " [label=\"" << label << "\", tooltip=\"" << dot_escape(n.address)
        << (where.empty() ? "" : " @ " + dot_escape(where)) << "\"];\n";
  }
  for (const graph::Edge& e : g.edges())
    out << "  n" << graph::index(e.from) << " -> n" << graph::index(e.to) << " [label=\"" << graph::edge_kind_name(e.kind)
        << "\"];\n";
  out << "}\n";
}

}  // namespace drlint::report
