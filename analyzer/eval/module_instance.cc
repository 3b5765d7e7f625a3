#include "analyzer/eval/module_instance.h"

#include <algorithm>
#include <cmath>

#include "analyzer/eval/expr_eval.h"
#include "analyzer/eval/value_ops.h"

namespace drlint::eval {
namespace {

bool is_resource_meta(const std::string& name) {
  return name == "count" || name == "for_each" || name == "depends_on" || name == "provider";
}
bool is_module_meta(const std::string& name) {
  return name == "source" || name == "version" || name == "count" || name == "for_each" || name == "providers" ||
         name == "depends_on";
}
bool is_skipped_block(const std::string& type) {
  return type == "lifecycle" || type == "provisioner" || type == "connection" || type == "precondition" ||
         type == "postcondition";
}

// The declared primitive type of a variable ("string", "number", "bool"), or "".
std::string primitive_type(const hcl::Block& decl) {
  const hcl::Attribute* t = decl.body.attribute("type");
  if (!t) return {};
  if (t->expr.kind == hcl::ExprKind::kVariable || t->expr.kind == hcl::ExprKind::kString) return t->expr.text;
  return {};
}

Value convert_to_type(Value v, const std::string& type) {
  if (!v.known() || v.is_null()) return v;
  SourceLoc loc = v.loc();
  if (type == "string" && (v.is_number() || v.is_bool())) {
    std::string s;
    to_string(v, &s);
    return Value::string(s, loc);
  }
  if (type == "number" && v.is_string()) {
    double d = 0;
    if (to_number(v, &d)) return Value::number(d, loc);
  }
  if (type == "bool" && v.is_string()) {
    bool b = false;
    if (to_bool(v, &b)) return Value::boolean(b, loc);
  }
  return v;
}

// Fills the attributes a type constraint declares optional(type, default) and
// the value lacks, as Terraform does when it converts a variable's value.
Value apply_type_defaults(Value v, const hcl::Expr& type, EvalState& state, int depth) {
  if (!v.known() || v.is_null() || depth > 32 || type.kind != hcl::ExprKind::kCall || type.children.empty()) return v;
  const hcl::Expr& arg = type.children[0];
  if (type.text == "optional") return apply_type_defaults(std::move(v), arg, state, depth + 1);
  if ((type.text == "map" && v.is_map()) || ((type.text == "list" || type.text == "set") && v.is_list())) {
    for (Value& item : v.mutable_items()) item = apply_type_defaults(std::move(item), arg, state, depth + 1);
    for (Value::Entry& e : v.mutable_entries()) e.second = apply_type_defaults(std::move(e.second), arg, state, depth + 1);
    return v;
  }
  if (type.text != "object" || !v.is_map() || arg.kind != hcl::ExprKind::kObject) return v;
  for (std::size_t i = 0; i + 1 < arg.children.size(); i += 2) {
    const hcl::Expr& k = arg.children[i];
    const hcl::Expr& t = arg.children[i + 1];
    if (k.kind != hcl::ExprKind::kString && k.kind != hcl::ExprKind::kVariable) continue;
    if (!v.get(k.text) && t.kind == hcl::ExprKind::kCall && t.text == "optional") {
      Value d = Value::null(v.loc());
      if (t.children.size() > 1) {
        DetachedContext detached("", "");
        ExprEvaluator ev(detached, state);
        d = ev.eval(t.children[1], nullptr);
      }
      v.set(k.text, std::move(d));
    }
    if (Value* field = v.get_mutable(k.text)) *field = apply_type_defaults(std::move(*field), t, state, depth + 1);
  }
  return v;
}

// Values that grew past the limit (hostile doubling through locals) become unknown.
Value bounded(Value v, const SourceLoc& loc) {
  if (!larger_than(v, kMaxValueNodes)) return v;
  return Value::unknown("value larger than " + std::to_string(kMaxValueNodes) + " elements; not evaluated", loc);
}

// The first line of a block ("resource \"x\" \"y\" {").
SourceLoc header_loc(const SourceLoc& block, const load::SourceTable* sources) {
  SourceLoc l = block;
  l.end_line = l.line;
  l.end_column = l.column;
  if (sources && l.file != kNoFile && l.file < sources->size())
    l.end_column = static_cast<std::uint32_t>(sources->line_text(l.file, l.line).size()) + 1;
  return l;
}

}  // namespace

ModuleInstance::ModuleInstance(EvalState& state, const ModuleSet& set, const ModuleDef& def, std::string module_path,
                               std::string root_dir, const ModuleInstance* parent, std::map<std::string, Value> inputs)
    : state_(state),
      set_(set),
      def_(def),
      module_path_(std::move(module_path)),
      root_dir_(std::move(root_dir)),
      parent_(parent),
      depth_(parent ? parent->depth_ + 1 : 0),
      inputs_(std::move(inputs)) {
  prefix_ = module_path_.empty() ? std::string() : module_path_ + ".";
  path_module_ = def_.dir.empty() ? "." : def_.dir;
  path_root_ = root_dir_.empty() ? "." : root_dir_;
  ++state_.module_instances;
}

ModuleInstance::~ModuleInstance() = default;

std::string ModuleInstance::key_suffix(const Value& key) {
  if (key.is_null()) return {};
  if (!key.known()) return "[*]";
  if (key.is_number()) return "[" + number_text(key.as_number()) + "]";
  std::string out = "[\"";
  for (char c : key.text()) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"]";
}

std::string ModuleInstance::address_of(const hcl::Block& block) const {
  return prefix_ + (block.type == "data" ? "data." : "") + block.labels[0] + "." + block.labels[1];
}

bool ModuleInstance::has_ancestor(const ModuleDef* def) const {
  for (const ModuleInstance* p = this; p; p = p->parent_)
    if (&p->def_ == def) return true;
  return false;
}

ModuleInstance::Expansion ModuleInstance::expand(const hcl::Body& body, const std::string& what) {
  Expansion ex;
  const hcl::Attribute* count = body.attribute("count");
  const hcl::Attribute* for_each = body.attribute("for_each");
  if (!count && !for_each) return ex;
  ExprEvaluator ev(*this, state_);
  ex.kind = Expansion::Kind::kUnknown;
  if (count) {
    Value c = ev.eval(count->expr, nullptr);
    double n = 0;
    if (!c.known()) {
      ex.reason = "count of " + what + " is unknown: " + std::string(c.text());
    } else if (!to_number(c, &n) || n < 0 || std::floor(n) != n) {
      ex.reason = "count of " + what + " is not a whole number: " + c.to_display();
    } else if (n > static_cast<double>(kMaxInstances)) {
      ex.reason = "count of " + what + " is over " + std::to_string(kMaxInstances) + "; not expanded";
    } else {
      ex.kind = Expansion::Kind::kList;
      for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
        Value idx = Value::number(static_cast<double>(i), count->loc);
        ex.keys.emplace_back(idx, idx);
      }
    }
    return ex;
  }
  Value fe = ev.eval(for_each->expr, nullptr);
  if (!fe.known()) {
    ex.reason = "for_each of " + what + " is unknown: " + std::string(fe.text());
    return ex;
  }
  if (fe.is_map()) {
    if (fe.size() > kMaxInstances) {
      ex.reason = "for_each of " + what + " has too many elements; not expanded";
      return ex;
    }
    ex.kind = Expansion::Kind::kMap;
    for (const Value::Entry* e : sorted_entries(fe)) ex.keys.emplace_back(Value::string(e->first, for_each->loc), e->second);
    return ex;
  }
  if (fe.is_list()) {
    std::vector<std::string> keys;
    for (const Value& item : fe.items()) {
      if (!item.known()) {
        ex.reason = "for_each of " + what + " has unknown elements: " + std::string(item.text());
        return ex;
      }
      std::string s;
      if (!item.is_string() || !to_string(item, &s)) {
        ex.reason = "for_each of " + what + " must be a map or a set of strings";
        return ex;
      }
      keys.push_back(s);
    }
    if (keys.size() > kMaxInstances) {
      ex.reason = "for_each of " + what + " has too many elements; not expanded";
      return ex;
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    ex.kind = Expansion::Kind::kMap;
    for (const std::string& k : keys) {
      Value v;
      for (const Value& item : fe.items())
        if (item.text() == k) v = item;
      ex.keys.emplace_back(Value::string(k, for_each->loc), v);
    }
    return ex;
  }
  ex.reason = "for_each of " + what + " must be a map or a set of strings, not " + fe.to_display();
  return ex;
}

Scope ModuleInstance::instance_scope(const Expansion& ex, const Value& key, const Value& item) const {
  Scope s;
  switch (ex.kind) {
    case Expansion::Kind::kSingle: break;
    case Expansion::Kind::kList: s.symbols.emplace_back("count", Value::map({{"index", key}}, key.loc())); break;
    case Expansion::Kind::kMap:
      s.symbols.emplace_back("each", Value::map({{"key", key}, {"value", item}}, key.loc()));
      break;
    case Expansion::Kind::kUnknown: {
      Value u = Value::unknown(ex.reason);
      s.symbols.emplace_back("count", Value::map({{"index", u}}));
      s.symbols.emplace_back("each", Value::map({{"key", u}, {"value", u}}));
      break;
    }
  }
  return s;
}

Value ModuleInstance::eval_body(const hcl::Body& body, const Scope* scope, bool top_level) {
  ExprEvaluator ev(*this, state_);
  std::vector<Value::Entry> entries;
  for (const hcl::Attribute& a : body.attributes) {
    if (top_level && is_resource_meta(a.name)) continue;
    Value v = ev.eval(a.expr, scope);
    if (!v.loc().valid()) v.set_loc(a.loc);
    entries.emplace_back(a.name, std::move(v));
  }
  auto slot = [&](const std::string& name, const SourceLoc& loc) -> Value& {
    for (Value::Entry& e : entries)
      if (e.first == name) return e.second;
    entries.emplace_back(name, Value::list({}, loc));
    return entries.back().second;
  };
  for (const hcl::Block& b : body.blocks) {
    if (top_level && is_skipped_block(b.type)) continue;
    if (b.type == "dynamic" && !b.labels.empty()) {
      const std::string& name = b.labels[0];
      Value& list = slot(name, b.loc);
      const hcl::Attribute* fe = b.body.attribute("for_each");
      const hcl::Block* content = nullptr;
      for (const hcl::Block& c : b.body.blocks)
        if (c.type == "content") content = &c;
      if (!fe || !content) continue;
      std::string iter = name;
      if (const hcl::Attribute* it = b.body.attribute("iterator")) iter = it->expr.text;
      Value coll = ev.eval(fe->expr, scope);
      if (!list.known()) continue;
      if (!coll.known()) {
        list = Value::unknown("dynamic block \"" + name + "\": for_each is unknown: " + std::string(coll.text()), b.loc);
        continue;
      }
      std::vector<std::pair<Value, Value>> elems;
      if (coll.is_list()) {
        for (std::size_t i = 0; i < coll.items().size(); ++i)
          elems.emplace_back(Value::number(static_cast<double>(i), fe->loc), coll.items()[i]);
      } else if (coll.is_map()) {
        for (const Value::Entry* e : sorted_entries(coll)) elems.emplace_back(Value::string(e->first, fe->loc), e->second);
      } else if (!coll.is_null()) {
        list = error_value("dynamic block \"" + name + "\": for_each must be a collection", b.loc);
        continue;
      }
      for (auto& [k, v] : elems) {
        Scope inner;
        inner.parent = scope;
        inner.symbols.emplace_back(iter, Value::map({{"key", k}, {"value", v}}, b.loc));
        Value m = eval_body(content->body, &inner, false);
        m.set_loc(content->loc);
        list.mutable_items().push_back(std::move(m));
      }
      continue;
    }
    Value& list = slot(b.type, b.loc);
    if (!list.is_list()) continue;  // an unknown dynamic block of the same name
    Value m = eval_body(b.body, scope, false);
    m.set_loc(b.loc);
    list.mutable_items().push_back(std::move(m));
  }
  return Value::map(std::move(entries));
}

ModuleInstance::ResourceState& ModuleInstance::resource(const std::string& key, const hcl::Block& block) {
  ResourceState& st = resources_[key];
  if (st.status != Status::kNew) return st;
  st.status = Status::kBusy;
  std::string base = address_of(block);
  st.expansion = expand(block.body, base);
  if (state_.resource_instances + st.expansion.keys.size() > kMaxResourceInstances) {
    st.expansion.kind = Expansion::Kind::kUnknown;
    st.expansion.keys.clear();
    st.expansion.reason = "more than " + std::to_string(kMaxResourceInstances) + " resource instances in this scan";
    state_.diagnose(block.loc, base + ": " + st.expansion.reason + "; not expanded");
  }
  state_.resource_instances += std::max<std::size_t>(1, st.expansion.keys.size());
  std::vector<std::pair<Value, Value>> keys = st.expansion.keys;
  if (st.expansion.kind == Expansion::Kind::kSingle) keys.emplace_back(Value::null(), Value::null());
  if (st.expansion.kind == Expansion::Kind::kUnknown) keys.emplace_back(Value::unknown(st.expansion.reason), Value::null());
  for (auto& [k, item] : keys) {
    Instance inst;
    inst.key = k;
    inst.address = base + key_suffix(k);
    Scope sc = instance_scope(st.expansion, k, item);
    inst.attrs = eval_body(block.body, &sc, true);
    inst.attrs.set_loc(block.loc);
    inst.object = inst.attrs;
    if (!inst.object.get("id")) inst.object.set("id", Value::unknown("ref:" + inst.address + ".id", block.loc));
    const Value* name = inst.object.get("name");
    if (!name || !name->known())
      inst.object.set("name", Value::unknown("ref:" + inst.address + ".name", name ? name->loc() : block.loc));
    st.instances.push_back(std::move(inst));
  }
  switch (st.expansion.kind) {
    case Expansion::Kind::kSingle: st.whole = st.instances[0].object; break;
    case Expansion::Kind::kUnknown: st.whole = Value::unknown(st.expansion.reason, block.loc); break;
    case Expansion::Kind::kList: {
      std::vector<Value> items;
      for (const Instance& i : st.instances) items.push_back(i.object);
      st.whole = Value::list(std::move(items), block.loc);
      break;
    }
    case Expansion::Kind::kMap: {
      std::vector<Value::Entry> entries;
      for (const Instance& i : st.instances) entries.emplace_back(i.key.text(), i.object);
      st.whole = Value::map(std::move(entries), block.loc);
      break;
    }
  }
  st.status = Status::kDone;
  return st;
}

ModuleInstance::CallState& ModuleInstance::call(const std::string& name, const hcl::Block& block) {
  CallState& cs = calls_[name];
  if (cs.status != Status::kNew) return cs;
  cs.status = Status::kBusy;
  std::string base = prefix_ + "module." + name;
  cs.source = ModuleSet::source_of(block);
  cs.target = ModuleSet::resolve_source(def_.dir, cs.source);
  if (cs.source.empty()) {
    cs.unavailable = "module \"" + name + "\" has no literal source; its outputs are unknown";
  } else if (!cs.target.local) {
    cs.unavailable = "module \"" + name + "\" has a remote source (\"" + cs.source + "\"); its outputs are unknown";
  } else if (cs.target.outside) {
    cs.unavailable = "module \"" + name + "\" source \"" + cs.source + "\" is outside the scan root";
    state_.diagnose(block.loc, "module \"" + name + "\": source \"" + cs.source +
                                   "\" is outside the scan root; not evaluated (its outputs are unknown)");
  } else if (!(cs.def = set_.find(cs.target.dir))) {
    cs.unavailable = "module \"" + name + "\" source \"" + cs.source + "\" has no Terraform files in the scan";
    state_.diagnose(block.loc, "module \"" + name + "\": source \"" + cs.source +
                                   "\" has no Terraform files in the scan; its outputs are unknown");
  }
  cs.expansion = expand(block.body, base);
  std::vector<std::pair<Value, Value>> keys = cs.expansion.keys;
  if (cs.expansion.kind == Expansion::Kind::kSingle) keys.emplace_back(Value::null(), Value::null());
  if (cs.expansion.kind == Expansion::Kind::kUnknown) keys.emplace_back(Value::unknown(cs.expansion.reason), Value::null());
  for (auto& [k, item] : keys) {
    Child child;
    child.key = k;
    child.address = base + key_suffix(k);
    if (!cs.unavailable.empty()) {
      child.unavailable = cs.unavailable;
    } else if (depth_ + 1 > kMaxModuleDepth) {
      child.unavailable = "module nesting deeper than " + std::to_string(kMaxModuleDepth) + " levels";
      state_.diagnose(block.loc, child.address + ": " + child.unavailable + "; not evaluated");
    } else if (has_ancestor(cs.def)) {
      child.unavailable = "module \"" + name + "\" calls itself (directly or indirectly)";
      state_.diagnose(block.loc, child.address + ": " + child.unavailable + "; not evaluated");
    } else if (state_.module_instances >= kMaxModuleInstances) {
      child.unavailable = "too many module instances";
      state_.diagnose(block.loc, child.address + ": more than " + std::to_string(kMaxModuleInstances) +
                                     " module instances in this scan; not evaluated");
    } else {
      Scope sc = instance_scope(cs.expansion, k, item);
      ExprEvaluator ev(*this, state_);
      std::map<std::string, Value> inputs;
      for (const hcl::Attribute& a : block.body.attributes) {
        if (is_module_meta(a.name)) continue;
        Value v = bounded(ev.eval(a.expr, &sc), a.loc);
        if (!v.loc().valid()) v.set_loc(a.loc);
        inputs[a.name] = std::move(v);
      }
      child.instance = std::make_unique<ModuleInstance>(state_, set_, *cs.def, child.address, root_dir_, this,
                                                        std::move(inputs));
    }
    cs.children.push_back(std::move(child));
  }
  cs.status = Status::kDone;
  return cs;
}

Value ModuleInstance::variable(const std::string& name, const SourceLoc& loc) {
  auto decl_it = def_.variables.find(name);
  if (decl_it == def_.variables.end()) return error_value("reference to undeclared variable \"" + name + "\"", loc);
  Cached& c = variables_[name];
  if (c.status == Status::kDone) return c.value;
  if (c.status == Status::kBusy) return Value::unknown("variable \"" + name + "\" refers to itself", loc);
  c.status = Status::kBusy;
  const hcl::Block& decl = *decl_it->second;
  Value v;
  auto in = inputs_.find(name);
  if (in != inputs_.end()) {
    v = convert_to_type(in->second, primitive_type(decl));
  } else if (const hcl::Attribute* d = decl.body.attribute("default")) {
    DetachedContext detached(def_.dir, root_dir_);
    ExprEvaluator ev(detached, state_);
    v = convert_to_type(ev.eval(d->expr, nullptr), primitive_type(decl));
  } else {
    v = Value::unknown("variable \"" + name + "\" has no value");
  }
  if (const hcl::Attribute* t = decl.body.attribute("type")) v = apply_type_defaults(std::move(v), t->expr, state_, 0);
  c.value = v;
  c.status = Status::kDone;
  return v;
}

Value ModuleInstance::local(const std::string& name, const SourceLoc& loc) {
  auto decl = def_.locals.find(name);
  if (decl == def_.locals.end()) return error_value("reference to undeclared local value \"" + name + "\"", loc);
  Cached& c = locals_[name];
  if (c.status == Status::kDone) return c.value;
  if (c.status == Status::kBusy) return Value::unknown("local.\"" + name + "\" refers to itself (cycle)", loc);
  c.status = Status::kBusy;
  ExprEvaluator ev(*this, state_);
  Value v = bounded(ev.eval(decl->second->expr, nullptr), decl->second->loc);
  c.value = v;
  c.status = Status::kDone;
  return v;
}

Value ModuleInstance::output(const std::string& name, const SourceLoc& loc) {
  if (name.empty()) {
    std::vector<Value::Entry> all;
    for (const auto& [n, block] : def_.outputs) all.emplace_back(n, output(n, loc));
    return Value::map(std::move(all), loc);
  }
  auto decl = def_.outputs.find(name);
  if (decl == def_.outputs.end())
    return error_value(module_path_ + " has no output \"" + name + "\"", loc);
  Cached& c = outputs_[name];
  if (c.status == Status::kDone) return c.value;
  if (c.status == Status::kBusy) return Value::unknown("output \"" + name + "\" refers to itself (cycle)", loc);
  c.status = Status::kBusy;
  Value v = Value::null(decl->second->loc);
  if (const hcl::Attribute* a = decl->second->body.attribute("value")) {
    ExprEvaluator ev(*this, state_);
    v = bounded(ev.eval(a->expr, nullptr), a->loc);
    if (!v.loc().valid()) v.set_loc(a->loc);
  }
  c.value = v;
  c.status = Status::kDone;
  return v;
}

Value ModuleInstance::resolve_resource(const std::string& key, const std::vector<Step>& steps, std::size_t first,
                                       std::size_t* used, std::string* ref_path, const SourceLoc& loc) {
  *used = first;
  auto it = def_.resource_index.find(key);
  if (it == def_.resource_index.end()) return error_value("reference to undeclared resource " + key, loc);
  ResourceState& st = resource(key, *it->second);
  std::string base = address_of(*it->second);
  if (st.status == Status::kBusy) return Value::unknown(base + " refers to itself (cycle)", loc);
  switch (st.expansion.kind) {
    case Expansion::Kind::kSingle:
      *ref_path = base;
      return st.instances[0].object;
    case Expansion::Kind::kUnknown:
      if (steps.size() > first && !steps[first].attr) {
        *used = first + 1;
        *ref_path = base + "[*]";
        return st.instances[0].object;
      }
      return st.whole;
    default:
      *ref_path = base;
      return st.whole;
  }
}

Value ModuleInstance::resolve_module(const std::vector<Step>& steps, std::size_t* used, const SourceLoc& loc) {
  *used = 1;
  const std::string& name = steps[0].name;
  auto it = def_.call_index.find(name);
  if (it == def_.call_index.end()) return error_value("reference to undeclared module \"" + name + "\"", loc);
  CallState& cs = call(name, *it->second);
  if (cs.status == Status::kBusy) return Value::unknown("module \"" + name + "\" refers to itself (cycle)", loc);
  auto child_output = [&](Child& c, const std::string& out) {
    if (!c.instance) return Value::unknown(c.unavailable, loc);
    return c.instance->output(out, loc);
  };
  auto pick = [&](Child& c, std::size_t next) {
    if (steps.size() > next && steps[next].attr) {
      *used = next + 1;
      return child_output(c, steps[next].name);
    }
    *used = next;
    return child_output(c, "");
  };
  switch (cs.expansion.kind) {
    case Expansion::Kind::kSingle: return pick(cs.children[0], 1);
    case Expansion::Kind::kUnknown:
      if (steps.size() > 1 && !steps[1].attr) return pick(cs.children[0], 2);
      return Value::unknown(cs.expansion.reason, loc);
    case Expansion::Kind::kList:
    case Expansion::Kind::kMap: {
      if (steps.size() > 1 && !steps[1].attr) {
        const Value& k = steps[1].key;
        if (!k.known()) {
          *used = 2;
          return Value::unknown(k.text(), loc);
        }
        std::string ks;
        to_string(k, &ks);
        for (Child& c : cs.children) {
          std::string cks;
          to_string(c.key, &cks);
          if (cks == ks) return pick(c, 2);
        }
        *used = 2;
        return error_value("module." + name + key_suffix(k) + " does not exist", loc);
      }
      if (cs.expansion.kind == Expansion::Kind::kList) {
        std::vector<Value> items;
        for (Child& c : cs.children) items.push_back(child_output(c, ""));
        return Value::list(std::move(items), loc);
      }
      std::vector<Value::Entry> entries;
      for (Child& c : cs.children) entries.emplace_back(c.key.text(), child_output(c, ""));
      return Value::map(std::move(entries), loc);
    }
  }
  return Value::unknown("module \"" + name + "\"", loc);
}

Value ModuleInstance::resolve(const std::string& root, const std::vector<Step>& steps, std::size_t* used,
                              std::string* ref_path, const SourceLoc& loc) {
  *used = 0;
  bool first_attr = !steps.empty() && steps[0].attr;
  if (root == "var" || root == "local") {
    if (!first_attr) return error_value(root + " must be followed by a name", loc);
    *used = 1;
    return root == "var" ? variable(steps[0].name, loc) : local(steps[0].name, loc);
  }
  if (root == "module") {
    if (!first_attr) return error_value("module must be followed by a name", loc);
    return resolve_module(steps, used, loc);
  }
  if (root == "data") {
    if (steps.size() < 2 || !steps[0].attr || !steps[1].attr) return error_value("incomplete data source reference", loc);
    return resolve_resource("data." + steps[0].name + "." + steps[1].name, steps, 2, used, ref_path, loc);
  }
  if (root == "path") {
    if (!first_attr) return error_value("path must be followed by module, root or cwd", loc);
    *used = 1;
    const std::string& what = steps[0].name;
    if (what == "module") return Value::string(path_module_, loc);
    if (what == "root" || what == "cwd") return Value::string(path_root_, loc);
    return error_value("unknown path." + what, loc);
  }
  if (root == "terraform") {
    if (first_attr && steps[0].name == "workspace") {
      *used = 1;
      return Value::string("default", loc);
    }
    return Value::unknown("terraform.* is not evaluated", loc);
  }
  if (root == "count" || root == "each") return error_value(root + " used outside of a " + (root == "count" ? "count" : "for_each") + " block", loc);
  if (root == "self") return Value::unknown("self is not evaluated", loc);
  if (first_attr) return resolve_resource(root + "." + steps[0].name, steps, 1, used, ref_path, loc);
  return error_value("unknown reference \"" + root + "\"", loc);
}

void ModuleInstance::emit(Model& model) {
  for (const hcl::Block* block : def_.resources) {
    std::string key = (block->type == "data" ? "data." : "") + block->labels[0] + "." + block->labels[1];
    ResourceState& st = resource(key, *block);
    for (const Instance& inst : st.instances) {
      Resource r;
      r.mode = block->type;
      r.type = block->labels[0];
      r.name = block->labels[1];
      r.module_path = module_path_;
      r.root_dir = root_dir_;
      r.address = inst.address;
      r.attrs = inst.attrs;
      r.loc = header_loc(block->loc, state_.sources);
      model.resources.push_back(std::move(r));
    }
  }
  for (const hcl::Block* block : def_.calls) {
    CallState& cs = call(block->labels[0], *block);
    for (Child& c : cs.children) {
      ModuleCall mc;
      mc.address = c.address;
      mc.source = cs.source;
      mc.local = cs.target.local && !cs.target.outside && cs.def != nullptr;
      mc.dir = mc.local ? cs.target.dir : std::string();
      mc.loc = header_loc(block->loc, state_.sources);
      model.modules.push_back(std::move(mc));
      if (c.instance) c.instance->emit(model);
    }
  }
}

}  // namespace drlint::eval
