#include "analyzer/link/builder.h"

#include <cctype>

namespace drlint::link::detail {

NodeId Builder::add(NodeKind kind, std::string name, std::string ns, std::string address, SourceLoc loc,
                    Value attrs) {
  if (addresses_.contains(address)) {
    address += "@" + loc_key(sources, loc);
    if (addresses_.contains(address)) {
      // The same declaration again (a module that several roots call):
      // numbered #2, #3, ... by a counter per address, so each copy costs
      // one probe, not one per earlier copy.
      int& copies = copies_[address];
      std::string numbered;
      do {
        copies = copies == 0 ? 2 : copies + 1;
        numbered = address + "#" + std::to_string(copies);
      } while (addresses_.contains(numbered));
      address = std::move(numbered);
    }
  }
  graph::Node n;
  n.kind = kind;
  n.name = std::move(name);
  n.ns = std::move(ns);
  n.address = std::move(address);
  n.loc = loc;
  n.attrs = attrs.is_map() ? std::move(attrs) : Value::map({}, loc);
  // Exactly the room the attributes need (maps built by set() grow a few
  // entries at a time: two spare entries a node on average, 7 MiB at 50k
  // files), plus, for a claim, the eight that add_k8s_edges() sets on
  // every claim later (edges.cc: storage_class and its source,
  // owner_workload, pod_volume, four backup opt-in/out ones), so that its
  // map is not regrown then, near the scan's peak.
  if (!n.attrs.entries().empty()) {
    std::vector<Value::Entry>& entries = n.attrs.mutable_entries();
    std::size_t room = entries.size() + (kind == NodeKind::kPvc ? 8 : 0);
    if (entries.capacity() > room) entries.shrink_to_fit();
    entries.reserve(room);
  }
  NodeId id = g.add_node(std::move(n));
  addresses_.insert(id);
  return id;
}

void Builder::edge(NodeId from, NodeId to, EdgeKind kind, SourceLoc loc) {
  if (from == to) return;
  if (!edges_.insert(from, to, kind)) return;
  g.add_edge(from, to, kind, loc.valid() ? loc : g.node(from).loc);
}

static void k8s_key(std::string_view kind, std::string_view ns, std::string_view name, std::string& k) {
  k.assign(kind);
  k += '/';
  k += ns;
  k += '/';
  k += name;
}

std::optional<NodeId> Builder::find_k8s(std::string_view kind, std::string_view ns, std::string_view name) const {
  k8s_key(kind, ns, name, key_);
  return k8s_.find(key_);
}

void Builder::index_k8s(std::string_view kind, std::string_view ns, std::string_view name, NodeId id) {
  k8s_key(kind, ns, name, key_);
  k8s_.insert(key_, id);  // the first object of a key wins
}

std::optional<NodeId> Builder::find_tf(const eval::Resource& from, std::string_view type_dot_name) const {
  auto it = tf_nodes.find(from.root_dir + "|" + from.module_path + "|" + std::string(type_dot_name));
  if (it == tf_nodes.end()) return std::nullopt;
  return it->second;
}

std::vector<NodeId> Builder::find_tf_by_name(std::string_view type, std::string_view name) const {
  auto it = tf_names.find(std::string(type) + "|" + lower(name));
  return it == tf_names.end() ? std::vector<NodeId>{} : it->second;
}

std::optional<NodeId> Builder::resolve(const eval::Resource& from, const Value& v, std::string_view type,
                                       std::string_view id_segment) const {
  if (std::optional<std::string> target = tf_ref_target(v)) {
    if (target->compare(0, type.size(), type) == 0 && target->size() > type.size() &&
        (*target)[type.size()] == '.')
      return find_tf(from, *target);
    return std::nullopt;
  }
  if (v.is_string() && !id_segment.empty()) {
    std::string name = azure_id_name(v.text(), id_segment);
    if (!name.empty()) {
      std::vector<NodeId> ids = find_tf_by_name(type, name);
      if (ids.size() == 1) return ids[0];
    }
  }
  return std::nullopt;
}

// --- Value helpers -----------------------------------------------------------

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string text_of(const Value* v) {
  if (!v || !v->is_scalar()) return {};
  return std::string(v->text());
}

Value copy_or_null(const Value* v, const SourceLoc& fallback) {
  if (v) return *v;
  return Value::null(fallback);
}

Value string_list(const Value* v, const SourceLoc& fallback, bool split_commas) {
  if (!v || v->is_null()) return Value::list({}, v ? v->loc() : fallback);
  if (!v->known()) return *v;
  std::vector<Value> items;
  auto add_text = [&](const Value& item) {
    if (!item.known()) {
      items.push_back(item);
      return;
    }
    if (!item.is_scalar()) return;
    if (!split_commas) {
      items.push_back(Value::string(item.text(), item.loc()));
      return;
    }
    std::string_view t = item.text();
    std::size_t start = 0;
    while (start <= t.size()) {
      std::size_t comma = t.find(',', start);
      std::string_view part = t.substr(start, comma == std::string_view::npos ? t.npos : comma - start);
      while (!part.empty() && std::isspace(static_cast<unsigned char>(part.front()))) part.remove_prefix(1);
      while (!part.empty() && std::isspace(static_cast<unsigned char>(part.back()))) part.remove_suffix(1);
      if (!part.empty()) items.push_back(Value::string(std::string(part), item.loc()));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  };
  if (v->is_list()) {
    for (const Value& item : v->items()) add_text(item);
  } else {
    add_text(*v);
  }
  return Value::list(std::move(items), v->loc());
}

std::string normalize_region_text(std::string_view s) {
  std::string r;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      r += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

Value normalize_region(const Value* v, const SourceLoc& fallback) {
  if (!v) return Value::null(fallback);
  if (!v->is_string()) return *v;
  return Value::string(normalize_region_text(v->text()), v->loc());
}

const Value* block(const Value* attrs, std::string_view name) {
  if (!attrs) return nullptr;
  const Value* b = attrs->get(name);
  if (!b) return nullptr;
  if (b->is_list()) return b->items().empty() ? nullptr : &b->items()[0];
  return b;
}

std::optional<std::string> tf_ref_target(const Value& v) {
  if (v.known()) return std::nullopt;
  std::string_view r = v.text();
  if (r.substr(0, 4) != "ref:") return std::nullopt;
  r.remove_prefix(4);
  std::string out;
  int parts = 0;
  bool data = r.substr(0, 5) == "data.";
  int want = data ? 3 : 2;
  std::size_t i = 0;
  while (i < r.size() && parts < want) {
    std::size_t end = r.find_first_of(".[", i);
    std::string_view seg = r.substr(i, end == std::string_view::npos ? r.npos : end - i);
    if (seg.empty()) break;
    if (!out.empty()) out += '.';
    out += seg;
    ++parts;
    if (end == std::string_view::npos) break;
    if (r[end] == '[') {  // skip an index: [0], ["x"]
      std::size_t close = r.find(']', end);
      if (close == std::string_view::npos) break;
      end = close + 1;
      if (end < r.size() && r[end] == '.') ++end;
      i = end;
    } else {
      i = end + 1;
    }
  }
  if (parts < want || out.rfind("module.", 0) == 0 || out.rfind("var.", 0) == 0 || out.rfind("local.", 0) == 0)
    return std::nullopt;
  return out;
}

std::string azure_id_name(std::string_view id, std::string_view segment) {
  std::string l = lower(id);
  std::string seg = "/" + lower(segment) + "/";
  std::size_t p = l.find(seg);
  if (p == std::string::npos) return {};
  std::size_t start = p + seg.size();
  std::size_t end = id.find('/', start);
  return std::string(id.substr(start, end == std::string_view::npos ? id.npos : end - start));
}

std::string loc_key(const load::SourceTable& sources, const SourceLoc& loc) {
  if (loc.file == kNoFile || loc.file >= sources.size()) return "?";
  return sources.path(loc.file) + ":" + std::to_string(loc.line);
}

std::optional<bool> bool_of(const Value* v) {
  if (!v || !v->known()) return std::nullopt;
  bool ok = false;
  bool b = v->truthy(&ok);
  if (!ok) return std::nullopt;
  return b;
}

void relocate(Value& v, const SourceLoc& loc, int depth) {
  v.set_loc(loc);
  if (depth > kMaxDepth) return;
  for (Value& item : v.mutable_items()) relocate(item, loc, depth + 1);
  for (Value::Entry& e : v.mutable_entries()) relocate(e.second, loc, depth + 1);
}

}  // namespace drlint::link::detail
