// Helpers for the linker tests: load a testdata/graph case without linking,
// hand-build evaluated Terraform, and query the graph by address.
#pragma once

#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "analyzer/graph/graph.h"
#include "analyzer/link/link.h"
#include "analyzer/scan/scan.h"

namespace drlint::testing {

inline std::unique_ptr<scan::Result> load_graph_case(const std::string& name, bool link = false) {
  scan::Options o;
  std::string dir = std::string(DRLINT_TESTDATA) + "/graph/" + name;
  o.discovery.paths = {dir};
  o.discovery.root = dir;
  o.jobs = 1;
  o.build_graph = link;
  return scan::run(o);
}

inline SourceLoc at(const scan::Result& r, const std::string& path, std::uint32_t line, std::uint32_t col = 1) {
  FileId f = r.sources.find(path);
  REQUIRE(f != kNoFile);
  return SourceLoc{f, line, col, line, col + 1};
}

inline Value str(const std::string& s, SourceLoc l) { return Value::string(s, l); }
inline Value ref(const std::string& target, SourceLoc l) { return Value::unknown("ref:" + target, l); }

inline eval::Resource resource(const std::string& type, const std::string& name, std::vector<Value::Entry> attrs,
                               SourceLoc loc, const std::string& root_dir = "terraform") {
  eval::Resource r;
  r.mode = "resource";
  r.type = type;
  r.name = name;
  r.root_dir = root_dir;
  r.address = type + "." + name;
  r.attrs = Value::map(std::move(attrs), loc);
  r.loc = loc;
  return r;
}

inline graph::Graph link_case(const scan::Result& r, const eval::Model& m = {}, const link::PolicyInputs& p = {}) {
  return link::build_graph(r.files, r.sources, m, p);
}

inline const graph::Node& node_at(const graph::Graph& g, const std::string& address) {
  const graph::Node* n = g.find(address);
  INFO("address " << address);
  REQUIRE(n != nullptr);
  return *n;
}

inline bool has_edge(const graph::Graph& g, const std::string& from, const std::string& to, graph::EdgeKind kind) {
  const graph::Node* f = g.find(from);
  const graph::Node* t = g.find(to);
  if (!f || !t) return false;
  for (const graph::Edge* e : g.out(f->id, kind))
    if (e->to == t->id) return true;
  return false;
}

inline const graph::Edge* edge_of(const graph::Graph& g, const std::string& from, const std::string& to,
                                  graph::EdgeKind kind) {
  const graph::Node* f = g.find(from);
  const graph::Node* t = g.find(to);
  if (!f || !t) return nullptr;
  for (const graph::Edge* e : g.out(f->id, kind))
    if (e->to == t->id) return e;
  return nullptr;
}

inline std::string where(const scan::Result& r, const SourceLoc& l) {
  if (!l.valid()) return "?";
  return r.sources.path(l.file) + ":" + std::to_string(l.line);
}

inline std::string attr_text(const graph::Node& n, const std::string& key) {
  const Value* v = n.attr(key);
  return v ? (v->is_scalar() || !v->known() ? std::string(v->text()) : v->to_display()) : "<absent>";
}

inline std::size_t count_kind(const graph::Graph& g, graph::NodeKind k) { return g.of_kind(k).size(); }

}  // namespace drlint::testing
